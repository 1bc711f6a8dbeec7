"""A person's own data: download it, delete the account."""

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from tandem.accounts.http import AuthenticatedHttpRequest
from tandem.accounts.models import User
from tandem.http import act, handle_form, posted
from tandem.privacy.forms import DeleteAccountForm
from tandem.privacy.selectors import data_exports, downloadable_export
from tandem.privacy.services import (
    delete_account,
    export_path,
    request_data_export,
    sole_owned_organisations,
)


@login_required
def data(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The archives of the person's data, and the way to delete the account."""
    context = {
        "exports": data_exports(viewer=request.user),
        "hours": settings.TANDEM_DATA_EXPORT_HOURS,
    }
    return render(request, "privacy/data.html", context)


@require_POST
@login_required
def export_request(request: AuthenticatedHttpRequest) -> HttpResponse:
    return act(
        request,
        reverse("privacy:data"),
        lambda: request_data_export(by=request.user),
        _(
            "Tandem is putting your data together. We will notify you when you "
            "can download it."
        ),
    )


@never_cache
@login_required
def export_download(request: AuthenticatedHttpRequest, key: str) -> FileResponse:
    # Another person's archive, or an expired one, is not found.
    export = get_object_or_404(downloadable_export(viewer=request.user, key=key))
    path = export_path(export)
    if not path.is_file():
        raise Http404
    date = export.created_at.date().isoformat()
    return FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=f"tandem-data-{date}.zip",
        content_type="application/zip",
    )


@never_cache
@login_required
def account_delete(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Confirmed with the password; the person is logged out and sees the
    home page."""
    user = request.user
    form = DeleteAccountForm(posted(request))

    def save() -> User:
        deleted = delete_account(user=user, by=user, **form.cleaned_data)
        logout(request)
        return deleted

    return handle_form(
        request,
        form,
        save=save,
        url=reverse("home"),
        success=_("Your account is deleted. Thank you for having been part of Tandem."),
        template="privacy/account_delete.html",
        context=lambda: {"sole_owned": sole_owned_organisations(user)},
    )
