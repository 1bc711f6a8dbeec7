"""The scheduler in Tandem: from an event's data to a published meeting plan.

An organiser starts a run (``start_run``); a background task solves it
(``execute_run``) with ``tandem.events.scheduler`` on plain data built by
``build_problem``; the organiser reads the plan and its share of the upper
bound, then publishes it (``publish_run``). A run remembers the plan version
it was computed from: when someone published another plan in between, or the
requests changed so that the plan breaks a rule, publishing is refused and the
organiser runs the scheduler again. Two organisers publishing at once cannot
leave two plans: the event row is locked and the version checked.

Meetings booked by hand (by participants in a self-booking event or by the
organisers; ``plan_version`` 0) are fixed: every plan keeps them. Meetings of
an earlier plan are kept where they are when the plan stays as good, so a
re-run after late changes moves few of them.
"""

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tandem.accounts.models import User
from tandem.errors import PermissionDenied, ValidationError
from tandem.events import permissions, scheduler
from tandem.events.models import (
    Availability,
    Event,
    Meeting,
    MeetingRequest,
    PlanRun,
    Registration,
    Slot,
)

RunState = PlanRun.State


# --- From the database to the scheduler's plain data --------------------------


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


def _schedulable_requests(event: Event) -> QuerySet[MeetingRequest]:
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
    available: dict[str, set[str]] = {}
    for registration_id, slot_id in Availability.objects.filter(
        registration__in=[int(pk) for pk in registrations],
        slot__session__event=event,
    ).values_list("registration_id", "slot_id"):
        available.setdefault(str(registration_id), set()).add(str(slot_id))
    requests = {str(r.pk): r for r in _schedulable_requests(event)}
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
    online_event = event.city_id is None
    participants = [
        scheduler.Participant(
            id=pk,
            city=str(registration.organisation.city_id),
            online=online_event
            or registration.attendance == Registration.Attendance.ONLINE,
        )
        for pk, registration in registrations.items()
    ]
    plain_requests = []
    previous: dict[str, scheduler.Placement] = {}
    for pk, request in requests.items():
        meeting = meetings.get(pk)
        live = meeting is not None and meeting.state == Meeting.State.SCHEDULED
        fixed = None
        if live and meeting is not None:
            placement = scheduler.Placement(str(meeting.slot_id), meeting.table)
            if meeting.plan_version == 0:
                fixed = scheduler.FixedMeeting(placement.slot, placement.table)
            else:
                previous[pk] = placement
        plain_requests.append(
            scheduler.Request(
                id=pk,
                a=str(request.requester_id),
                b=str(request.invitee_id),
                weight=scheduler.request_weight(
                    request.priority,  # type: ignore[arg-type]
                    mutual=request.mutual or request.set_by_organiser,
                    cross_city=request.requester.organisation.city_id
                    != request.invitee.organisation.city_id,
                ),
                fixed=fixed,
            )
        )
    problem = scheduler.Problem(
        participants=participants,
        slots=[
            scheduler.Slot(id=pk, start=slot.starts_at, session=str(slot.session_id))
            for pk, slot in slots.items()
        ],
        requests=plain_requests,
        availability={
            pk: frozenset(available[pk]) for pk in registrations if pk in available
        },
        tables_per_slot={pk: slot.session.tables for pk, slot in slots.items()},
        max_meetings=event.max_meetings,
        previous=previous,
    )
    return Built(problem, requests, registrations, slots, meetings)


# --- Runs ----------------------------------------------------------------------


# A run still waiting or running this long after its time limit has lost its
# worker (stopped, crashed); it no longer blocks a new run.
STALE_AFTER = datetime.timedelta(minutes=10)


def _give_up_stale_runs(event: Event) -> None:
    now = timezone.now()
    for run in event.plan_runs.filter(state__in=[RunState.QUEUED, RunState.RUNNING]):
        limit = datetime.timedelta(seconds=run.time_limit_seconds) + STALE_AFTER
        if run.created_at + limit < now:
            run.state = RunState.FAILED
            run.finished_at = now
            run.save(update_fields=["state", "finished_at"])


