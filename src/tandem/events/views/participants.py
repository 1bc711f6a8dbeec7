"""The other participants of an event, and asking them for a meeting."""

from dataclasses import dataclass
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


@dataclass
class ParticipantRow:
    registration: Registration
    suggested: bool
    request: MeetingRequest | None  # the latest between the viewer and them
    form: MeetingRequestForm | None  # None when no request can be sent


def _request_form(
    registration: Registration, *, data: QueryDict | None = None
) -> MeetingRequestForm:
    return MeetingRequestForm(data, prefix=f"meet-{registration.pk}")


@dataclass(frozen=True)
class Viewpoint:
    """What the rows of the participant list need to know of the viewer."""

    mine: Registration | None  # the viewer's approved registration
    suggested: frozenset[int]  # organisations matching suggests to the viewer's
    latest: dict[int, MeetingRequest]  # by registration: the newest request
    declined: frozenset[int]  # users who declined a request of the viewer's


def _viewpoint(
    request: AuthenticatedHttpRequest, mine: Registration | None
) -> Viewpoint:
    if mine is None:
        return Viewpoint(None, frozenset(), {}, frozenset())
    latest: dict[int, MeetingRequest] = {}
    for meeting_request in meeting_requests_of(registration=mine):
        latest.setdefault(other_side(meeting_request, mine).pk, meeting_request)
    return Viewpoint(
        mine=mine,
        suggested=suggested_organisation_ids(
            viewer=request.user, organisation=mine.organisation
        ),
        latest=latest,
        declined=permissions.declined_by(mine),
    )


def _participant_row(
    participant: Registration,
    seen: Viewpoint,
    *,
    form: MeetingRequestForm | None = None,
) -> ParticipantRow:
    """The participant with the viewer's latest request between them and, when
    the viewer may ask them (no open request, no decline of theirs), the form
    to ask; a form with errors stays, also next to the request that caused them."""
    request = seen.latest.get(participant.pk)
    can_ask = (
        seen.mine is not None
        and (request is None or not request.is_open)
        and permissions.may_ask(seen.mine, participant, declined=seen.declined)
    )
    if form is None or not form.errors:
        form = (form or _request_form(participant)) if can_ask else None
    return ParticipantRow(
        registration=participant,
        suggested=participant.organisation_id in seen.suggested,
        request=request,
        form=form,
    )


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
    seen = _viewpoint(request, mine)
    rows = [_participant_row(p, seen) for p in page.object_list]
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
    """Ask a participant for a meeting. Not handle_form: sent from the list
    with htmx, the answer is the participant's row in its place (with the
    request sent, or the form and its errors) rather than a redirect."""
    event = visible_event(request, pk)
    mine = approved_registration(request, event)
    if isinstance(mine, HttpResponse):
        return mine
    invitee = get_object_or_404(
        participant_directory(event=event, viewer=request.user), pk=registration_pk
    )
    form = _request_form(invitee, data=request.POST)
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
    shown = form if form.errors else None  # else the row shows the request
    row = _participant_row(invitee, _viewpoint(request, mine), form=shown)
    template = (
        "events/participant/_participant.html"
        if request.htmx
        else "events/participant/meeting_request_form.html"
    )
    context = {"event": event, "row": row, "registration": mine}
    return render(request, template, context, status=422 if form.errors else 200)


def _back_to_participants(request: AuthenticatedHttpRequest, event: Event) -> str:
    """The participant list, on the page and with the filters it was sent from."""
    url = reverse("events:participants", args=[event.pk])
    sent_from = QueryDict(request.POST.get("list_query", ""))
    query = urlencode(
        {key: sent_from[key] for key in ("q", "city", "page") if sent_from.get(key)}
    )
    return f"{url}?{query}" if query else url
