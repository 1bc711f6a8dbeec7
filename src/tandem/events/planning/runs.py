"""Scheduler runs: start one, solve it in the background, store its plan and
publish it, guarded by the event's plan version.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.accounts.models import User
from tandem.audit.services import record
from tandem.errors import PermissionDenied, ValidationError
from tandem.events import audit_actions, permissions, scheduler
from tandem.events.models import Event, Meeting, PlanRun, Slot
from tandem.events.planning.problem import Built, build_problem

RunState = PlanRun.State

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


def _checked_plan(
    run: PlanRun,
) -> tuple[Event, PlanRun, Built, dict[str, scheduler.Placement]]:
    """The event and run, locked, the event's problem now and the run's plan.

    The lock serialises publishing: the second of two organisers sees the
    version the first one set and is refused. Raises ValidationError
    ``not_finished``, ``event_not_open`` or ``plan_outdated``.
    """
    current = Event.objects.select_for_update(of=("self",)).get(pk=run.event_id)
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
    return current, run, built, assignment


def _set_aside(
    event: Event,
    built: Built,
    assignment: dict[str, scheduler.Placement],
    now: datetime.datetime,
) -> tuple[dict[str, Meeting], int]:
    """The meetings that leave their place (by request id), cancelled in the
    database but not in memory, and how many stay where they are.

    Set aside first, a meeting taking over a table freed in the same plan
    never meets the table's uniqueness rule half-way.
    """
    changing: dict[str, Meeting] = {}
    kept = 0
    for rid, meeting in built.meetings.items():
        place = assignment.get(rid)
        if (
            meeting.state == Meeting.State.SCHEDULED
            and place is not None
            and (str(meeting.slot_id), meeting.table) == (place.slot, place.table)
        ):
            kept += 1
            continue
        # What the notifications read, from the rows loaded already.
        meeting.event = event
        meeting.request = built.requests[rid]
        changing[rid] = meeting
    # Scheduled meetings of requests no longer schedulable (a participant
    # left, a request was cancelled) are cancelled by their own services.
    Meeting.objects.filter(pk__in=[m.pk for m in changing.values()]).update(
        state=Meeting.State.CANCELLED, updated_at=now
    )
    return changing, kept


def _place(
    event: Event,
    built: Built,
    assignment: dict[str, scheduler.Placement],
    changing: dict[str, Meeting],
    *,
    version: int,
    now: datetime.datetime,
) -> tuple[list[Meeting], list[tuple[Meeting, Slot]]]:
    """Write the plan's new and moved meetings; returns the added ones and
    the moved ones with their old slots."""
    added: list[Meeting] = []
    moved: list[tuple[Meeting, Slot]] = []
    new: list[Meeting] = []
    updated: list[Meeting] = []
    for rid, place in assignment.items():
        if rid in built.meetings and rid not in changing:
            continue  # kept
        meeting = changing.get(rid) or Meeting(event=event, request=built.requests[rid])
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
    return added, moved


def _dropped(
    built: Built,
    assignment: dict[str, scheduler.Placement],
    changing: dict[str, Meeting],
) -> list[Meeting]:
    """The meetings scheduled before that the plan leaves out, marked
    cancelled in memory (``_set_aside`` cancelled them in the database)."""
    cancelled = []
    for rid, meeting in changing.items():
        if rid not in assignment and meeting.state == Meeting.State.SCHEDULED:
            meeting.state = Meeting.State.CANCELLED
            if str(meeting.slot_id) in built.slots:
                meeting.slot = built.slots[str(meeting.slot_id)]
            cancelled.append(meeting)
    return cancelled


@transaction.atomic
def publish_run(*, run: PlanRun, by: User) -> Published:
    """Make the run's plan the event's meetings and tell the participants.

    Raises PermissionDenied, or ValidationError ``not_finished``,
    ``event_not_open`` or ``plan_outdated`` (another plan was published since
    the run, or today's requests make the plan break a rule).
    """
    from tandem.events import notifications

    if not permissions.can_manage_event(by, run.event):
        raise PermissionDenied
    event, run, built, assignment = _checked_plan(run)
    version = event.plan_version + 1
    now = timezone.now()
    changing, kept = _set_aside(event, built, assignment, now)
    added, moved = _place(event, built, assignment, changing, version=version, now=now)
    cancelled = _dropped(built, assignment, changing)
    event.plan_version = version
    event.save(update_fields=["plan_version", "updated_at"])
    run.state = RunState.PUBLISHED
    run.published_at = now
    run.save(update_fields=["state", "published_at"])
    city, also_city = permissions.event_cities(event)
    record(
        action=audit_actions.PLAN_PUBLISHED,
        actor=by,
        target=event,
        city=city,
        also_city=also_city,
        changes={"plan_version": (version - 1, version)},
    )
    notifications.plan_published(
        event=event, added=added, moved=moved, cancelled=cancelled, actor=by
    )
    return Published(run, added, moved, cancelled, kept)