@transaction.atomic
def start_run(
    *, event: Event, by: User, time_limit_seconds: int | None = None
) -> PlanRun:
    """Queue a scheduler run; the task starts once the transaction commits.

    Raises PermissionDenied or ValidationError ``event_not_open`` (a draft or
    cancelled event) or ``run_in_progress`` (a run that waits or runs, unless
    it is ``STALE_AFTER`` past its time limit: then it is marked failed).
    """
    from tandem.events import tasks

    if not permissions.can_manage_event(by, event):
        raise PermissionDenied
    current = Event.objects.select_for_update(of=("self",)).get(pk=event.pk)
    if current.status != Event.Status.PUBLISHED:
        raise ValidationError(
            _("Only a published event can be scheduled."), code="event_not_open"
        )
    _give_up_stale_runs(current)
    if current.plan_runs.filter(state__in=[RunState.QUEUED, RunState.RUNNING]).exists():
        raise ValidationError(
            _("The scheduler is already running for this event."),
            code="run_in_progress",
        )
    run = PlanRun(
        event=current,
        based_on_version=current.plan_version,
        time_limit_seconds=time_limit_seconds or settings.TANDEM_SCHEDULER_SECONDS,
        requested_by=by,
    )
    run.full_clean()
    run.save()
    transaction.on_commit(lambda: tasks.run_scheduler.enqueue(run.pk))
    return run


def execute_run(run_id: int) -> PlanRun:
    """Solve a queued run and store the plan (the background task's work)."""
    with transaction.atomic():
        run = PlanRun.objects.select_for_update(of=("self",)).get(pk=run_id)
        if run.state != RunState.QUEUED:
            return run
        run.state = RunState.RUNNING
        run.save(update_fields=["state"])
    try:
        built = build_problem(run.event)
        result = scheduler.schedule(
            built.problem,
            scheduler.Options(time_limit_seconds=float(run.time_limit_seconds)),
        )
    except Exception:
        PlanRun.objects.filter(pk=run.pk).update(
            state=RunState.FAILED, finished_at=timezone.now()
        )
        raise
    run.state = RunState.FINISHED
    run.assignment = {
        rid: [place.slot, place.table] for rid, place in result.assignment.items()
    }
    run.objective = result.objective
    run.bound = result.bound
    run.greedy_objective = result.greedy_objective
    run.solver_status = result.status
    run.moved = result.moved
    run.idle_gaps = result.idle_gaps
    run.seconds = round(result.seconds_to_final, 2)
    run.messages = [
        {
            "code": m.code,
            "request_ids": list(m.request_ids),
            "slot_ids": list(m.slot_ids),
            "participant_ids": list(m.participant_ids),
        }
        for m in result.messages
    ]
    run.finished_at = timezone.now()
    run.save()
    return run


@dataclass(frozen=True)
class Published:
    run: PlanRun
    added: list[Meeting]
    moved: list[tuple[Meeting, Slot]]
    cancelled: list[Meeting]
    kept: int


def _outdated() -> ValidationError:
    return ValidationError(
        _(
            "The requests or the plan changed since this run: run the "
            "scheduler again and publish the new plan."
        ),
        code="plan_outdated",
    )


@transaction.atomic
def publish_run(*, run: PlanRun, by: User) -> Published:
    """Make the run's plan the event's meetings and tell the participants.

    Raises PermissionDenied, or ValidationError ``not_finished``,
    ``event_not_open`` or ``plan_outdated`` (another plan was published since
    the run, or today's requests make the plan break a rule).
    """
    from tandem.events import notifications

    event = run.event
    if not permissions.can_manage_event(by, event):
        raise PermissionDenied
    # The lock serialises publishing: the second of two organisers sees the
    # version the first one set and is refused.
    current = Event.objects.select_for_update(of=("self",)).get(pk=event.pk)
    run = PlanRun.objects.select_for_update(of=("self",)).get(pk=run.pk)
    if run.state != RunState.FINISHED:
        raise ValidationError(
            _("Only a finished run can be published."), code="not_finished"
        )
    if current.status != Event.Status.PUBLISHED:
        raise ValidationError(
            _("Only a published event can be scheduled."), code="event_not_open"
        )
    if current.plan_version != run.based_on_version:
        raise _outdated()
    built = build_problem(current)
    assignment = {
        rid: scheduler.Placement(str(slot), table)
        for rid, (slot, table) in run.assignment.items()
    }
    if scheduler.violations(built.problem, assignment):
        raise _outdated()

    version = current.plan_version + 1
    now = timezone.now()
    # Meetings that leave their place are first set aside, so that a meeting
    # taking over a table freed in the same plan never meets the table's
    # uniqueness rule half-way.
    changing: dict[str, Meeting] = {}
    kept = 0
    for rid, meeting in built.meetings.items():
        place = assignment.get(rid)
        live = meeting.state == Meeting.State.SCHEDULED
        if (
            live
            and place is not None
            and (str(meeting.slot_id), meeting.table)
            == (
                place.slot,
                place.table,
            )
        ):
            kept += 1
            continue
        # What the notifications read, from the rows loaded already.
        meeting.event = current
        meeting.request = built.requests[rid]
        changing[rid] = meeting
    # Scheduled meetings of requests no longer schedulable (a participant
    # left, a request was cancelled) are cancelled by their own services.
    Meeting.objects.filter(pk__in=[m.pk for m in changing.values()]).update(
        state=Meeting.State.CANCELLED, updated_at=now
    )
    added: list[Meeting] = []
    moved: list[tuple[Meeting, Slot]] = []
    cancelled: list[Meeting] = []
    new: list[Meeting] = []
    updated: list[Meeting] = []
    for rid, place in assignment.items():
        if rid in built.meetings and rid not in changing:
            continue  # kept
        meeting = changing.get(rid) or Meeting(
            event=current, request=built.requests[rid]
        )
        # The state in memory is the one before this plan.
        live = meeting.pk is not None and meeting.state == Meeting.State.SCHEDULED
        old_slot = built.slots.get(str(meeting.slot_id)) if live else None
        meeting.slot = built.slots[place.slot]
        meeting.table = place.table
        meeting.online = place.table is None
        meeting.state = Meeting.State.SCHEDULED
        meeting.plan_version = version
        meeting.updated_at = now
        (updated if meeting.pk is not None else new).append(meeting)
        if old_slot is not None:
            moved.append((meeting, old_slot))
        else:
            added.append(meeting)
    # In bulk: a plan for a thousand people holds thousands of meetings.
    Meeting.objects.bulk_create(new, batch_size=1000)
    Meeting.objects.bulk_update(
        updated,
        ["slot", "table", "online", "state", "plan_version", "updated_at"],
        batch_size=1000,
    )
    for rid, meeting in changing.items():
        if rid not in assignment and meeting.state == Meeting.State.SCHEDULED:
            meeting.state = Meeting.State.CANCELLED
            if str(meeting.slot_id) in built.slots:
                meeting.slot = built.slots[str(meeting.slot_id)]
            cancelled.append(meeting)
    current.plan_version = version
    current.save(update_fields=["plan_version", "updated_at"])
    run.state = RunState.PUBLISHED
    run.published_at = now
    run.save(update_fields=["state", "published_at"])
    notifications.plan_published(
        event=current, added=added, moved=moved, cancelled=cancelled, actor=by
    )
    return Published(run, added, moved, cancelled, kept)


