"""Public pages of the directory: lists and detail pages of organisations and opportunities."""

from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from tandem.accounts.http import HtmxHttpRequest
from tandem.directory.filters import OpportunityFilterForm, OrganisationFilterForm
from tandem.directory.selectors import (
    opportunity_actions,
    organisation_actions,
    organisation_opportunities,
    search_opportunities,
    search_organisations,
    visible_opportunities,
    visible_organisations,
)
from tandem.http import partial_template
from tandem.matching.selectors import (
    search_is_semantic,
    semantic_search,
    suggestions_for_opportunity,
    suggestions_for_organisation,
)
from tandem.projects.selectors import projects_of_organisation


def organisation_list(request: HtmxHttpRequest) -> HttpResponse:
    form = OrganisationFilterForm(request.GET)
    filters = form.filters()
    organisations: Any = search_organisations(viewer=request.user, filters=filters)
    if filters.q and search_is_semantic():
        hits = semantic_search(viewer=request.user, q=filters.q, filters=filters)
        organisations = [hit.organisation for hit in hits]
    page = Paginator(organisations, settings.TANDEM_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    template = partial_template(request, "directory/organisation_list.html", "results")
    return render(request, template, {"form": form, "page": page})


def organisation_detail(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(
        visible_organisations(viewer=request.user).prefetch_related("areas"),
        slug=slug,
    )
    opportunities = organisation_opportunities(
        viewer=request.user, organisation=organisation
    )
    page = Paginator(opportunities, settings.TANDEM_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "organisation": organisation,
        "actions": organisation_actions(viewer=request.user, organisation=organisation),
        "page": page,
        "suggestions": suggestions_for_organisation(
            viewer=request.user, organisation=organisation
        ),
        "projects": projects_of_organisation(
            viewer=request.user, organisation=organisation
        ),
    }
    return render(request, "directory/organisation_detail.html", context)


def opportunity_list(request: HtmxHttpRequest) -> HttpResponse:
    form = OpportunityFilterForm(request.GET)
    opportunities = search_opportunities(viewer=request.user, filters=form.filters())
    page = Paginator(opportunities, settings.TANDEM_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    template = partial_template(request, "directory/opportunity_list.html", "results")
    return render(request, template, {"form": form, "page": page})


def opportunity_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    opportunity = get_object_or_404(
        visible_opportunities(viewer=request.user).prefetch_related("areas"), pk=pk
    )
    context = {
        "opportunity": opportunity,
        "actions": opportunity_actions(viewer=request.user, opportunity=opportunity),
        "suggestions": suggestions_for_opportunity(
            viewer=request.user, opportunity=opportunity
        ),
    }
    return render(request, "directory/opportunity_detail.html", context)
