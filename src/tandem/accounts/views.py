"""A person's own pages: the dashboard and the settings."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.translation import gettext as _

from tandem.accounts.forms import ProfileForm
from tandem.accounts.http import AuthenticatedHttpRequest
from tandem.accounts.models import Membership
from tandem.accounts.permissions import ACTING_ROLES
from tandem.accounts.services import update_profile
from tandem.directory.selectors import (
    coordinates_any_city,
    join_requests_for,
    memberships_of,
    opportunities_of_viewer,
    review_queue_count,
)
from tandem.forms import add_service_error

DASHBOARD_LIMIT = 50


@login_required
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The person's organisations, requests and opportunities, with next steps."""
    user = request.user
    memberships = list(memberships_of(viewer=user))
    active = [m for m in memberships if m.state == Membership.State.ACTIVE]
    role_of = {m.organisation_id: m.role for m in active}
    opportunities = list(opportunities_of_viewer(viewer=user)[:DASHBOARD_LIMIT])
    for opportunity in opportunities:
        opportunity.can_edit = (  # type: ignore[attr-defined]  # for the template
            user.is_staff or role_of.get(opportunity.organisation_id) in ACTING_ROLES
        )
    is_coordinator = coordinates_any_city(viewer=user)
    context: dict[str, Any] = {
        "memberships": active,
        "editing_roles": [str(role) for role in ACTING_ROLES],
        "my_requests": [m for m in memberships if m.state == Membership.State.PENDING],
        "join_requests": list(join_requests_for(viewer=user)[:DASHBOARD_LIMIT]),
        "opportunities": opportunities,
        "is_coordinator": is_coordinator,
        "review_count": review_queue_count(viewer=user) if is_coordinator else 0,
    }
    return render(request, "accounts/dashboard.html", context)


@login_required
def profile_settings(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Name and preferred language; the page comes back in the chosen language."""
    user = request.user
    form = ProfileForm(
        request.POST if request.method == "POST" else None,
        initial={
            "first_name": user.first_name,
            "last_name": user.last_name,
            "preferred_language": user.preferred_language or translation.get_language(),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            update_profile(user=user, by=user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            language = user.preferred_language
            translation.activate(language)
            messages.success(request, _("Your settings were saved."))
            url = translate_url(reverse("accounts:settings"), language)
            response = redirect(url)
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            )
            return response
    status = 422 if form.errors else 200
    return render(request, "accounts/settings.html", {"form": form}, status=status)