# --- What a run's messages mean ----------------------------------------------------


def _names(built_or_ids: Mapping[str, Any], ids: list[str]) -> str:
    return ", ".join(str(built_or_ids[i]) for i in ids if i in built_or_ids)


def explain(run: PlanRun) -> list[str]:
    """The run's messages as sentences naming the meetings, slots and people
    (read for the ids the messages name only)."""
    named = {
        key: {int(i) for m in run.messages for i in m[key] if str(i).isdigit()}
        for key in ("request_ids", "slot_ids", "participant_ids")
    }
    requests = {
        str(r.pk): _("%(requester)s with %(invitee)s")
        % {
            "requester": r.requester.public_name,
            "invitee": r.invitee.public_name,
        }
        for r in MeetingRequest.objects.filter(
            event=run.event, pk__in=named["request_ids"]
        ).select_related(
            "requester__user",
            "requester__organisation",
            "invitee__user",
            "invitee__organisation",
        )
    }
    slots = {
        str(s.pk): date_format(timezone.localtime(s.starts_at), "SHORT_DATETIME_FORMAT")
        for s in Slot.objects.filter(session__event=run.event, pk__in=named["slot_ids"])
    }
    people = {
        str(r.pk): r.public_name
        for r in Registration.objects.filter(
            event=run.event, pk__in=named["participant_ids"]
        ).select_related("user", "organisation")
    }
    sentences = []
    for message in run.messages:
        values = {
            "meetings": _names(requests, message["request_ids"]),
            "slots": _names(slots, message["slot_ids"]),
            "people": _names(people, message["participant_ids"]),
            "count": len(message["request_ids"]),
        }
        sentences.append(_sentence(message["code"], values))
    return sentences


def _sentence(code: str, values: Mapping[str, Any]) -> str:
    count = values["count"]
    texts = {
        "no_slots": _("The event has no meeting slots yet: add a session first."),
        "no_tables": _(
            "No session has tables, so no meeting on site can be scheduled."
        ),
        "no_requests": _(
            "There are no accepted meeting requests between approved participants."
        ),
        "no_common_slot": ngettext(
            "No slot suits both sides of this meeting: %(meetings)s.",
            "No slot suits both sides of these %(count)d meetings: %(meetings)s.",
            count,
        ),
        "fixed_unknown_slot": _(
            "A booked meeting is in an unknown slot: %(meetings)s."
        ),
        "fixed_unavailable": _(
            "%(people)s is not available at %(slots)s, when the booked meeting "
            "%(meetings)s takes place."
        ),
        "fixed_participant_clash": _(
            "%(people)s has several booked meetings at %(slots)s: %(meetings)s."
        ),
        "fixed_table_clash": _(
            "Booked meetings share a table at %(slots)s: %(meetings)s."
        ),
        "fixed_table_out_of_range": _(
            "A booked meeting has a table the session does not have at %(slots)s: "
            "%(meetings)s."
        ),
        "fixed_table_online": _(
            "An online meeting was booked at a table at %(slots)s: %(meetings)s."
        ),
        "fixed_over_tables": _(
            "More meetings are booked at %(slots)s than there are tables: %(meetings)s."
        ),
        "fixed_over_max_meetings": _(
            "%(people)s has more booked meetings than the most allowed: %(meetings)s."
        ),
    }
    text = texts.get(code, _("The scheduler reported a problem (%(code)s)."))
    return text % {**values, "code": code}


