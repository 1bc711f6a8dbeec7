"""Engine input from the directory's rows: profiles of organisations and
opportunities, and the stored vectors of their texts."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
from django.db.models import Prefetch

from tandem.directory.models import Opportunity, Organisation
from tandem.directory.selectors import public_opportunities
from tandem.matching import engine
from tandem.matching.models import Embedding
from tandem.partnerships.models import Area


def area_slugs(areas: Iterable[Area]) -> frozenset[str]:
    slugs: set[str] = set()
    for area in areas:
        slugs.add(area.slug)
        if area.parent_id:
            slugs.add(area.parent.slug)  # type: ignore[union-attr]  # parent_id is set
    return frozenset(slugs)


_PROFILE_FIELDS = {f.name for f in dataclasses.fields(engine.Profile)}


def _profile(**values: Any) -> engine.Profile:
    """An engine profile from the values it knows (it may not take them all)."""
    return engine.Profile(**{k: v for k, v in values.items() if k in _PROFILE_FIELDS})


def _opportunity_sides(
    opportunities: Iterable[Opportunity],
) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(offers, requests, partner kinds sought) of an organisation's opportunities."""
    offers: set[str] = set()
    requests: set[str] = set()
    kinds: set[str] = set()
    for opportunity in opportunities:
        subject, _sep, side = opportunity.kind.rpartition("_")
        (offers if side == "offer" else requests).add(subject)
        kinds.update(opportunity.partner_kinds)
    return frozenset(offers), frozenset(requests), frozenset(kinds)


def organisation_profile(
    organisation: Organisation, opportunities: Sequence[Opportunity]
) -> engine.Profile:
    offers, requests, kinds = _opportunity_sides(opportunities)
    return _profile(
        key=f"org:{organisation.pk}",
        kind="organisation",
        organisation_id=organisation.pk,
        city_id=organisation.city_id,
        org_kind=organisation.kind,
        opportunity_kind=None,
        partner_kinds=kinds,
        areas=area_slugs(organisation.areas.all()),
        verified=organisation.verification == Organisation.Verification.VERIFIED,
        updated_at=organisation.updated_at,
        expires_at=None,
        language=organisation.language,
        offers=offers,
        requests=requests,
    )


def opportunity_profile(opportunity: Opportunity) -> engine.Profile:
    organisation = opportunity.organisation
    subject, _sep, side = opportunity.kind.rpartition("_")
    return _profile(
        key=f"opp:{opportunity.pk}",
        kind="opportunity",
        organisation_id=organisation.pk,
        city_id=organisation.city_id,
        org_kind=organisation.kind,
        opportunity_kind=opportunity.kind,
        partner_kinds=frozenset(opportunity.partner_kinds),
        areas=area_slugs(opportunity.areas.all()),
        verified=organisation.verification == Organisation.Verification.VERIFIED,
        updated_at=opportunity.updated_at,
        expires_at=opportunity.expires_at,
        language=opportunity.language,
        offers=frozenset({subject}) if side == "offer" else frozenset(),
        requests=frozenset({subject}) if side == "request" else frozenset(),
    )


def profile_with_areas(
    profile: engine.Profile, areas: Sequence[Area]
) -> engine.Profile:
    return dataclasses.replace(profile, areas=area_slugs(areas))


def area_map(
    source_areas: Iterable[Area], candidates: Iterable[Organisation | Opportunity]
) -> dict[str, Area]:
    areas: dict[str, Area] = {}
    for area in source_areas:
        areas[area.slug] = area
        if area.parent_id:
            areas[area.parent.slug] = area.parent  # type: ignore[union-attr, assignment]  # parent_id is set
    for candidate in candidates:
        for area in candidate.areas.all():
            areas.setdefault(area.slug, area)
            if area.parent_id:
                areas.setdefault(area.parent.slug, area.parent)  # type: ignore[union-attr, arg-type]  # parent_id is set
    return areas


def areas_prefetch() -> Prefetch:
    return Prefetch("areas", queryset=Area.objects.select_related("parent"))


def published_prefetch() -> Prefetch:
    return Prefetch(
        "opportunities",
        queryset=public_opportunities().select_related(None).order_by("pk"),
        to_attr="published_opportunities",
    )


def vector(blob: Any) -> np.ndarray:
    return np.frombuffer(bytes(blob), dtype=np.float32)


def sentence_vectors(embedding: Embedding) -> engine.SentenceVectors:
    return engine.SentenceVectors(
        sentences=tuple(embedding.sentences),
        vectors=vector(embedding.sentence_vectors).reshape(-1, embedding.dim),
        language=embedding.language,
    )
