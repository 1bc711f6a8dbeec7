"""A participant's agenda: their meetings, marking them held, rating them and
following them up with a contact request.
"""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tandem.accounts.http import AuthenticatedHttpRequest
from tandem.accounts.permissions import can_act_for
from tandem.collaboration.models import ContactRequest
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
from tandem.http import act, handle_form


@dataclass
class AgendaRow:
    meeting: Meeting
    other: Registration
    started: bool
    rating: int | None
    rating_form: forms.Form | None
    follow_up_form: forms.Form | None


def _feed_url(request: AuthenticatedHttpRequest, registration: Registration) -> str:
    """The personal calendar feed's address."""
    return request.build_absolute_uri(calendar.personal_feed_path(registration))


def _agenda_row(
    meeting: Meeting,
    mine: Registration,
    *,
    bound: Mapping[str, forms.Form],
    now: datetime.datetime,
    can_speak: bool,
) -> AgendaRow:
    """A meeting of the agenda with its forms; a submitted one (``bound``,
    under ``"rate-<pk>"`` or ``"follow-<pk>"``) keeps its data and errors."""
    mine_requested = meeting.request.requester_id == mine.pk
    rating = meeting.requester_rating if mine_requested else meeting.invitee_rating
    held = meeting.state == Meeting.State.HELD
    rate_key, follow_key = f"rate-{meeting.pk}", f"follow-{meeting.pk}"
    rating_form = follow_up_form = None
    if held:
        rating_form = bound.get(rate_key) or RatingForm(
            initial={"rating": rating}, prefix=rate_key
        )
    if held and meeting.follow_up_id is None and can_speak:
        follow_up_form = bound.get(follow_key) or FollowUpForm(prefix=follow_key)
    return AgendaRow(
        meeting=meeting,
        other=other_side(meeting.request, mine),
        started=meeting.slot.starts_at <= now,
        rating=rating,
        rating_form=rating_form,
        follow_up_form=follow_up_form,
    )


def _agenda_context(
    request: AuthenticatedHttpRequest,
    event: Event,
    mine: Registration,
    *,
    bound: Mapping[str, forms.Form] | None = None,
) -> dict[str, Any]:
    """The agenda page's context, its meetings by day."""
    now = timezone.now()
    can_speak = can_act_for(request.user, mine.organisation)
    rows = [
        _agenda_row(meeting, mine, bound=bound or {}, now=now, can_speak=can_speak)
        for meeting in participant_agenda(viewer=request.user, event=event)
    ]
    days: dict[datetime.date, list[AgendaRow]] = {}
    for row in rows:
        day = timezone.localtime(row.meeting.slot.starts_at).date()
        days.setdefault(day, []).append(row)
    return {
        "event": event,
        "registration": mine,
        "rows": rows,
        "days": [{"date": day, "rows": day_rows} for day, day_rows in days.items()],
        "can_speak": can_speak,
        "feed_url": _feed_url(request, mine),
    }


@login_required
def agenda(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = visible_event(request, pk)
    mine = approved_registration(request, event)
    if isinstance(mine, HttpResponse):
        return mine
    context = _agenda_context(request, event, mine)
    return render(request, "events/participant/agenda.html", context)


def _my_meeting(
    request: AuthenticatedHttpRequest, pk: int, meeting_pk: int
) -> tuple[Event, Registration, Meeting] | HttpResponse:
    """The event, the viewer's approved registration and one of their
    meetings; else the answer to give (404, or the way to register)."""
    event = visible_event(request, pk)
    mine = approved_registration(request, event)
    if isinstance(mine, HttpResponse):
        return mine
    meeting = get_object_or_404(
        participant_agenda(viewer=request.user, event=event), pk=meeting_pk
    )
    return event, mine, meeting


@login_required
@require_POST
def meeting_held(
    request: AuthenticatedHttpRequest, pk: int, meeting_pk: int
) -> HttpResponse:
    found = _my_meeting(request, pk, meeting_pk)
    if isinstance(found, HttpResponse):
        return found
    event, _mine, meeting = found
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
    found = _my_meeting(request, pk, meeting_pk)
    if isinstance(found, HttpResponse):
        return found
    event, mine, meeting = found
    key = f"rate-{meeting.pk}"
    form = RatingForm(request.POST, prefix=key)
    return handle_form(
        request,
        form,
        save=lambda: services.rate_meeting(
            meeting=meeting, by=request.user, **form.cleaned_data
        ),
        url=agenda_anchor(event, meeting),
        success=_("Thank you, your rating is saved."),
        template="events/participant/agenda.html",
        context=lambda: _agenda_context(request, event, mine, bound={key: form}),
    )


def _followed_up(contact: ContactRequest) -> str:
    return _(
        "Your contact request was sent to %(organisation)s. Once they "
        "accept, you can write to each other and start a joint project."
    ) % {"organisation": contact.recipient.name}


@login_required
@require_POST
def meeting_follow_up(
    request: AuthenticatedHttpRequest, pk: int, meeting_pk: int
) -> HttpResponse:
    found = _my_meeting(request, pk, meeting_pk)
    if isinstance(found, HttpResponse):
        return found
    event, mine, meeting = found
    key = f"follow-{meeting.pk}"
    form = FollowUpForm(request.POST, prefix=key)
    return handle_form(
        request,
        form,
        save=lambda: services.follow_up_meeting(
            meeting=meeting, by=request.user, **form.cleaned_data
        ),
        url=agenda_anchor(event, meeting),
        success=_followed_up,
        template="events/participant/agenda.html",
        context=lambda: _agenda_context(request, event, mine, bound={key: form}),
    )
