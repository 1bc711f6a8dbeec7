"""The other participants of an event, and asking them for a meeting."""

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tandem.accounts.http import AuthenticatedHttpRequest
from tandem.events import permissions, services
from tandem.events.forms.participant import MeetingRequestForm, ParticipantFilterForm
from tandem.events.models import Event, MeetingRequest, Registration
from tandem.events.selectors import (
    meeting_requests_of,
    participant_directory,
    registration_of,
    suggested_organisation_ids,
)
from tandem.events.views.lookups import approved_registration, other_side, visible_event
from tandem.forms import add_service_error

RequestState = MeetingRequest.State


@dataclass
class ParticipantRow:
    registration: Registration
    suggested: bool
    request: MeetingRequest | None  # the latest between the viewer and them
    form: MeetingRequestForm | None  # None when no request can be sent


def _request_form(
    registration: Registration, *, data: Any = None
) -> MeetingRequestForm:
    return MeetingRequestForm(data, prefix=f"meet-{registration.pk}")


def _participant_row(
    participant: Registration,
    *,
    mine: Registration | None,
    suggested: frozenset[int],
    latest: dict[int, MeetingRequest],
    form: MeetingRequestForm | None = None,
) -> ParticipantRow:
    request = latest.get(participant.pk)
    # After a decline no second request; after a cancellation one may ask again.
    can_ask = mine is not None and (
        request is None or request.state == RequestState.CANCELLED
    )
    if form is None or not form.errors:
        # A form with errors stays, also next to the request that caused them.
        form = (form or _request_form(participant)) if can_ask else None
    return ParticipantRow(
        registration=participant,
        suggested=participant.organisation_id in suggested,
        request=request,
        form=form,
    )


def _latest_requests(mine: Registration | None) -> dict[int, MeetingRequest]:
    """The newest request between the viewer and each other participant."""
    if mine is None:
        return {}
    latest: dict[int, MeetingRequest] = {}
    for meeting_request in meeting_requests_of(registration=mine):
        latest.setdefault(other_side(meeting_request, mine).pk, meeting_request)
    return latest


@login_required
def participant_list(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = visible_event(request, pk)
    mine: Registration | None = None
    if not permissions.can_manage_event(request.user, event):
        approved = approved_registration(request, event)
        if isinstance(approved, HttpResponse):
            return approved
        mine = approved
    else:
        found = registration_of(event=event, viewer=request.user)
        mine = found if found is not None and found.is_approved else None
    partnership = event.partnership
    cities = sorted(
        [partnership.city_a, partnership.city_b], key=lambda city: str(city.name)
    )
    form = ParticipantFilterForm(request.GET, cities=cities)
    participants = participant_directory(
        event=event, viewer=request.user, **form.filters()
    )
    page = Paginator(participants, settings.TANDEM_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    suggested = (
        suggested_organisation_ids(viewer=request.user, organisation=mine.organisation)
        if mine is not None
        else frozenset()
    )
    latest = _latest_requests(mine)
    rows = [
        _participant_row(p, mine=mine, suggested=suggested, latest=latest)
        for p in page.object_list
    ]
    context = {
        "event": event,
        "form": form,
        "page": page,
        "rows": rows,
        "registration": mine,
        "filtered": any(form.filters().values()),
    }
    return render(request, "events/participant/participant_list.html", context)


@login_required
@require_POST
def meeting_request_create(
    request: AuthenticatedHttpRequest, pk: int, registration_pk: int
) -> HttpResponse:
    event = visible_event(request, pk)
    mine = approved_registration(request, event)
    if isinstance(mine, HttpResponse):
        return mine
    invitee = get_object_or_404(
        participant_directory(event=event, viewer=request.user), pk=registration_pk
    )
    form = _request_form(invitee, data=request.POST)
    shown: MeetingRequestForm | None = form
    if form.is_valid():
        try:
            services.request_meeting(
                requester=mine, invitee=invitee, by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            if not request.htmx:
                messages.success(
                    request,
                    _("Your request was sent to %(name)s.")
                    % {"name": invitee.public_name},
                )
                return redirect(_back_to_participants(request, event))
            shown = None  # the row shows the request instead
    suggested = suggested_organisation_ids(
        viewer=request.user, organisation=mine.organisation
    )
    row = _participant_row(
        invitee,
        mine=mine,
        suggested=suggested,
        latest=_latest_requests(mine),
        form=shown,
    )
    context = {"event": event, "row": row, "registration": mine}
    status = 422 if shown is not None and shown.errors else 200
    template = (
        "events/participant/_participant.html"
        if request.htmx
        else "events/participant/meeting_request_form.html"
    )
    return render(request, template, context, status=status)


def _back_to_participants(request: AuthenticatedHttpRequest, event: Event) -> str:
    """The participant list, on the page and with the filters it was sent from."""
    url = reverse("events:participants", args=[event.pk])
    sent_from = QueryDict(request.POST.get("list_query", ""))
    query = urlencode(
        {key: sent_from[key] for key in ("q", "city", "page") if sent_from.get(key)}
    )
    return f"{url}?{query}" if query else url
