"""The participants' pages of an event: registration, availability, the other
participants, meeting requests and bookings, the agenda and what follows a
meeting. Every page needs a login; an event the viewer may not see is a 404."""

import datetime
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
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tandem.accounts.http import AuthenticatedHttpRequest
from tandem.accounts.models import Membership
from tandem.accounts.permissions import can_act_for
from tandem.directory.models import Organisation
from tandem.directory.selectors import memberships_of
from tandem.events import calendar, permissions, services
from tandem.events.forms.participant import (
    AvailabilityForm,
    BookingForm,
    FollowUpForm,
    MeetingRequestForm,
    ParticipantFilterForm,
    RatingForm,
    RegistrationForm,
)
from tandem.events.models import Event, Meeting, MeetingRequest, Registration, Slot
from tandem.events.selectors import (
    bookable_slots,
    meeting_requests_of,
    participant_agenda,
    participant_directory,
    registration_of,
    suggested_organisation_ids,
    visible_events,
)
from tandem.events.templatetags.tandem_events import format_event_time
from tandem.forms import add_service_error
from tandem.http import act
from tandem.i18n import current_language

RequestState = MeetingRequest.State


def _event(request: AuthenticatedHttpRequest, pk: int) -> Event:
    return get_object_or_404(visible_events(viewer=request.user), pk=pk)


def _approved(
    request: AuthenticatedHttpRequest, event: Event
) -> Registration | HttpResponse:
    """The viewer's approved registration, or a redirect to the event's page
    that says why the page is not open to them yet."""
    registration = registration_of(event=event, viewer=request.user)
    if registration is None:
        messages.info(request, _("Register for the event first."))
    elif not registration.is_approved:
        messages.info(
            request,
            _(
                "Your registration is “%(state)s”. This page opens once the "
                "organisers approve it."
            )
            % {"state": registration.get_state_display()},
        )
    else:
        return registration
    return redirect("events:event_detail", pk=event.pk)


def _other(meeting_request: MeetingRequest, mine: Registration) -> Registration:
    if meeting_request.requester_id == mine.pk:
        return meeting_request.invitee
    return meeting_request.requester


# --- Registration -----------------------------------------------------------


