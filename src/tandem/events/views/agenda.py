"""A participant's agenda: their meetings, marking them held, rating them and
following them up with a contact request.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tandem.accounts.http import AuthenticatedHttpRequest
from tandem.accounts.permissions import can_act_for
from tandem.events import calendar, services
from tandem.events.forms.participant import FollowUpForm, RatingForm
from tandem.events.models import Event, Meeting, Registration
from tandem.events.selectors import participant_agenda
from tandem.events.views.lookups import (
    agenda_anchor,
    approved_registration,
    other_side,
    visible_event,
)
from tandem.forms import add_service_error
from tandem.http import act


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
                other=other_side(meeting.request, mine),
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
    event = visible_event(request, pk)
    mine = approved_registration(request, event)
    if isinstance(mine, HttpResponse):
        return mine
    return _render_agenda(request, event, mine)


def _my_meeting(request: AuthenticatedHttpRequest, event: Event, pk: int) -> Meeting:
    return get_object_or_404(
        participant_agenda(viewer=request.user, event=event), pk=pk
    )


@login_required
@require_POST
def meeting_held(
    request: AuthenticatedHttpRequest, pk: int, meeting_pk: int
) -> HttpResponse:
    event = visible_event(request, pk)
    mine = approved_registration(request, event)
    if isinstance(mine, HttpResponse):
        return mine
    meeting = _my_meeting(request, event, meeting_pk)
    return act(
        request,
        agenda_anchor(event, meeting),
        lambda: services.mark_meeting_held(meeting=meeting, by=request.user),
        _("Marked as held. How useful was it? Rate it and follow it up below."),
    )


@login_required
@require_POST
def meeting_rate(
    request: AuthenticatedHttpRequest, pk: int, meeting_pk: int
) -> HttpResponse:
    event = visible_event(request, pk)
    mine = approved_registration(request, event)
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
            return redirect(agenda_anchor(event, meeting))
    return _render_agenda(request, event, mine, bound={key: form})


@login_required
@require_POST
def meeting_follow_up(
    request: AuthenticatedHttpRequest, pk: int, meeting_pk: int
) -> HttpResponse:
    event = visible_event(request, pk)
    mine = approved_registration(request, event)
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
            return redirect(agenda_anchor(event, meeting))
    return _render_agenda(request, event, mine, bound={key: form})
