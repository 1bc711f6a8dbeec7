"""A person's own settings."""

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
from tandem.accounts.services import update_profile
from tandem.forms import add_service_error


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
