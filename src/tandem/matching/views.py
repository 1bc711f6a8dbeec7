"""Suggested partners on their own (the panels the organisation and opportunity
pages load with htmx) and feedback on them: POST forms that work without
JavaScript."""

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from tandem.accounts.http import AuthenticatedHttpRequest, HtmxHttpRequest
from tandem.directory.selectors import (
    public_opportunities,
    public_organisations,
    visible_opportunities,
    visible_organisations,
)
from tandem.http import partial_template
from tandem.matching import services
from tandem.matching.models import SuggestionFeedback
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


class FeedbackForm(forms.Form):
    target = forms.RegexField(regex=r"^(org|opp):[1-9][0-9]{0,18}$")
    value = forms.ChoiceField(
        choices=[*SuggestionFeedback.Value.choices, ("clear", "clear")]
    )
    next = forms.CharField(required=False, max_length=2000)


@login_required
@require_POST
def feedback(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(
        visible_organisations(viewer=request.user), slug=slug
    )
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        return HttpResponse(status=400)
    kind, _sep, pk = form.cleaned_data["target"].partition(":")
    targets: dict[str, Any] = {}
    if kind == "org":
        targets["target_organisation"] = get_object_or_404(
            public_organisations(), pk=pk
        )
    else:
        targets["target_opportunity"] = get_object_or_404(public_opportunities(), pk=pk)
    value = form.cleaned_data["value"]
    if value == "clear":
        services.withdraw_feedback(
            organisation=organisation, by=request.user, **targets
        )
    else:
        try:
            services.give_feedback(
                organisation=organisation, by=request.user, value=value, **targets
            )
        except ValidationError:  # Django's base class; a target of the own city
            return HttpResponse(status=400)
    url = form.cleaned_data["next"]
    if not url or not url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        url = organisation.get_absolute_url()
    return HttpResponseRedirect(f"{url}#suggestions")
