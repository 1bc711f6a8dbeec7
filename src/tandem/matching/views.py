"""Suggested partners on their own (the panels the organisation and opportunity
pages load with htmx) and feedback on them: POST forms that work without
JavaScript."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from tandem.accounts.http import AuthenticatedHttpRequest, HtmxHttpRequest
from tandem.directory.models import Opportunity, Organisation
from tandem.directory.selectors import (
    public_opportunities,
    public_organisations,
    visible_opportunities,
    visible_organisations,
)
from tandem.http import partial_template
from tandem.matching import services
from tandem.matching.forms import FeedbackForm
from tandem.matching.selectors import (
    suggestions_for_opportunity,
    suggestions_for_organisation,
)


def organisation_suggestions(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """The organisation's suggested partners: the panel of its page (htmx),
    or a page of their own for browsers without JavaScript."""
    organisation = get_object_or_404(
        visible_organisations(viewer=request.user), slug=slug
    )
    services.prepare_suggestions(profile=organisation)
    suggestions = suggestions_for_organisation(
        viewer=request.user, organisation=organisation
    )
    template = partial_template(request, "matching/suggestions_page.html", "panel")
    context = {"subject": organisation, "suggestions": suggestions}
    return render(request, template, context)


def opportunity_suggestions(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The opportunity's suggested partners, as ``organisation_suggestions``."""
    opportunity = get_object_or_404(visible_opportunities(viewer=request.user), pk=pk)
    services.prepare_suggestions(profile=opportunity)
    suggestions = suggestions_for_opportunity(
        viewer=request.user, opportunity=opportunity
    )
    template = partial_template(request, "matching/suggestions_page.html", "panel")
    context = {"subject": opportunity, "suggestions": suggestions}
    return render(request, template, context)


def _target(key: str) -> tuple[Organisation | None, Opportunity | None]:
    """The public organisation or opportunity of a suggestion's key; 404 if none."""
    kind, _sep, pk = key.partition(":")
    if kind == "org":
        return get_object_or_404(public_organisations(), pk=pk), None
    return None, get_object_or_404(public_opportunities(), pk=pk)


@login_required
@require_POST
def feedback(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """A member's word on one suggestion, then back to the page it was on;
    400 on bad input or a target of the organisation's own city."""
    organisation = get_object_or_404(
        visible_organisations(viewer=request.user), slug=slug
    )
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        return HttpResponse(status=400)
    target_organisation, target_opportunity = _target(form.cleaned_data["target"])
    value = form.cleaned_data["value"]
    try:
        if value == "clear":
            services.withdraw_feedback(
                organisation=organisation,
                by=request.user,
                target_organisation=target_organisation,
                target_opportunity=target_opportunity,
            )
        else:
            services.give_feedback(
                organisation=organisation,
                by=request.user,
                value=value,
                target_organisation=target_organisation,
                target_opportunity=target_opportunity,
            )
    except ValidationError:  # Django's base class; a target of the own city
        return HttpResponse(status=400)
    url = form.cleaned_data["next"]
    if not url or not url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        url = organisation.get_absolute_url()
    return HttpResponseRedirect(f"{url}#suggestions")
