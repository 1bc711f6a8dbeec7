"""A participant's meeting requests: answering them and booking a time."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tandem.accounts.http import AuthenticatedHttpRequest
from tandem.events import services
from tandem.events.forms.participant import BookingForm
from tandem.events.models import Event, Meeting, MeetingRequest, Registration
from tandem.events.selectors import bookable_slots, meeting_requests_of
from tandem.events.templatetags.tandem_events import format_event_time
from tandem.events.views.lookups import (
    agenda_anchor,
    approved_registration,
    other_side,
    visible_event,
)
from tandem.http import act, handle_form

RequestState = MeetingRequest.State


@dataclass
class RequestRow:
    request: MeetingRequest
    other: Registration
    received: bool
    meeting: Meeting | None
    booking_form: BookingForm | None  # accepted, not booked, self-booking


def _request_rows(
    event: Event, mine: Registration, *, bound: Mapping[int, BookingForm]
) -> list[RequestRow]:
    """The participant's requests, newest first; an accepted one not booked
    yet in a self-booking event carries its booking form (``bound``, by
    request id, keeps a submitted one's data and errors)."""
    requests = list(meeting_requests_of(registration=mine))
    to_book = [
        r
        for r in requests
        if r.state == RequestState.ACCEPTED and getattr(r, "meeting", None) is None
    ]
    can_book = event.is_self_booking and event.is_published
    options = bookable_slots(event=event, requests=to_book) if can_book else {}
    rows = []
    for meeting_request in requests:
        form = None
        if meeting_request.pk in options:
            form = bound.get(meeting_request.pk) or BookingForm(
                options=options[meeting_request.pk],
                event=event,
                prefix=f"book-{meeting_request.pk}",
            )
        rows.append(
            RequestRow(
                request=meeting_request,
                other=other_side(meeting_request, mine),
                received=meeting_request.invitee_id == mine.pk,
                meeting=getattr(meeting_request, "meeting", None),
                booking_form=form,
            )
        )
    return rows


def _requests_context(
    event: Event,
    mine: Registration,
    *,
    bound: Mapping[int, BookingForm] | None = None,
) -> dict[str, Any]:
    rows = _request_rows(event, mine, bound=bound or {})
    return {
        "event": event,
        "registration": mine,
        "received": [row for row in rows if row.received],
        "sent": [row for row in rows if not row.received],
    }


@login_required
def request_list(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = visible_event(request, pk)
    mine = approved_registration(request, event)
    if isinstance(mine, HttpResponse):
        return mine
    context = _requests_context(event, mine)
    return render(request, "events/participant/request_list.html", context)


def _my_request(mine: Registration, request_pk: int) -> MeetingRequest:
    return get_object_or_404(meeting_requests_of(registration=mine), pk=request_pk)


@login_required
@require_POST
def request_answer(
    request: AuthenticatedHttpRequest, pk: int, request_pk: int
) -> HttpResponse:
    event = visible_event(request, pk)
    mine = approved_registration(request, event)
    if isinstance(mine, HttpResponse):
        return mine
    meeting_request = _my_request(mine, request_pk)
    answer = request.POST.get("answer", "")
    if answer not in {"accept", "decline"}:
        messages.error(request, _("Choose whether to accept or decline."))
        return redirect("events:requests", pk=event.pk)
    if answer == "decline":
        said = _("You declined the request of %(name)s.")
    elif event.is_self_booking:
        said = _("You accepted the request of %(name)s. Now choose a time below.")
    else:
        said = _(
            "You accepted the request of %(name)s. The organisers will "
            "schedule the meeting."
        )
    return act(
        request,
        reverse("events:requests", args=[event.pk]) + f"#request-{request_pk}",
        lambda: services.answer_meeting_request(
            request=meeting_request, accept=answer == "accept", by=request.user
        ),
        said % {"name": meeting_request.requester.public_name},
    )


@login_required
@require_POST
def request_book(
    request: AuthenticatedHttpRequest, pk: int, request_pk: int
) -> HttpResponse:
    event = visible_event(request, pk)
    mine = approved_registration(request, event)
    if isinstance(mine, HttpResponse):
        return mine
    meeting_request = _my_request(mine, request_pk)
    options = bookable_slots(event=event, requests=[meeting_request])
    form = BookingForm(
        request.POST,
        options=options.get(meeting_request.pk, []),
        event=event,
        prefix=f"book-{meeting_request.pk}",
    )
    return handle_form(
        request,
        form,
        save=lambda: services.book_meeting(
            request=meeting_request, by=request.user, **form.service_data()
        ),
        url=lambda meeting: agenda_anchor(event, meeting),
        success=lambda meeting: _booked_message(meeting, event),
        template="events/participant/request_list.html",
        context=lambda: _requests_context(
            event, mine, bound={meeting_request.pk: form}
        ),
    )


def _booked_message(meeting: Meeting, event: Event) -> str:
    when = format_event_time(meeting.slot, event, with_date=True)
    if meeting.table is not None:
        return _("Booked: %(when)s at table %(table)s.") % {
            "when": when,
            "table": meeting.table,
        }
    return _("Booked: %(when)s, online.") % {"when": when}
