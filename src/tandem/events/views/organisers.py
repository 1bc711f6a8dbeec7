"""The coordinators' page of organisations allowed to organise events."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
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
from tandem.events.models import AllowedOrganiser
from tandem.http import act, handle_form, posted


def _allowed(permit: AllowedOrganiser) -> str:
    return _(
        "%(organisation)s may now organise events. Its owners and editors were told."
    ) % {"organisation": permit.organisation.name}


@login_required
def organiser_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The allowed organisations of the viewer's cities, and allowing one more."""
    if not permissions.can_allow_organisers(request.user):
        raise PermissionDenied
    form = AllowOrganiserForm(
        posted(request), candidates=selectors.organiser_candidates(viewer=request.user)
    )
    page = Paginator(
        selectors.allowed_organisers(viewer=request.user), settings.TANDEM_PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return handle_form(
        request,
        form,
        save=lambda: services.allow_organiser(
            organisation=form.cleaned_data["organisation"], by=request.user
        ),
        url=reverse("events:organisers"),
        success=_allowed,
        template="events/manage/organisers.html",
        context={"page": page},
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
