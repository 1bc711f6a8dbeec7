"""The index form of a problem: candidate slots per request, capacities, and
the messages on what cannot be scheduled, fixed meetings included."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from tandem.events.scheduler.model import (
    Message,
    Participant,
    Problem,
    Request,
    Slot,
    needs_table,
)


@dataclass
class Prepared:
    """Index form of a problem: candidate slots per request, capacities."""

    problem: Problem
    slot_ids: list[str]
    slot_order: dict[str, int]
    tables: dict[str, int]
    max_of: dict[str, int]
    requests: list[Request]  # in order of id
    by_req: dict[str, Request]
    table_needed: dict[str, bool]
    candidates: dict[str, list[str]]  # request → slots in time order
    messages: list[Message]
    fixed_ok: bool


def prepare(problem: Problem) -> Prepared:
    """The index form of ``problem`` with the messages on what cannot be
    scheduled; structurally broken input raises ``ValueError``."""
    by_id = _validate(problem)
    slot_ids = [s.id for s in sorted(problem.slots, key=slot_key)]
    slot_order = {s: i for i, s in enumerate(slot_ids)}
    tables = {s: max(0, int(problem.tables_per_slot.get(s, 0))) for s in slot_ids}
    max_of = {
        p.id: max(
            0, p.max_meetings if p.max_meetings is not None else problem.max_meetings
        )
        for p in problem.participants
    }
    all_slots = frozenset(slot_ids)
    free_of = {
        pid: (problem.availability.get(pid, all_slots) & all_slots)
        - problem.blocked.get(pid, frozenset())
        for pid in by_id
    }
    requests = sorted(problem.requests, key=lambda r: r.id)
    table_needed = {r.id: needs_table(by_id[r.a], by_id[r.b]) for r in requests}
    candidates = {
        r.id: _candidates(r, free_of, max_of, tables, table_needed[r.id], slot_order)
        for r in requests
    }
    messages = _input_messages(slot_ids, tables, requests, table_needed, candidates)
    fixed_messages = _check_fixed(requests, free_of, tables, table_needed, max_of)
    return Prepared(
        problem=problem,
        slot_ids=slot_ids,
        slot_order=slot_order,
        tables=tables,
        max_of=max_of,
        requests=requests,
        by_req={r.id: r for r in requests},
        table_needed=table_needed,
        candidates=candidates,
        messages=[*messages, *fixed_messages],
        fixed_ok=not fixed_messages,
    )


def _validate(problem: Problem) -> dict[str, Participant]:
    """The participants by id, once the ids and requests are known sound."""
    by_id = {p.id: p for p in problem.participants}
    if len(by_id) != len(problem.participants):
        raise ValueError("duplicate participant id")
    if len({r.id for r in problem.requests}) != len(problem.requests):
        raise ValueError("duplicate request id")
    if len({s.id for s in problem.slots}) != len(problem.slots):
        raise ValueError("duplicate slot id")
    for r in problem.requests:
        if r.a not in by_id or r.b not in by_id:
            raise ValueError(f"request {r.id} names an unknown participant")
        if r.a == r.b:
            raise ValueError(f"request {r.id} is with oneself")
        if r.weight < 0:
            raise ValueError(f"request {r.id} has a negative weight")
    return by_id


def _candidates(
    r: Request,
    free_of: Mapping[str, frozenset[str]],
    max_of: Mapping[str, int],
    tables: Mapping[str, int],
    table_needed: bool,
    slot_order: Mapping[str, int],
) -> list[str]:
    """The slots in which ``r`` can take place, in time order: its fixed
    slot, else those both sides are free in, with a table if it needs one."""
    if r.fixed is not None:
        return [r.fixed.slot]
    if max_of[r.a] == 0 or max_of[r.b] == 0:
        return []
    common = free_of[r.a] & free_of[r.b]
    if table_needed:
        common = frozenset(s for s in common if tables[s] > 0)
    return sorted(common, key=slot_order.__getitem__)


def _input_messages(
    slot_ids: Sequence[str],
    tables: Mapping[str, int],
    requests: Sequence[Request],
    table_needed: Mapping[str, bool],
    candidates: Mapping[str, Sequence[str]],
) -> list[Message]:
    """What no plan can schedule: no slots, no tables, no requests, requests
    whose sides share no free slot (unless the lack of tables explains it)."""
    messages: list[Message] = []
    if not slot_ids:
        messages.append(Message("no_slots"))
    if not requests:
        messages.append(Message("no_requests"))
    no_tables = bool(slot_ids) and not any(tables.values())
    needing = tuple(r.id for r in requests if table_needed[r.id])
    if no_tables and needing:
        messages.append(Message("no_tables", request_ids=needing))
    no_common = tuple(
        r.id
        for r in requests
        if r.fixed is None
        and not candidates[r.id]
        and slot_ids
        and not (table_needed[r.id] and no_tables)
    )
    if no_common:
        messages.append(Message("no_common_slot", request_ids=no_common))
    return messages


def _check_fixed(
    requests: Sequence[Request],
    free_of: Mapping[str, frozenset[str]],
    tables: Mapping[str, int],
    table_needed: Mapping[str, bool],
    max_of: Mapping[str, int],
) -> list[Message]:
    """Every way a set of fixed meetings can break the hard rules, with ids.

    The checks are complete: a set of fixed meetings that passes them is a
    valid plan, so the solver never meets an infeasible model.
    """
    out: list[Message] = []
    fixed = [r for r in requests if r.fixed is not None]
    per_person_slot: dict[tuple[str, str], list[str]] = defaultdict(list)
    per_table: dict[tuple[str, int], list[str]] = defaultdict(list)
    per_slot_tables: dict[str, list[str]] = defaultdict(list)
    per_person: dict[str, list[str]] = defaultdict(list)
    for r in fixed:
        assert r.fixed is not None
        slot, table = r.fixed.slot, r.fixed.table
        if slot not in tables:
            out.append(Message("fixed_unknown_slot", (r.id,), (slot,)))
            continue
        away = tuple(p for p in (r.a, r.b) if slot not in free_of[p])
        if away:
            out.append(Message("fixed_unavailable", (r.id,), (slot,), away))
        if table is not None:
            if not table_needed[r.id]:
                out.append(Message("fixed_table_online", (r.id,), (slot,)))
            elif not 1 <= table <= tables[slot]:
                out.append(Message("fixed_table_out_of_range", (r.id,), (slot,)))
            else:
                per_table[(slot, table)].append(r.id)
        if table_needed[r.id]:
            per_slot_tables[slot].append(r.id)
        for p in (r.a, r.b):
            per_person_slot[(p, slot)].append(r.id)
            per_person[p].append(r.id)
    for (p, slot), ids in sorted(per_person_slot.items()):
        if len(ids) > 1:
            out.append(Message("fixed_participant_clash", tuple(ids), (slot,), (p,)))
    for (slot, _table), ids in sorted(per_table.items()):
        if len(ids) > 1:
            out.append(Message("fixed_table_clash", tuple(ids), (slot,)))
    for slot, ids in sorted(per_slot_tables.items()):
        if len(ids) > tables[slot]:
            out.append(Message("fixed_over_tables", tuple(ids), (slot,)))
    for p, ids in sorted(per_person.items()):
        if len(ids) > max_of[p]:
            out.append(Message("fixed_over_max_meetings", tuple(ids), (), (p,)))
    return out


def slot_key(slot: Slot) -> tuple[datetime, str]:
    return (slot.start, slot.id)
