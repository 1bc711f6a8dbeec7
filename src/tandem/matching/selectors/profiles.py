"""Engine input from the directory's rows: profiles of organisations and
opportunities, and the stored vectors of their texts."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import numpy.typing as npt
from django.db.models import Prefetch, QuerySet

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
    return engine.Profile(
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
    return engine.Profile(
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


def _areas_prefetch() -> Prefetch[str, QuerySet[Area], str]:
    return Prefetch("areas", queryset=Area.objects.select_related("parent"))


def organisation_rows(rows: QuerySet[Organisation]) -> QuerySet[Organisation]:
    """The organisations with what their profiles read: areas with parents and
    published opportunities (``published_opportunities``)."""
    published: Prefetch[str, QuerySet[Opportunity], str] = Prefetch(
        "opportunities",
        queryset=public_opportunities().select_related(None).order_by("pk"),
        to_attr="published_opportunities",
    )
    return rows.prefetch_related(_areas_prefetch(), published)


def opportunity_rows(rows: QuerySet[Opportunity]) -> QuerySet[Opportunity]:
    """The opportunities with what their profiles read: organisation and areas."""
    return rows.select_related("organisation__city").prefetch_related(_areas_prefetch())


def vector(blob: bytes | memoryview) -> npt.NDArray[np.float32]:
    return np.frombuffer(bytes(blob), dtype=np.float32)


def sentence_vectors(embedding: Embedding) -> engine.SentenceVectors:
    return engine.SentenceVectors(
        sentences=tuple(embedding.sentences),
        vectors=vector(embedding.sentence_vectors).reshape(-1, embedding.dim),
        language=embedding.language,
    )
