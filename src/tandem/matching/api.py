"""Suggestions and the cross-language search in API v1: public data only.

Reasons come as codes with parameters (for programs) and as a sentence in the
reader's language (``?lang=`` or ``Accept-Language``).  Every answer names the
encoder in use.
"""

from typing import Annotated, Any

from django.shortcuts import get_object_or_404
from django.utils import translation
from ninja import Field, Path, Query, Router, Schema

from tandem.api.common import ErrorOut
from tandem.directory.selectors import (
    DirectoryFilters,
    public_opportunities,
    public_organisations,
)
from tandem.i18n import language_codes
from tandem.matching import indexing, services
from tandem.matching.selectors import (
    MAX_TOP,
    ShownSuggestion,
    Suggestions,
    semantic_search,
    suggestions_for_opportunity,
    suggestions_for_organisation,
)

router = Router(tags=["matching"])

PK = Annotated[int, Path(ge=1, le=2**63 - 1)]
Top = Annotated[int, Query(ge=1, le=MAX_TOP, description=f"At most {MAX_TOP}.")]
Lang = Annotated[
    str,
    Query(
        pattern="^(|de|ro|en)$",
        description="Language of the reasons' text: de, ro or en "
        "(default: Accept-Language).",
    ),
]
ERRORS: dict[int, Any] = {400: ErrorOut, 404: ErrorOut}


class ReasonOut(Schema):
    code: str
    params: dict[str, Any]
    text: str


class SentencePairOut(Schema):
    source: str
    source_language: str
    candidate: str
    candidate_language: str
    similarity: float
    translation: str
    translation_language: str


class SuggestionOut(Schema):
    kind: str = Field(..., description="organisation or opportunity")
    slug: str = Field(..., description="Slug of the (opportunity's) organisation.")
    id: int | None = Field(None, description="Opportunity id, for opportunities.")
    external_id: str | None
    name: str
    city: str
    score: float
    band: str
    reasons: list[ReasonOut]
    sentence_pair: SentencePairOut | None


class SuggestionsOut(Schema):
    encoder: str
    state: str = Field(..., description="ready, preparing, no_partner or unavailable")
    partner_cities: list[str]
    suggestions: list[SuggestionOut]


class SearchHitOut(Schema):
    slug: str
    external_id: str | None
    name: str
    city: str
    score: float
    semantic: float | None
    lexical: float
    reasons: list[ReasonOut]


class SearchOut(Schema):
    encoder: str
    semantic: bool = Field(..., description="False: lexical search only.")
    count: int
    results: list[SearchHitOut]


def _suggestion(item: ShownSuggestion) -> dict[str, Any]:
    target = item.opportunity or item.organisation
    return {
        "kind": "opportunity" if item.opportunity else "organisation",
        "slug": item.organisation.slug,
        "id": item.opportunity.pk if item.opportunity else None,
        "external_id": target.external_id,
        "name": item.opportunity.title if item.opportunity else item.organisation.name,
        "city": item.organisation.city.slug,
        "score": item.score,
        "band": item.band,
        "reasons": [vars(reason) for reason in item.reasons],
        "sentence_pair": vars(item.pair) if item.pair else None,
    }


def _suggestions(result: Suggestions) -> dict[str, Any]:
    return {
        "encoder": result.encoder,
        "state": result.state,
        "partner_cities": [city.slug for city in result.partner_cities],
        "suggestions": [_suggestion(item) for item in result.items],
    }


def _language(request: Any, lang: str) -> str:
    if lang in language_codes():
        return lang
    return translation.get_language_from_request(request)


@router.get(
    "/organisations/{slug}/suggestions",
    response={200: SuggestionsOut, **ERRORS},
    auth=None,
)
def organisation_suggestions(
    request: Any, slug: str, top: Top = 10, lang: Lang = ""
) -> dict[str, Any]:
    """Suggested partners of a public organisation, from its partner city, best first."""
    organisation = get_object_or_404(public_organisations(), slug=slug)
    services.prepare_suggestions(profile=organisation)
    with translation.override(_language(request, lang)):
        result = suggestions_for_organisation(
            viewer=request.user, organisation=organisation, top_k=top
        )
        return _suggestions(result)


@router.get(
    "/opportunities/{id}/suggestions",
    response={200: SuggestionsOut, **ERRORS},
    auth=None,
)
def opportunity_suggestions(
    request: Any, id: PK, top: Top = 10, lang: Lang = ""
) -> dict[str, Any]:
    """Opportunities of the partner city that fit a public opportunity: offers
    for a request and requests for an offer first."""
    opportunity = get_object_or_404(public_opportunities(), pk=id)
    services.prepare_suggestions(profile=opportunity)
    with translation.override(_language(request, lang)):
        result = suggestions_for_opportunity(
            viewer=request.user, opportunity=opportunity, top_k=top
        )
        return _suggestions(result)


@router.get("/search", response={200: SearchOut, **ERRORS}, auth=None)
def search(
    request: Any,
    q: Annotated[str, Query(min_length=1, max_length=200)],
    city: str = "",
    top: Top = 20,
    lang: Lang = "",
) -> dict[str, Any]:
    """Public organisations matching ``q`` in any of German, Romanian and English."""
    from django.contrib.auth.models import AnonymousUser

    with translation.override(_language(request, lang)):
        hits = semantic_search(
            viewer=AnonymousUser(),
            q=q,
            filters=DirectoryFilters(city=city),
            limit=top,
        )
        try:
            encoder = indexing.get_encoder()
            name, neural = encoder.name, bool(encoder.neural)
        except indexing.EncoderUnavailable:
            name, neural = "", False
        return {
            "encoder": name,
            "semantic": neural,
            "count": len(hits),
            "results": [
                {
                    "slug": hit.organisation.slug,
                    "external_id": hit.organisation.external_id,
                    "name": hit.organisation.name,
                    "city": hit.organisation.city.slug,
                    "score": hit.score,
                    "semantic": hit.semantic,
                    "lexical": hit.lexical,
                    "reasons": [vars(reason) for reason in hit.reasons],
                }
                for hit in hits
            ],
        }
