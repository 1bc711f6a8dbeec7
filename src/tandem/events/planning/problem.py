"""From the database to the scheduler's plain data: an event's rows as a
``scheduler.Problem``, and the rows its ids stand for.
"""

from dataclasses import dataclass

from django.db.models import QuerySet

from tandem.events import scheduler
from tandem.events.models import (
    Availability,
    Event,
    Meeting,
    MeetingRequest,
    Registration,
    Slot,
)


@dataclass(frozen=True)
class Built:
    """A problem and the rows its ids stand for.

    A request's requester and invitee are the instances in ``registrations``
    (with their organisation and user): what the notifications of a published
    plan read, loaded once per participant.
    """

    problem: scheduler.Problem
    requests: dict[str, MeetingRequest]
    registrations: dict[str, Registration]
    slots: dict[str, Slot]
    meetings: dict[str, Meeting]  # request id → its existing meeting, any state


def schedulable_requests(event: Event) -> QuerySet[MeetingRequest]:
    """Accepted requests between approved participants whose meeting is not held."""
    return (
        MeetingRequest.objects.filter(
            event=event,
            state=MeetingRequest.State.ACCEPTED,
            # Both sides of this event: build_problem finds them among its
            # registrations.
            requester__event=event,
            requester__state=Registration.State.APPROVED,
            invitee__event=event,
            invitee__state=Registration.State.APPROVED,
        )
        .exclude(meeting__state=Meeting.State.HELD)
        .order_by("pk")
    )


def _availability(
    event: Event, registrations: dict[str, Registration]
) -> dict[str, frozenset[str]]:
    """Registration → the slots it ticked; one who ticked none is left out
    (free in every slot)."""
    available: dict[str, set[str]] = {}
    for registration_id, slot_id in Availability.objects.filter(
        registration__in=[int(pk) for pk in registrations],
        slot__session__event=event,
    ).values_list("registration_id", "slot_id"):
        available.setdefault(str(registration_id), set()).add(str(slot_id))
    return {pk: frozenset(available[pk]) for pk in registrations if pk in available}


def _priority(request: MeetingRequest) -> scheduler.Priority:
    return "must" if request.priority == MeetingRequest.Priority.MUST else "like"


def _plain_request(
    request: MeetingRequest,
    meeting: Meeting | None,
    previous: dict[str, scheduler.Placement],
) -> scheduler.Request:
    """The request as the scheduler reads it. A scheduled meeting booked by
    hand (plan version 0) is fixed; one of an earlier plan goes to
    ``previous``, where the scheduler keeps it when the plan stays as good."""
    pk = str(request.pk)
    fixed = None
    if meeting is not None and meeting.state == Meeting.State.SCHEDULED:
        placement = scheduler.Placement(str(meeting.slot_id), meeting.table)
        if meeting.plan_version == 0:
            fixed = scheduler.FixedMeeting(placement.slot, placement.table)
        else:
            previous[pk] = placement
    return scheduler.Request(
        id=pk,
        a=str(request.requester_id),
        b=str(request.invitee_id),
        weight=scheduler.request_weight(
            _priority(request),
            mutual=request.mutual or request.set_by_organiser,
            cross_city=request.requester.organisation.city_id
            != request.invitee.organisation.city_id,
        ),
        fixed=fixed,
    )


def build_problem(event: Event) -> Built:
    """The scheduler's input for the event as it is now.

    A participant who ticked no slot counts as free in every slot (as when
    booking). Weights follow ``scheduler.request_weight``: priority, a bonus
    when both asked (organiser-set meetings count as wanted by both sides) and
    one for meetings across the two partner cities.
    """
    registrations = {
        str(r.pk): r
        for r in Registration.objects.filter(
            event=event, state=Registration.State.APPROVED
        ).select_related("organisation", "user")
    }
    slots = {
        str(s.pk): s
        for s in Slot.objects.filter(session__event=event)
        .select_related("session")
        .order_by("starts_at", "pk")
    }
    requests = {str(r.pk): r for r in schedulable_requests(event)}
    # Both sides are among the registrations above: a join would build two
    # registrations and organisations per request, most of build_problem's
    # time at thousands of requests.
    for request in requests.values():
        request.requester = registrations[str(request.requester_id)]
        request.invitee = registrations[str(request.invitee_id)]
    meetings = {
        str(m.request_id): m
        for m in Meeting.objects.filter(request_id__in=[int(pk) for pk in requests])
    }
    previous: dict[str, scheduler.Placement] = {}
    problem = scheduler.Problem(
        participants=[
            scheduler.Participant(
                id=pk,
                city=str(registration.organisation.city_id),
                online=event.city_id is None
                or registration.attendance == Registration.Attendance.ONLINE,
            )
            for pk, registration in registrations.items()
        ],
        slots=[
            scheduler.Slot(id=pk, start=slot.starts_at, session=str(slot.session_id))
            for pk, slot in slots.items()
        ],
        requests=[
            _plain_request(request, meetings.get(pk), previous)
            for pk, request in requests.items()
        ],
        availability=_availability(event, registrations),
        tables_per_slot={pk: slot.session.tables for pk, slot in slots.items()},
        max_meetings=event.max_meetings,
        previous=previous,
    )
    return Built(problem, requests, registrations, slots, meetings)
