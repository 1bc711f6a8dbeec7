"""Reasons of a suggestion as sentences in the reader's language.

The engine gives codes and plain parameters (area slugs, kinds, a similarity);
this module translates them.  Area names come from the ``Area`` rows, in the
reader's language; an unknown code gets a neutral sentence rather than an error.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from tandem.directory.models import OrganisationKind
from tandem.matching.engine import Reason
from tandem.matching.explain import plain
from tandem.partnerships.models import Area


def _kind_label(value: str) -> str:
    try:
        return str(OrganisationKind(value).label)
    except ValueError:
        return value


def _subjects(subjects: Iterable[str]) -> str:
    labels = {
        "business": _("business cooperation"),
        "technology": _("technology"),
        "research": _("research cooperation"),
        "knowledge": _("knowledge"),
    }
    return str(get_text_list([labels.get(s, s) for s in subjects], _("and")))


def _names(slugs: Iterable[str], areas: Mapping[str, Area]) -> list[str]:
    return [areas[slug].name if slug in areas else slug for slug in slugs]


def band_label(band: str) -> str:
    labels = {
        # Translators: how well a suggested partner fits.
        "strong": _("Strong match"),
        "good": _("Good match"),
        "possible": _("Possible match"),
    }
    return labels.get(band, band)


def reason_text(code: str, params: Mapping[str, Any], areas: Mapping[str, Area]) -> str:
    """One reason as a sentence; ``areas`` maps slugs to areas for their names."""
    if code == "shared_areas":
        # Area names may contain "and" themselves: quote each one.
        names = [
            pgettext("an area name in quotes", "“%(name)s”") % {"name": name}
            for name in _names(params.get("areas", []), areas)
        ]
        return ngettext(
            "Works in the same area: %(areas)s.",
            "Works in the same areas: %(areas)s.",
            len(names),
        ) % {"areas": str(get_text_list(names, _("and")))}
    if code == "offer_meets_request":
        # The source offers what the candidate requests.
        return _("Looks for what you offer: %(subjects)s.") % {
            "subjects": _subjects(params.get("subjects", []))
        }
    if code == "request_meets_offer":
        return _("Offers what you look for: %(subjects)s.") % {
            "subjects": _subjects(params.get("subjects", []))
        }
    if code == "seeks_your_kind":
        return _("Looks for partners of your kind (%(kind)s).") % {
            "kind": _kind_label(str(params.get("kind", "")))
        }
    if code == "kind_you_seek":
        return _("Is the kind of partner you look for (%(kind)s).") % {
            "kind": _kind_label(str(params.get("kind", "")))
        }
    if code == "similar_text":
        languages = {params.get("source_language"), params.get("candidate_language")}
        if len(languages - {None}) == 2:
            return _("Describes similar work, in another language.")
        return _("Describes similar work.")
    if code == "verified":
        return _("Verified by its city's coordinator.")
    if code == "recent":
        days = int(params.get("days", 0))
        return (
            ngettext("Updated %(days)d day ago.", "Updated %(days)d days ago.", days)
            % {"days": days}
            if days
            else _("Updated today.")
        )
    if code == "you_marked_interested":
        return _("Your organisation marked it as interesting.")
    if code == "no_description":
        return _(
            "Suggested from areas and kind only: there is no description to compare."
        )
    return _("Fits your profile.")


@dataclass(frozen=True)
class ShownReason:
    """A reason with its parameters as JSON values and its sentence."""

    code: str
    params: dict[str, Any]
    text: str


def shown_reasons(
    reasons: Iterable[Reason], areas: Mapping[str, Area]
) -> tuple[ShownReason, ...]:
    return tuple(
        ShownReason(
            code=reason.code,
            params=plain(reason.params),
            text=reason_text(reason.code, reason.params, areas),
        )
        for reason in reasons
    )
