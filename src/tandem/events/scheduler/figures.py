"""Figures on a plan: the hard rules it breaks, meetings per participant,
idle gaps and total weight."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from itertools import pairwise

from tandem.events.scheduler.model import Placement, Problem
from tandem.events.scheduler.prepare import Prepared, prepare, slot_key


def violations(problem: Problem, assignment: Mapping[str, Placement]) -> list[str]:
    """Every broken hard rule of ``assignment``, as text; empty when valid."""
    prep = prepare(problem)
    out: list[str] = []
    busy: dict[tuple[str, str], str] = {}
    count: dict[str, int] = defaultdict(int)
    tables_used: dict[str, list[int]] = defaultdict(list)
    all_slots = frozenset(prep.slot_ids)
    for rid, place in sorted(assignment.items()):
        r = prep.by_req.get(rid)
        if r is None:
            out.append(f"{rid}: unknown request")
            continue
        if place.slot not in prep.tables:
            out.append(f"{rid}: unknown slot {place.slot}")
            continue
        for p in (r.a, r.b):
            avail = problem.availability.get(p, all_slots)
            if place.slot not in avail or place.slot in problem.blocked.get(p, ()):
                out.append(f"{rid}: {p} not available in {place.slot}")
            if (p, place.slot) in busy:
                out.append(
                    f"{rid}: {p} also meets in {place.slot} ({busy[p, place.slot]})"
                )
            busy[(p, place.slot)] = rid
            count[p] += 1
        if prep.table_needed[rid]:
            if place.table is None or not 1 <= place.table <= prep.tables[place.slot]:
                out.append(f"{rid}: bad table {place.table} in {place.slot}")
            else:
                tables_used[place.slot].append(place.table)
        elif place.table is not None:
            out.append(f"{rid}: online meeting given table {place.table}")
        if r.fixed is not None and (
            place.slot != r.fixed.slot
            or (r.fixed.table is not None and place.table != r.fixed.table)
        ):
            out.append(f"{rid}: fixed meeting moved")
    for r in prep.requests:
        if r.fixed is not None and r.id not in assignment:
            out.append(f"{r.id}: fixed meeting dropped")
    for slot, used in tables_used.items():
        if len(used) != len(set(used)):
            out.append(f"{slot}: a table is used twice")
    for p, n in count.items():
        if n > prep.max_of[p]:
            out.append(f"{p}: {n} meetings, more than {prep.max_of[p]}")
    return out


def meeting_counts(
    problem: Problem, assignment: Mapping[str, Placement]
) -> dict[str, int]:
    """Meetings per participant who asked (is party to a request), 0 included."""
    counts = {pid: 0 for r in problem.requests for pid in (r.a, r.b)}
    by_req = {r.id: r for r in problem.requests}
    for rid in assignment:
        r = by_req[rid]
        counts[r.a] += 1
        counts[r.b] += 1
    return counts


def idle_gaps(problem: Problem, slots: Mapping[str, str]) -> int:
    """Idle slots between two meetings of a participant in the same session,
    summed over participants; ``slots`` maps request → slot."""
    prep_order = {s.id: i for i, s in enumerate(sorted(problem.slots, key=slot_key))}
    session = {s.id: s.session for s in problem.slots}
    by_req = {r.id: r for r in problem.requests}
    agenda: dict[str, list[str]] = defaultdict(list)
    for rid, slot in slots.items():
        r = by_req[rid]
        agenda[r.a].append(slot)
        agenda[r.b].append(slot)
    return sum(gaps_of(agenda[p], prep_order, session) for p in agenda)


def gaps_of(
    mine: Sequence[str], order: Mapping[str, int], session: Mapping[str, str]
) -> int:
    """Idle slots between one participant's meetings ``mine`` (slots), within
    each session."""
    ordered = sorted(mine, key=order.__getitem__)
    return sum(
        order[b] - order[a] - 1
        for a, b in pairwise(ordered)
        if session[a] == session[b]
    )


def total_weight(prep: Prepared, slots: Mapping[str, str]) -> int:
    """The weight of the requests a plan (request → slot) meets."""
    return sum(prep.by_req[rid].weight for rid in slots)
