"""A person's own settings."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.translation import gettext as _

from tandem.accounts.forms import NameForm, ProfileForm
from tandem.accounts.http import AuthenticatedHttpRequest
from tandem.accounts.models import User
from tandem.accounts.services import accept_privacy_notice, update_profile
from tandem.http import act, handle_form, posted, safe_next
from tandem.legal.models import LegalText
from tandem.legal.selectors import legal_page


@login_required
def profile_settings(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Name and preferred language; the page comes back in the chosen language."""
    user = request.user
    form = ProfileForm(
        posted(request),
        initial={
            "first_name": user.first_name,
            "last_name": user.last_name,
            "preferred_language": user.preferred_language or translation.get_language(),
        },
    )

    def save() -> User:
        update_profile(user=user, by=user, **form.cleaned_data)
        # The message and the page after the redirect speak the chosen language.
        translation.activate(user.preferred_language)
        return user

    response = handle_form(
        request,
        form,
        save=save,
        url=lambda saved: translate_url(
            reverse("accounts:settings"), saved.preferred_language
        ),
        success=lambda _saved: _("Your settings were saved."),
        template="accounts/settings.html",
    )
    if form.is_valid():  # saved: the next pages keep the language too
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            user.preferred_language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        )
    return response


@login_required
def privacy_notice(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The privacy notice in force, to accept; then on to where the person
    was going (``next``).  A required step when the notice has a new version."""
    if request.method == "POST":
        return act(
            request,
            safe_next(request, reverse("dashboard")),
            lambda: accept_privacy_notice(by=request.user),
            _("Thank you. You have accepted the privacy notice."),
        )
    context = {
        "page": legal_page(kind=LegalText.Kind.PRIVACY),
        "next": safe_next(request, reverse("dashboard")),
    }
    return render(request, "accounts/privacy_notice.html", context)


@login_required
def name_step(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Asks "What should we call you?": the name others see, asked of accounts
    that have none (the ``accounts.name`` step); then on to ``next``."""
    user = request.user
    form = NameForm(
        posted(request),
        initial={"first_name": user.first_name, "last_name": user.last_name},
    )
    return handle_form(
        request,
        form,
        save=lambda: update_profile(user=user, by=user, **form.cleaned_data),
        url=safe_next(request, reverse("dashboard")),
        success=_("Thank you. Others now see you by this name."),
        template="accounts/name.html",
        context={"next": request.GET.get("next", "")},
    )
