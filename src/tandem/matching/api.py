"""Suggestions and the cross-language search in API v1: public data only.

Reasons come as codes with parameters (for programs) and as a sentence in the
reader's language (``?lang=`` or ``Accept-Language``).  Every answer names the
encoder in use.
"""

from typing import Annotated, Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import translation
from ninja import Field, Query, Router, Schema

from tandem.accounts.api import optional_token_auth
from tandem.accounts.http import PublicApiRequest
from tandem.api.common import ERRORS, PK
from tandem.directory.selectors import (
    DirectoryFilters,
    public_opportunities,
    public_organisations,
)
from tandem.i18n import language_codes
from tandem.matching import indexing, services
from tandem.matching.reasons import ShownReason
from tandem.matching.selectors import (
    MAX_TOP,
    SearchHit,
    ShownSuggestion,
    Suggestions,
    semantic_search,
    suggestions_for_opportunity,
    suggestions_for_organisation,
)

router = Router(tags=["matching"])

Top = Annotated[int, Query(ge=1, le=MAX_TOP, description=f"At most {MAX_TOP}.")]
Lang = Annotated[
    str,
    Query(
        pattern="^(|de|ro|en)$",
        description="Language of the reasons' text: de, ro or en "
        "(default: Accept-Language).",
    ),
]


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


def _reason(reason: ShownReason) -> ReasonOut:
    return ReasonOut(code=reason.code, params=reason.params, text=reason.text)


def _suggestion(item: ShownSuggestion) -> SuggestionOut:
    target = item.opportunity or item.organisation
    return SuggestionOut(
        kind="opportunity" if item.opportunity else "organisation",
        slug=item.organisation.slug,
        id=item.opportunity.pk if item.opportunity else None,
        external_id=target.external_id,
        name=item.opportunity.title if item.opportunity else item.organisation.name,
        city=item.organisation.city.slug,
        score=item.score,
        band=item.band,
        reasons=[_reason(reason) for reason in item.reasons],
        sentence_pair=SentencePairOut(**vars(item.pair)) if item.pair else None,
    )


def _suggestions(result: Suggestions) -> SuggestionsOut:
    return SuggestionsOut(
        encoder=result.encoder,
        state=result.state,
        partner_cities=[city.slug for city in result.partner_cities],
        suggestions=[_suggestion(item) for item in result.items],
    )


def _hit(hit: SearchHit) -> SearchHitOut:
    return SearchHitOut(
        slug=hit.organisation.slug,
        external_id=hit.organisation.external_id,
        name=hit.organisation.name,
        city=hit.organisation.city.slug,
        score=hit.score,
        semantic=hit.semantic,
        lexical=hit.lexical,
        reasons=[_reason(reason) for reason in hit.reasons],
    )


def _language(request: HttpRequest, lang: str) -> str:
    if lang in language_codes():
        return lang
    return translation.get_language_from_request(request)


@router.get(
    "/organisations/{slug}/suggestions",
    response={200: SuggestionsOut, **ERRORS},
    auth=optional_token_auth,
)
def organisation_suggestions(
    request: PublicApiRequest, slug: str, top: Top = 10, lang: Lang = ""
) -> SuggestionsOut:
    """Suggested partners of a public organisation, from its partner city, best first."""
    organisation = get_object_or_404(public_organisations(), slug=slug)
    services.prepare_suggestions(profile=organisation)
    with translation.override(_language(request, lang)):
        result = suggestions_for_organisation(
            viewer=request.auth, organisation=organisation, top_k=top
        )
        return _suggestions(result)


@router.get(
    "/opportunities/{id}/suggestions",
    response={200: SuggestionsOut, **ERRORS},
    auth=optional_token_auth,
)
def opportunity_suggestions(
    request: PublicApiRequest, id: PK, top: Top = 10, lang: Lang = ""
) -> SuggestionsOut:
    """Opportunities of the partner city that fit a public opportunity: offers
    for a request and requests for an offer first."""
    opportunity = get_object_or_404(public_opportunities(), pk=id)
    services.prepare_suggestions(profile=opportunity)
    with translation.override(_language(request, lang)):
        result = suggestions_for_opportunity(
            viewer=request.auth, opportunity=opportunity, top_k=top
        )
        return _suggestions(result)


@router.get("/search", response={200: SearchOut, **ERRORS}, auth=optional_token_auth)
def search(
    request: PublicApiRequest,
    q: Annotated[str, Query(min_length=1, max_length=200)],
    city: str = "",
    top: Top = 20,
    lang: Lang = "",
) -> SearchOut:
    """Public organisations matching ``q`` in any of German, Romanian and English."""
    try:
        encoder = indexing.get_encoder()
        name, neural = encoder.name, bool(encoder.neural)
    except indexing.EncoderUnavailable:
        name, neural = "", False
    with translation.override(_language(request, lang)):
        # Public data only, whoever asks.
        hits = semantic_search(
            viewer=AnonymousUser(),
            q=q,
            filters=DirectoryFilters(city=city),
            limit=top,
        )
        results = [_hit(hit) for hit in hits]
    return SearchOut(encoder=name, semantic=neural, count=len(hits), results=results)
