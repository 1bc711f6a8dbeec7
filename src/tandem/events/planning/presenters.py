"""What the organisers read about the scheduler: its input, a run's messages
as sentences, and what publishing a run would change.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tandem.events.models import (
    Event,
    Meeting,
    MeetingRequest,
    PlanRun,
    Registration,
    Slot,
)
from tandem.events.planning.problem import schedulable_requests


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


@dataclass(frozen=True)
class InputSummary:
    participants: int
    requests: int
    fixed: int
    slots: int
    tables: int


def input_summary(event: Event) -> InputSummary:
    """What the scheduler would work with now."""
    requests = schedulable_requests(event)
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
