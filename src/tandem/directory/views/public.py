"""Public pages of the directory: lists and detail pages of organisations and opportunities."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from tandem.directory.selectors import (
    DirectoryFilters,
    search_organisations,
    visible_opportunities,
    visible_organisations,
)
from tandem.http import HtmxHttpRequest


def organisation_list(request: HtmxHttpRequest) -> HttpResponse:
    filters = DirectoryFilters(
        q=request.GET.get("q", ""),
        city=request.GET.get("city", ""),
        kind=request.GET.get("kind", ""),
        area=request.GET.get("area", ""),
        language=request.GET.get("language", ""),
        verified_only=request.GET.get("verified") == "1",
    )
    organisations = search_organisations(viewer=request.user, filters=filters)
    page = Paginator(organisations, settings.TANDEM_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request, "directory/organisation_list.html", {"page": page, "filters": filters}
    )


def organisation_detail(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(
        visible_organisations(viewer=request.user), slug=slug
    )
    return render(
        request, "directory/organisation_detail.html", {"organisation": organisation}
    )


def opportunity_list(request: HtmxHttpRequest) -> HttpResponse:
    opportunities = visible_opportunities(viewer=request.user).order_by(
        "-published_at", "-pk"
    )
    page = Paginator(opportunities, settings.TANDEM_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "directory/opportunity_list.html", {"page": page})


def opportunity_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    opportunity = get_object_or_404(visible_opportunities(viewer=request.user), pk=pk)
    return render(
        request, "directory/opportunity_detail.html", {"opportunity": opportunity}
    )