# --- Reads for the organisers' pages --------------------------------------------


@dataclass(frozen=True)
class InputSummary:
    participants: int
    requests: int
    fixed: int
    slots: int
    tables: int


def input_summary(event: Event) -> InputSummary:
    """What the scheduler would work with now."""
    requests = _schedulable_requests(event)
    return InputSummary(
        participants=Registration.objects.filter(
            event=event, state=Registration.State.APPROVED
        ).count(),
        requests=requests.count(),
        fixed=requests.filter(
            meeting__state=Meeting.State.SCHEDULED, meeting__plan_version=0
        ).count(),
        slots=Slot.objects.filter(session__event=event).count(),
        tables=max((session.tables for session in event.sessions.all()), default=0),
    )


@dataclass(frozen=True)
class PlannedMeeting:
    requester: Registration
    invitee: Registration
    table: int | None
    change: str  # "new", "moved", "kept"


@dataclass(frozen=True)
class PlannedSlot:
    slot: Slot
    meetings: list[PlannedMeeting]


@dataclass(frozen=True)
class Preview:
    slots: list[Slot]  # the slots the plan puts meetings in, by time
    changes: dict[str, str]  # request id → "new", "moved" or "kept"
    new: int
    moved: int
    kept: int
    dropped: int  # scheduled meetings the plan leaves out


def _changes(run: PlanRun) -> tuple[dict[str, str], int]:
    """Request → "new", "moved" or "kept" against the meetings scheduled now,
    and how many scheduled meetings the plan leaves out."""
    scheduled = {
        str(request_id): (str(slot_id), table)
        for request_id, slot_id, table in Meeting.objects.filter(
            event=run.event, state=Meeting.State.SCHEDULED
        ).values_list("request_id", "slot_id", "table")
    }
    changes = {}
    for rid, (slot_id, table) in run.assignment.items():
        now = scheduled.get(rid)
        if now is None:
            changes[rid] = "new"
        else:
            changes[rid] = "kept" if now == (str(slot_id), table) else "moved"
    dropped = sum(1 for rid in scheduled if rid not in run.assignment)
    return changes, dropped


def plan_preview(run: PlanRun) -> Preview:
    """What publishing the run would change, and the slots it fills; cheap
    even for thousands of meetings (ids only; ``planned_slots`` reads the
    people of a page of slots)."""
    changes, dropped = _changes(run)
    used = {str(slot_id) for slot_id, _table in run.assignment.values()}
    slots = [
        slot
        for slot in Slot.objects.filter(session__event=run.event).order_by(
            "starts_at", "pk"
        )
        if str(slot.pk) in used
    ]
    values = list(changes.values())
    return Preview(
        slots,
        changes,
        values.count("new"),
        values.count("moved"),
        values.count("kept"),
        dropped,
    )


def planned_slots(
    run: PlanRun, slots: Sequence[Slot], *, changes: Mapping[str, str]
) -> list[PlannedSlot]:
    """The run's meetings in these slots, by table, each marked as
    ``changes`` (``Preview.changes``) says."""
    wanted = {str(slot.pk) for slot in slots}
    placed = {
        rid: (str(slot_id), table)
        for rid, (slot_id, table) in run.assignment.items()
        if str(slot_id) in wanted
    }
    requests = {
        str(r.pk): r
        for r in MeetingRequest.objects.filter(
            event=run.event, pk__in=[int(pk) for pk in placed]
        ).select_related(
            "requester__user",
            "requester__organisation__city",
            "invitee__user",
            "invitee__organisation__city",
        )
    }
    by_slot: dict[str, list[PlannedMeeting]] = {}
    for rid, (slot_id, table) in placed.items():
        request = requests.get(rid)
        if request is None:
            continue
        by_slot.setdefault(slot_id, []).append(
            PlannedMeeting(request.requester, request.invitee, table, changes[rid])
        )
    return [
        PlannedSlot(
            slot,
            sorted(
                by_slot.get(str(slot.pk), []),
                key=lambda m: (m.table is None, m.table or 0, m.requester.pk),
            ),
        )
        for slot in slots
    ]
