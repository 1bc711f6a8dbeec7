"""Feedback on suggestions: POST forms that work without JavaScript."""

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from tandem.accounts.http import AuthenticatedHttpRequest
from tandem.directory.selectors import (
    public_opportunities,
    public_organisations,
    visible_organisations,
)
from tandem.matching import services
from tandem.matching.models import SuggestionFeedback


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
