"""The organisers' printable pages: every participant's agenda and the
table plan.
"""

from collections import defaultdict
from dataclasses import dataclass

from tandem.events.models import Event, Meeting, Registration, Session, Slot

LIVE_MEETING = (Meeting.State.SCHEDULED, Meeting.State.HELD)


def _live_meetings(event: Event) -> list[Meeting]:
    """Scheduled and held meetings with their people; each shares ``event``
    (for its link) instead of a copy of it per row."""
    meetings = list(
        Meeting.objects.filter(event=event, state__in=LIVE_MEETING)
        .select_related(
            "slot__session",
            "request__requester__user",
            "request__requester__organisation__city",
            "request__invitee__user",
            "request__invitee__organisation__city",
        )
        .order_by("slot__starts_at", "table", "pk")
    )
    for meeting in meetings:
        meeting.event = event
    return meetings


@dataclass(frozen=True)
class AgendaLine:
    meeting: Meeting
    other: Registration  # whom the participant meets


@dataclass(frozen=True)
class ParticipantSheet:
    """A participant's printed agenda."""

    registration: Registration
    lines: tuple[AgendaLine, ...]


def participant_sheets(event: Event) -> list[ParticipantSheet]:
    """Every approved participant with their scheduled and held meetings by
    time, by organisation and name; two queries."""
    registrations = list(
        Registration.objects.filter(event=event, state=Registration.State.APPROVED)
        .select_related("user", "organisation__city")
        .order_by("organisation__name", "user__last_name", "user__first_name", "pk")
    )
    lines: dict[int, list[AgendaLine]] = defaultdict(list)
    for meeting in _live_meetings(event):
        requester, invitee = meeting.request.requester, meeting.request.invitee
        lines[requester.pk].append(AgendaLine(meeting=meeting, other=invitee))
        lines[invitee.pk].append(AgendaLine(meeting=meeting, other=requester))
    return [
        ParticipantSheet(registration=r, lines=tuple(lines[r.pk]))
        for r in registrations
    ]


@dataclass(frozen=True)
class SlotRow:
    slot: Slot
    tables: tuple[Meeting | None, ...]  # table 1, 2, ...
    online: tuple[Meeting, ...]


@dataclass(frozen=True)
class SessionPlan:
    """A session's table plan: rows are slots, columns are tables."""

    session: Session
    table_numbers: tuple[int, ...]
    rows: tuple[SlotRow, ...]
    has_online: bool
    meetings: int


def table_plan(event: Event) -> list[SessionPlan]:
    """Per session and slot, which meeting sits at which table (and which
    meet online); scheduled and held meetings, three queries."""
    by_slot: dict[int, list[Meeting]] = defaultdict(list)
    for meeting in _live_meetings(event):
        by_slot[meeting.slot_id].append(meeting)
    plans = []
    for session in event.sessions.prefetch_related("slots"):
        slots = list(session.slots.all())
        meetings = [m for slot in slots for m in by_slot[slot.pk]]
        last_table = max(
            [session.tables, *(m.table for m in meetings if m.table is not None)]
        )
        rows = []
        for slot in slots:
            at_table: dict[int, Meeting] = {
                m.table: m for m in by_slot[slot.pk] if m.table is not None
            }
            rows.append(
                SlotRow(
                    slot=slot,
                    tables=tuple(at_table.get(t) for t in range(1, last_table + 1)),
                    online=tuple(m for m in by_slot[slot.pk] if m.table is None),
                )
            )
        plans.append(
            SessionPlan(
                session=session,
                table_numbers=tuple(range(1, last_table + 1)),
                rows=tuple(rows),
                has_online=session.online_rooms > 0
                or any(m.table is None for m in meetings),
                meetings=len(meetings),
            )
        )
    return plans
