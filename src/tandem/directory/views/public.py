"""Public pages of the directory: lists and detail pages of organisations and opportunities."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from tandem.accounts.http import HtmxHttpRequest
from tandem.directory.filters import OpportunityFilterForm, OrganisationFilterForm
from tandem.directory.selectors import (
    find_organisations,
    opportunity_actions,
    organisation_actions,
    organisation_opportunities,
    search_opportunities,
    visible_opportunities,
    visible_organisations,
)
from tandem.http import partial_template


def organisation_list(request: HtmxHttpRequest) -> HttpResponse:
    form = OrganisationFilterForm(request.GET)
    filters = form.filters()
    organisations = find_organisations(viewer=request.user, filters=filters)
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
    }
    return render(request, "directory/opportunity_detail.html", context)