@login_required
def register(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    active = [
        m.organisation
        for m in memberships_of(viewer=request.user).filter(
            state=Membership.State.ACTIVE
        )
    ]
    verified = [
        o for o in active if o.verification == Organisation.Verification.VERIFIED
    ]
    organisations = (
        Organisation.objects.filter(pk__in=[o.pk for o in verified])
        .select_related("city")
        .order_by("name", "pk")
    )
    language = request.user.preferred_language or current_language()
    form = RegistrationForm(
        request.POST if request.method == "POST" else None,
        event=event,
        organisations=organisations,
        initial={"languages": [language]},
    )
    if request.method == "POST" and form.is_valid():
        try:
            registration = services.register(
                event=event, by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            return _registered(request, event, registration)
    context = {
        "event": event,
        "form": form,
        "registration": registration_of(event=event, viewer=request.user),
        "has_organisations": bool(verified),
        "unverified": [o for o in active if o not in verified],
        "is_open": event.is_published and event.registration_is_open(),
    }
    status = 422 if form.is_bound and form.errors else 200
    return render(request, "events/participant/register.html", context, status=status)


def _registered(
    request: AuthenticatedHttpRequest, event: Event, registration: Registration
) -> HttpResponse:
    state = registration.state
    if state == Registration.State.APPROVED:
        messages.success(
            request,
            _(
                "You are registered. Tick the times you can meet, then look for "
                "people to meet among the participants."
            ),
        )
        return redirect("events:availability", pk=event.pk)
    if state == Registration.State.WAITLISTED:
        messages.warning(
            request,
            _(
                "The event is full: you are on the waiting list. You get a place "
                "as soon as someone cancels."
            ),
        )
    else:
        messages.success(
            request,
            _(
                "You are registered. The organisers approve registrations "
                "themselves; you will be notified."
            ),
        )
    return redirect("events:event_detail", pk=event.pk)


@login_required
def registration_cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A confirmation page; the POST of its button cancels."""
    event = _event(request, pk)
    registration = registration_of(event=event, viewer=request.user)
    if registration is None:
        messages.info(request, _("You are not registered for this event."))
        return redirect("events:event_detail", pk=event.pk)
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        return act(
            request,
            reverse("events:event_detail", args=[event.pk]),
            lambda: services.cancel_registration(
                registration=registration, by=request.user
            ),
            _(
                "Your registration is cancelled, and with it your open "
                "meeting requests and meetings."
            ),
        )
    context = {
        "event": event,
        "registration": registration,
        "meetings": participant_agenda(viewer=request.user, event=event)
        .filter(state=Meeting.State.SCHEDULED)
        .count(),
    }
    return render(request, "events/participant/registration_cancel.html", context)


# --- Availability -----------------------------------------------------------


@login_required
def availability(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    registration = _approved(request, event)
    if isinstance(registration, HttpResponse):
        return registration
    slots = list(
        Slot.objects.filter(session__event=event)
        .select_related("session")
        .order_by("starts_at", "pk")
    )
    ticked = list(registration.availabilities.values_list("slot_id", flat=True))
    data = request.POST if request.method == "POST" else None
    form = AvailabilityForm(data, slots=slots, initial={"slots": ticked})
    if data is not None and form.is_valid():
        chosen = list(form.cleaned_data["slots"])
        session_pk = request.POST.get("select_session", "")
        whole = [s for s in slots if str(s.session_id) == session_pk]
        try:
            saved = services.set_availability(
                registration=registration,
                slots={s.pk: s for s in [*chosen, *whole]}.values(),
                by=request.user,
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            if whole:
                messages.success(
                    request,
                    _("Every slot of “%(session)s” is ticked and saved.")
                    % {"session": whole[0].session.title},
                )
            elif saved:
                messages.success(request, _("Your times are saved."))
            else:
                messages.success(
                    request,
                    _("Saved: with no slot ticked, you can be booked at any time."),
                )
            return redirect("events:availability", pk=event.pk)
    context = {"event": event, "form": form, "registration": registration}
    status = 422 if form.is_bound and form.errors else 200
    return render(
        request, "events/participant/availability.html", context, status=status
    )


# --- Participants -----------------------------------------------------------


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
        latest.setdefault(_other(meeting_request, mine).pk, meeting_request)
    return latest


@login_required
def participant_list(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    mine: Registration | None = None
    if not permissions.can_manage_event(request.user, event):
        approved = _approved(request, event)
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
    event = _event(request, pk)
    mine = _approved(request, event)
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


# --- Meeting requests -------------------------------------------------------


@dataclass
class RequestRow:
    request: MeetingRequest
    other: Registration
    received: bool
    meeting: Meeting | None
    booking_form: BookingForm | None  # accepted, not booked, self-booking


def _request_rows(
    request: AuthenticatedHttpRequest,
    event: Event,
    mine: Registration,
    *,
    bound: dict[int, BookingForm] | None = None,
) -> list[RequestRow]:
    bound = bound or {}
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
                other=_other(meeting_request, mine),
                received=meeting_request.invitee_id == mine.pk,
                meeting=getattr(meeting_request, "meeting", None),
                booking_form=form,
            )
        )
    return rows


def _render_requests(
    request: AuthenticatedHttpRequest,
    event: Event,
    mine: Registration,
    *,
    bound: dict[int, BookingForm] | None = None,
) -> HttpResponse:
    rows = _request_rows(request, event, mine, bound=bound)
    context = {
        "event": event,
        "registration": mine,
        "received": [row for row in rows if row.received],
        "sent": [row for row in rows if not row.received],
    }
    status = 422 if bound and any(f.errors for f in bound.values()) else 200
    return render(
        request, "events/participant/request_list.html", context, status=status
    )


@login_required
def request_list(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    mine = _approved(request, event)
    if isinstance(mine, HttpResponse):
        return mine
    return _render_requests(request, event, mine)


def _my_request(mine: Registration, request_pk: int) -> MeetingRequest:
    return get_object_or_404(meeting_requests_of(registration=mine), pk=request_pk)


@login_required
@require_POST
def request_answer(
    request: AuthenticatedHttpRequest, pk: int, request_pk: int
) -> HttpResponse:
    event = _event(request, pk)
    mine = _approved(request, event)
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
    event = _event(request, pk)
    mine = _approved(request, event)
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
    if form.is_valid():
        try:
            meeting = services.book_meeting(
                request=meeting_request, by=request.user, **form.service_data()
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _booked_message(meeting, event))
            return _to_meeting(event, meeting)
    return _render_requests(request, event, mine, bound={meeting_request.pk: form})


def _booked_message(meeting: Meeting, event: Event) -> str:
    when = format_event_time(meeting.slot, event, with_date=True)
    if meeting.table is not None:
        return _("Booked: %(when)s at table %(table)s.") % {
            "when": when,
            "table": meeting.table,
        }
    return _("Booked: %(when)s, online.") % {"when": when}


# --- Agenda -----------------------------------------------------------------


@dataclass
class AgendaRow:
    meeting: Meeting
    other: Registration
    started: bool
    rating: int | None
    rating_form: RatingForm | None
    follow_up_form: FollowUpForm | None


def _feed_url(request: AuthenticatedHttpRequest, registration: Registration) -> str:
    """The personal calendar feed's address."""
    return request.build_absolute_uri(calendar.personal_feed_path(registration))


def _render_agenda(
    request: AuthenticatedHttpRequest,
    event: Event,
    mine: Registration,
    *,
    bound: dict[str, Any] | None = None,
) -> HttpResponse:
    """The agenda; ``bound`` holds a submitted form with errors under
    ``"rate-<pk>"`` or ``"follow-<pk>"``."""
    bound = bound or {}
    now = timezone.now()
    can_speak = can_act_for(request.user, mine.organisation)
    rows = []
    for meeting in participant_agenda(viewer=request.user, event=event):
        mine_requested = meeting.request.requester_id == mine.pk
        rating = meeting.requester_rating if mine_requested else meeting.invitee_rating
        held = meeting.state == Meeting.State.HELD
        rate_key, follow_key = f"rate-{meeting.pk}", f"follow-{meeting.pk}"
        rows.append(
            AgendaRow(
                meeting=meeting,
                other=_other(meeting.request, mine),
                started=meeting.slot.starts_at <= now,
                rating=rating,
                rating_form=(
                    bound.get(rate_key)
                    or RatingForm(initial={"rating": rating}, prefix=rate_key)
                )
                if held
                else None,
                follow_up_form=(
                    bound.get(follow_key) or FollowUpForm(prefix=follow_key)
                )
                if held and meeting.follow_up_id is None and can_speak
                else None,
            )
        )
    days: dict[datetime.date, list[AgendaRow]] = {}
    for row in rows:
        day = timezone.localtime(row.meeting.slot.starts_at).date()
        days.setdefault(day, []).append(row)
    context = {
        "event": event,
        "registration": mine,
        "rows": rows,
        "days": [{"date": day, "rows": day_rows} for day, day_rows in days.items()],
        "can_speak": can_speak,
        "feed_url": _feed_url(request, mine),
    }
    status = 422 if any(f.errors for f in bound.values()) else 200
    return render(request, "events/participant/agenda.html", context, status=status)


@login_required
def agenda(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    mine = _approved(request, event)
    if isinstance(mine, HttpResponse):
        return mine
    return _render_agenda(request, event, mine)


def _my_meeting(request: AuthenticatedHttpRequest, event: Event, pk: int) -> Meeting:
    return get_object_or_404(
        participant_agenda(viewer=request.user, event=event), pk=pk
    )


def _agenda_anchor(event: Event, meeting: Meeting) -> str:
    return reverse("events:agenda", args=[event.pk]) + f"#meeting-{meeting.pk}"


def _to_meeting(event: Event, meeting: Meeting) -> HttpResponse:
    return redirect(_agenda_anchor(event, meeting))


@login_required
@require_POST
def meeting_held(
    request: AuthenticatedHttpRequest, pk: int, meeting_pk: int
) -> HttpResponse:
    event = _event(request, pk)
    mine = _approved(request, event)
    if isinstance(mine, HttpResponse):
        return mine
    meeting = _my_meeting(request, event, meeting_pk)
    return act(
        request,
        _agenda_anchor(event, meeting),
        lambda: services.mark_meeting_held(meeting=meeting, by=request.user),
        _("Marked as held. How useful was it? Rate it and follow it up below."),
    )


@login_required
@require_POST
def meeting_rate(
    request: AuthenticatedHttpRequest, pk: int, meeting_pk: int
) -> HttpResponse:
    event = _event(request, pk)
    mine = _approved(request, event)
    if isinstance(mine, HttpResponse):
        return mine
    meeting = _my_meeting(request, event, meeting_pk)
    key = f"rate-{meeting.pk}"
    form = RatingForm(request.POST, prefix=key)
    if form.is_valid():
        try:
            services.rate_meeting(meeting=meeting, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Thank you, your rating is saved."))
            return _to_meeting(event, meeting)
    return _render_agenda(request, event, mine, bound={key: form})


@login_required
@require_POST
def meeting_follow_up(
    request: AuthenticatedHttpRequest, pk: int, meeting_pk: int
) -> HttpResponse:
    event = _event(request, pk)
    mine = _approved(request, event)
    if isinstance(mine, HttpResponse):
        return mine
    meeting = _my_meeting(request, event, meeting_pk)
    key = f"follow-{meeting.pk}"
    form = FollowUpForm(request.POST, prefix=key)
    if form.is_valid():
        try:
            contact = services.follow_up_meeting(
                meeting=meeting, by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request,
                _(
                    "Your contact request was sent to %(organisation)s. Once they "
                    "accept, you can write to each other and start a joint project."
                )
                % {"organisation": contact.recipient.name},
            )
            return _to_meeting(event, meeting)
    return _render_agenda(request, event, mine, bound={key: form})
