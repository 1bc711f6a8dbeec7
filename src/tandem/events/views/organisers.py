"""The coordinators' page of organisations allowed to organise events."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tandem.accounts.http import AuthenticatedHttpRequest
from tandem.directory.models import Organisation
from tandem.errors import PermissionDenied
from tandem.events import permissions, selectors, services
from tandem.events.forms.manage import AllowOrganiserForm
from tandem.forms import add_service_error
from tandem.http import act, done, render_form


@login_required
def organiser_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The allowed organisations of the viewer's cities, and allowing one more."""
    if not permissions.can_allow_organisers(request.user):
        raise PermissionDenied
    form = AllowOrganiserForm(
        request.POST if request.method == "POST" else None,
        candidates=selectors.organiser_candidates(viewer=request.user),
    )
    if request.method == "POST" and form.is_valid():
        organisation = form.cleaned_data["organisation"]
        try:
            services.allow_organiser(organisation=organisation, by=request.user)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request,
                _(
                    "%(organisation)s may now organise events. Its owners and "
                    "editors were told."
                )
                % {"organisation": organisation.name},
            )
            return done(request, reverse("events:organisers"))
    page = Paginator(
        selectors.allowed_organisers(viewer=request.user), settings.TANDEM_PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return render_form(
        request, "events/manage/organisers.html", {"form": form, "page": page}
    )


@login_required
@require_POST
def organiser_withdraw(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    return act(
        request,
        reverse("events:organisers"),
        lambda: services.withdraw_organiser(organisation=organisation, by=request.user),
        _(
            "%(organisation)s may no longer create or publish events. Its "
            "events stay; you publish, cancel and move them."
        )
        % {"organisation": organisation.name},
    )
