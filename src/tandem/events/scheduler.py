"""The meeting scheduler of matchmaking events, on plain data.

The caller (the Django layer, a benchmark, a test) supplies a ``Problem``:
participants, slots, availability, tables per slot and accepted meeting
requests with integer weights (``request_weight``). ``schedule`` returns a
``Schedule``: request → slot and table, the total weight, a proven upper bound
on it, the share of that bound reached, and coded ``Message``s that explain
what could not be scheduled. ``greedy`` is the fast fallback, reported against
the same bound. The model, the bound and the stages are described in
docs/scheduler.md.

Hard rules: a participant meets at most once per slot, only in slots they are
available for and have not blocked, and at most ``max_meetings`` times; each
request is met at most once; per slot at most as many meetings that need a
table as there are tables; fixed meetings are kept. A meeting needs a table
when both participants are on site; if either takes part online the meeting is
held online (a video room) and needs none.

Soft goals, lexicographically: (1) total weight; on re-scheduling, then the
number of previous meetings kept in their slot; (2) fairness: participants who
asked and got no meeting, then participants with a single meeting; (3) fewer
idle gaps in personal agendas, by moving single meetings to other slots while
the meetings themselves stay those of stages 1 and 2.

The wall clock and the seed are passed in; the engine never translates: the
Django layer turns message codes and their ids into sentences.

This module imports no Django.
"""

from __future__ import annotations

import math
import os
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from itertools import pairwise
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    from ortools.sat.python import cp_model

__all__ = [
    "FixedMeeting",
    "Message",
    "Options",
    "Participant",
    "Placement",
    "Problem",
    "Request",
    "Schedule",
    "Slot",
    "greedy",
    "idle_gaps",
    "lp_bound",
    "meeting_counts",
    "needs_table",
    "request_weight",
    "schedule",
    "violations",
]

Priority = Literal["must", "like"]
Status = Literal["optimal", "feasible", "greedy", "infeasible"]
BoundSource = Literal["none", "lp", "cp_sat"]
Clock = Callable[[], float]

#: Weight of a request by priority; ``request_weight`` adds the bonuses.
PRIORITY_WEIGHT: Mapping[str, int] = {"must": 10, "like": 5}
MUTUAL_BONUS = 3
CROSS_CITY_BONUS = 2


def request_weight(priority: Priority, *, mutual: bool, cross_city: bool) -> int:
    """must 10 / like 5, +3 if both sides asked, +2 across the partner cities.

    Integers, because CP-SAT needs them and a bound on an integer objective
    may be rounded down.
    """
    if priority not in PRIORITY_WEIGHT:
        raise ValueError(f"unknown priority {priority!r}")
    return (
        PRIORITY_WEIGHT[priority]
        + (MUTUAL_BONUS if mutual else 0)
        + (CROSS_CITY_BONUS if cross_city else 0)
    )


# --- Input -------------------------------------------------------------------


@dataclass(frozen=True)
class Participant:
    """``max_meetings`` None takes ``Problem.max_meetings``."""

    id: str
    city: str
    online: bool = False
    max_meetings: int | None = None


@dataclass(frozen=True)
class Slot:
    id: str
    start: datetime
    session: str = ""


@dataclass(frozen=True)
class FixedMeeting:
    """A meeting the organiser set; ``table`` None lets the scheduler pick one."""

    slot: str
    table: int | None = None


@dataclass(frozen=True)
class Request:
    """An accepted meeting request between participants ``a`` and ``b``."""

    id: str
    a: str
    b: str
    weight: int
    fixed: FixedMeeting | None = None


@dataclass(frozen=True)
class Placement:
    """Where a meeting takes place; ``table`` is None for an online meeting."""

    slot: str
    table: int | None


@dataclass(frozen=True)
class Problem:
    """Everything the scheduler needs.

    ``availability``: participant → slots they can attend; a participant
    missing from it is available in every slot. ``blocked``: participant →
    slots they keep free (a talk, a visit), removed from their availability.
    ``tables_per_slot``: a slot missing from it has no tables. ``previous``:
    the published plan being re-scheduled, request → placement.
    """

    participants: Sequence[Participant]
    slots: Sequence[Slot]
    requests: Sequence[Request]
    availability: Mapping[str, frozenset[str]] = field(default_factory=dict)
    tables_per_slot: Mapping[str, int] = field(default_factory=dict)
    blocked: Mapping[str, frozenset[str]] = field(default_factory=dict)
    max_meetings: int = 12
    previous: Mapping[str, Placement] = field(default_factory=dict)


@dataclass(frozen=True)
class Options:
    """Solver settings. ``fairness_share`` is the part of the time left after
    the first stage's start that the fairness stage may use; ``gap_share``
    the part of the time limit kept for closing idle gaps at the end;
    ``local_search_share`` the part of the time limit by which the local
    search of the hint ends, but it gets at least ``local_search_floor`` of
    the time limit after the LP bound."""

    time_limit_seconds: float = 30.0
    seed: int = 0
    workers: int = 2
    fairness: bool = True
    fairness_share: float = 0.2
    local_search_share: float = 0.3
    local_search_floor: float = 0.1
    lp_bound: bool = True
    gap_share: float = 0.05


# --- Output ------------------------------------------------------------------


@dataclass
class Message:
    """Why something was not scheduled, as a code with the ids concerned.

    Codes: ``no_slots``, ``no_tables``, ``no_requests``, ``no_common_slot``;
    infeasible fixed meetings: ``fixed_unknown_slot``, ``fixed_unavailable``,
    ``fixed_participant_clash``, ``fixed_table_clash``,
    ``fixed_table_out_of_range``, ``fixed_table_online``, ``fixed_over_tables``,
    ``fixed_over_max_meetings``.
    """

    code: str
    request_ids: tuple[str, ...] = ()
    slot_ids: tuple[str, ...] = ()
    participant_ids: tuple[str, ...] = ()


@dataclass
class Schedule:
    """The plan and how good it is.

    ``bound`` is a proven upper bound on the total weight of any plan that
    keeps the hard rules: the tighter of the LP relaxation (HiGHS, rounded
    down since weights are integers) and CP-SAT's best bound; ``bound_source``
    says which. ``moved`` counts previous meetings that changed slot or were
    dropped. Times are seconds from the call, by the clock passed in.
    """

    status: Status
    assignment: dict[str, Placement]
    objective: int
    bound: int
    bound_source: BoundSource
    lp_bound: float | None
    greedy_objective: int
    seconds_to_first_feasible: float | None
    seconds_to_best: float | None
    seconds_to_final: float
    moved: int
    messages: list[Message]
    idle_gaps: int = 0

    @property
    def share_of_bound(self) -> float:
        return 1.0 if self.bound <= 0 else self.objective / self.bound

    @property
    def greedy_share_of_bound(self) -> float:
        return 1.0 if self.bound <= 0 else self.greedy_objective / self.bound


# --- Preparation -------------------------------------------------------------


@dataclass
class _Prepared:
    """Index form of a problem: candidate slots per request, capacities."""

    problem: Problem
    slot_ids: list[str]
    slot_order: dict[str, int]
    tables: dict[str, int]
    by_id: dict[str, Participant]
    max_of: dict[str, int]
    requests: list[Request]
    table_needed: dict[str, bool]
    candidates: dict[str, list[str]]  # request → slots in time order
    messages: list[Message]
    fixed_ok: bool


def needs_table(a: Participant, b: Participant) -> bool:
    """On site both: a table; online either: a video room, no table."""
    return not (a.online or b.online)


def _prepare(problem: Problem) -> _Prepared:
    """The index form of ``problem`` with the messages on what cannot be
    scheduled; structurally broken input raises ``ValueError``."""
    by_id = _validate(problem)
    slot_ids = [s.id for s in sorted(problem.slots, key=_slot_key)]
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
    return _Prepared(
        problem=problem,
        slot_ids=slot_ids,
        slot_order=slot_order,
        tables=tables,
        by_id=by_id,
        max_of=max_of,
        requests=requests,
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


# --- Checking and figures ----------------------------------------------------


def violations(problem: Problem, assignment: Mapping[str, Placement]) -> list[str]:
    """Every broken hard rule of ``assignment``, as text; empty when valid."""
    prep = _prepare(problem)
    by_req = {r.id: r for r in prep.requests}
    out: list[str] = []
    busy: dict[tuple[str, str], str] = {}
    count: dict[str, int] = defaultdict(int)
    tables_used: dict[str, list[int]] = defaultdict(list)
    all_slots = frozenset(prep.slot_ids)
    for rid, place in sorted(assignment.items()):
        r = by_req.get(rid)
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


def _objective(prep: _Prepared, slots: Mapping[str, str]) -> int:
    weight = {r.id: r.weight for r in prep.requests}
    return sum(weight[rid] for rid in slots)


def _moved(problem: Problem, assignment: Mapping[str, Placement]) -> int:
    return sum(
        1
        for rid, old in problem.previous.items()
        if rid not in assignment or assignment[rid].slot != old.slot
    )


def _number_tables(prep: _Prepared, slots: Mapping[str, str]) -> dict[str, Placement]:
    """Table numbers per slot: fixed tables, then previous tables, then lowest free."""
    by_req = {r.id: r for r in prep.requests}
    out: dict[str, Placement] = {}
    taken: dict[str, set[int]] = defaultdict(set)
    pending: list[str] = []
    for rid in sorted(slots, key=lambda x: (prep.slot_order[slots[x]], x)):
        slot = slots[rid]
        if not prep.table_needed[rid]:
            out[rid] = Placement(slot, None)
            continue
        fixed = by_req[rid].fixed
        if fixed is not None and fixed.table is not None:
            out[rid] = Placement(slot, fixed.table)
            taken[slot].add(fixed.table)
        else:
            pending.append(rid)
    later: list[str] = []
    for rid in pending:
        slot = slots[rid]
        old = prep.problem.previous.get(rid)
        if (
            old is not None
            and old.slot == slot
            and old.table is not None
            and 1 <= old.table <= prep.tables[slot]
            and old.table not in taken[slot]
        ):
            out[rid] = Placement(slot, old.table)
            taken[slot].add(old.table)
        else:
            later.append(rid)
    next_free: dict[str, int] = defaultdict(lambda: 1)
    for rid in later:
        slot = slots[rid]
        t = next_free[slot]
        while t in taken[slot]:
            t += 1
        taken[slot].add(t)
        next_free[slot] = t + 1
        out[rid] = Placement(slot, t)
    return out


@dataclass(frozen=True)
class _Bound:
    """An upper bound on the total weight, where it comes from, and the LP's
    optimum when the LP was solved."""

    value: int
    source: BoundSource
    lp: float | None


def _build_schedule(
    prep: _Prepared,
    slots: Mapping[str, str] | None,
    *,
    status: Status,
    greedy_objective: int,
    bound: _Bound,
    seconds_to_first_feasible: float | None,
    seconds_to_best: float | None,
    seconds_to_final: float,
) -> Schedule:
    """The result of every path: tables numbered, the weight, the moves and
    the idle gaps counted from ``slots`` (request → slot). None is no plan at
    all (the fixed meetings break a rule), so nothing counts as moved."""
    assignment = _number_tables(prep, slots or {})
    return Schedule(
        status=status,
        assignment=assignment,
        objective=_objective(prep, slots or {}),
        bound=bound.value,
        bound_source=bound.source,
        lp_bound=bound.lp,
        greedy_objective=greedy_objective,
        seconds_to_first_feasible=seconds_to_first_feasible,
        seconds_to_best=seconds_to_best,
        seconds_to_final=seconds_to_final,
        moved=0 if slots is None else _moved(prep.problem, assignment),
        messages=prep.messages,
        idle_gaps=idle_gaps(
            prep.problem, {rid: p.slot for rid, p in assignment.items()}
        ),
    )


def _infeasible(prep: _Prepared, seconds: float) -> Schedule:
    return _build_schedule(
        prep,
        None,
        status="infeasible",
        greedy_objective=0,
        bound=_Bound(0, "none", None),
        seconds_to_first_feasible=None,
        seconds_to_best=None,
        seconds_to_final=seconds,
    )


# --- Greedy ------------------------------------------------------------------


class _Plan:
    """A mutable plan for the greedy and the local search: who meets whom in
    which slot, with who is busy when and the tables taken."""

    def __init__(self, prep: _Prepared, slots: Mapping[str, str]) -> None:
        self.prep = prep
        self.by_req = {r.id: r for r in prep.requests}
        self.slot: dict[str, str] = {}
        self.busy: dict[tuple[str, str], str] = {}
        self.count: dict[str, int] = defaultdict(int)
        self.tables: dict[str, int] = defaultdict(int)
        for rid, s in slots.items():
            self.add(rid, s)

    def add(self, rid: str, s: str) -> None:
        r = self.by_req[rid]
        self.slot[rid] = s
        self.busy[(r.a, s)] = rid
        self.busy[(r.b, s)] = rid
        self.count[r.a] += 1
        self.count[r.b] += 1
        self.tables[s] += self.prep.table_needed[rid]

    def remove(self, rid: str) -> str:
        r = self.by_req[rid]
        s = self.slot.pop(rid)
        del self.busy[(r.a, s)]
        del self.busy[(r.b, s)]
        self.count[r.a] -= 1
        self.count[r.b] -= 1
        self.tables[s] -= self.prep.table_needed[rid]
        return s

    def free_in(self, rid: str, s: str) -> bool:
        r = self.by_req[rid]
        return (
            (r.a, s) not in self.busy
            and (r.b, s) not in self.busy
            and (
                not self.prep.table_needed[rid] or self.tables[s] < self.prep.tables[s]
            )
        )

    def full(self, p: str) -> bool:
        return self.count[p] >= self.prep.max_of[p]

    def fits(self, rid: str, s: str) -> bool:
        """Free in ``s``, and neither side at their maximum."""
        r = self.by_req[rid]
        return not self.full(r.a) and not self.full(r.b) and self.free_in(rid, s)

    def movable(self, rid: str) -> bool:
        return self.by_req[rid].fixed is None

    def relocate(self, rid: str, avoid: str) -> bool:
        """Move meeting ``rid`` to another free slot (not ``avoid``)."""
        old = self.remove(rid)
        for s in self.prep.candidates[rid]:
            if s != old and s != avoid and self.free_in(rid, s):
                self.add(rid, s)
                return True
        self.add(rid, old)
        return False

    def insert(self, rid: str) -> bool:
        """Place ``rid``, moving at most one meeting of each side elsewhere."""
        r = self.by_req[rid]
        if self.full(r.a) or self.full(r.b):
            return False
        for s in self.prep.candidates[rid]:
            blockers = {self.busy.get((r.a, s)), self.busy.get((r.b, s))} - {None}
            if not all(self.movable(m) for m in blockers if m is not None):
                continue
            moved: list[tuple[str, str]] = []
            ok = True
            for m in sorted(m for m in blockers if m is not None):
                before = self.slot[m]
                if self.relocate(m, avoid=s):
                    moved.append((m, before))
                else:
                    ok = False
                    break
            if ok and self.free_in(rid, s):
                self.add(rid, s)
                return True
            for m, before in reversed(moved):
                self.remove(m)
                self.add(m, before)
        return False


def _greedy_slots(
    prep: _Prepared, lp_values: Mapping[tuple[str, str], float] | None = None
) -> dict[str, str]:
    """Fixed meetings, then kept previous slots, then requests by weight
    (heaviest first; among equals the one with fewer candidate slots) in the
    first slot where both are free and a table is left if one is needed.

    With ``lp_values`` (LP rounding), (request, slot) pairs are first tried
    in decreasing LP value, then the plain order fills what is left."""
    plan = _Plan(prep, {})
    for r in prep.requests:
        if r.fixed is not None:
            plan.add(r.id, r.fixed.slot)
    for r in prep.requests:
        old = prep.problem.previous.get(r.id)
        if (
            r.fixed is None
            and old is not None
            and old.slot in prep.candidates[r.id]
            and plan.fits(r.id, old.slot)
        ):
            plan.add(r.id, old.slot)
    for rid, slot in _by_lp_value(prep, lp_values or {}):
        if rid not in plan.slot and plan.fits(rid, slot):
            plan.add(rid, slot)
    order = sorted(
        (r for r in prep.requests if r.id not in plan.slot and prep.candidates[r.id]),
        key=lambda r: (-r.weight, len(prep.candidates[r.id]), r.id),
    )
    for r in order:
        first = next((s for s in prep.candidates[r.id] if plan.fits(r.id, s)), None)
        if first is not None:
            plan.add(r.id, first)
    return dict(plan.slot)


def _by_lp_value(
    prep: _Prepared, lp_values: Mapping[tuple[str, str], float]
) -> list[tuple[str, str]]:
    """The (request, slot) pairs the LP uses, by decreasing value, then weight."""
    weight = {r.id: r.weight for r in prep.requests}
    return sorted(
        (k for k, v in lp_values.items() if v > 1e-3),
        key=lambda k: (-round(lp_values[k], 3), -weight[k[0]], k),
    )


def _improve(
    prep: _Prepared, slots: Mapping[str, str], deadline: float, clock: Clock
) -> dict[str, str]:
    """Local search: insert unplaced requests, heaviest first, by moving a
    blocking meeting of either side to another slot; when a side is at its
    maximum, swap out its lightest meeting if that gains weight."""
    plan = _Plan(prep, slots)
    improved = True
    while improved and clock() < deadline:
        improved = False
        waiting = sorted(
            (
                r
                for r in prep.requests
                if r.id not in plan.slot and prep.candidates[r.id]
            ),
            key=lambda r: (-r.weight, r.id),
        )
        for r in waiting:
            if clock() >= deadline:
                break
            if plan.insert(r.id):
                improved = True
                continue
            full = [p for p in (r.a, r.b) if plan.full(p)]
            dropped: list[tuple[str, str]] = []
            for p in full:
                theirs = [
                    plan.busy[(p, s)]
                    for s in prep.slot_ids
                    if (p, s) in plan.busy and plan.movable(plan.busy[(p, s)])
                ]
                if not theirs:
                    break
                lightest = min(theirs, key=lambda m: (plan.by_req[m].weight, m))
                dropped.append((lightest, plan.remove(lightest)))
            lost = sum(plan.by_req[m].weight for m, _ in dropped)
            if len(dropped) == len(full) and lost < r.weight and plan.insert(r.id):
                improved = True
                continue
            for m, s in reversed(dropped):
                plan.add(m, s)
    return dict(plan.slot)


def greedy(
    problem: Problem, *, with_bound: bool = True, clock: Clock = time.monotonic
) -> Schedule:
    """The fallback alone, with the LP bound beside it (``with_bound``; else
    the bound is the sum of the weights of requests with a common slot)."""
    start = clock()
    prep = _prepare(problem)
    if not prep.fixed_ok:
        return _infeasible(prep, clock() - start)
    slots = _greedy_slots(prep)
    objective = _objective(prep, slots)
    lp = _lp_bound(prep) if with_bound else None
    bound = _Bound(_weight_bound(prep, lp), "none" if lp is None else "lp", lp)
    seconds = clock() - start
    return _build_schedule(
        prep,
        slots,
        status="greedy",
        greedy_objective=objective,
        bound=bound,
        seconds_to_first_feasible=seconds,
        seconds_to_best=seconds,
        seconds_to_final=seconds,
    )


# --- Bound -------------------------------------------------------------------


def _floor_bound(value: float) -> int:
    """Integer weights: any plan's weight ≤ ⌊LP⌋; the slack absorbs LP tolerance."""
    return math.floor(value + 1e-6 * max(1.0, abs(value)))


def _weight_bound(prep: _Prepared, lp: float | None) -> int:
    """The LP bound rounded down, never above the weight of every request
    that has a slot at all."""
    trivial = sum(r.weight for r in prep.requests if prep.candidates[r.id])
    return trivial if lp is None else min(_floor_bound(lp), trivial)


@contextmanager
def _quiet_stdout() -> Iterator[None]:
    """Silence the process's standard output (file descriptor 1) for a moment:
    HiGHS prints its banner from C++ when a solver object is made, before any
    option can turn logging off."""
    sys.stdout.flush()
    try:
        saved = os.dup(1)
    except OSError:  # no standard output at all
        yield
        return
    try:
        with open(os.devnull, "wb") as devnull:
            os.dup2(devnull.fileno(), 1)
        yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)


def lp_bound(problem: Problem) -> float:
    """Optimum of the LP relaxation of the weight maximisation (HiGHS)."""
    return _lp_bound(_prepare(problem))


def _lp_bound(prep: _Prepared) -> float:
    return _solve_lp(prep)[0]


@dataclass(frozen=True)
class _Lp:
    """The LP relaxation in HiGHS' row-wise form, with only the rows that can
    bind: row ``i`` holds the columns ``index[start[i]:start[i + 1]]``, all
    with coefficient 1, and its right side is ``rhs[i]``."""

    cost: npt.NDArray[np.float64]
    lower: npt.NDArray[np.float64]
    lengths: npt.NDArray[np.int64]
    start: npt.NDArray[np.int32]
    index: npt.NDArray[np.int32]
    rhs: npt.NDArray[np.float64]


def _solve_lp(prep: _Prepared) -> tuple[float, dict[tuple[str, str], float]]:
    """The LP bound and the LP's (interior, fractional) values per (request, slot)."""
    cols = [(r.id, s) for r in prep.requests for s in prep.candidates[r.id]]
    if not cols:
        return 0.0, {}
    lp = _lp_of(prep, cols)
    trivial = float(lp.cost.sum())
    if not len(lp.rhs):
        return trivial, dict.fromkeys(cols, 1.0)
    solution = _run_highs(lp)
    if solution is None:
        return trivial, {}
    row_dual, col_value = solution
    values = dict(zip(cols, col_value.tolist(), strict=True))
    return min(trivial, _lagrangian_bound(lp, row_dual)), values


def _lp_of(prep: _Prepared, cols: Sequence[tuple[str, str]]) -> _Lp:
    """The rows of the hard rules over the columns ``cols`` (request, slot)."""
    import numpy as np

    by_req = {r.id: r for r in prep.requests}
    rows: dict[tuple[str, ...], list[int]] = defaultdict(list)
    upper: dict[tuple[str, ...], float] = {}
    for j, (rid, s) in enumerate(cols):
        r = by_req[rid]
        rows[("r", rid)].append(j)
        upper[("r", rid)] = 1
        for p in (r.a, r.b):
            rows[("ps", p, s)].append(j)
            upper[("ps", p, s)] = 1
            rows[("p", p)].append(j)
            upper[("p", p)] = prep.max_of[p]
        if prep.table_needed[rid]:
            rows[("t", s)].append(j)
            upper[("t", s)] = prep.tables[s]
    keys = [k for k, js in rows.items() if len(js) > upper[k]]
    lengths = np.array([len(rows[k]) for k in keys], dtype=np.int64)
    fixed = [by_req[rid].fixed is not None for rid, _ in cols]
    return _Lp(
        cost=np.array([by_req[rid].weight for rid, _ in cols], dtype=np.double),
        lower=np.array([1.0 if f else 0.0 for f in fixed], dtype=np.double),
        lengths=lengths,
        start=np.concatenate(([0], np.cumsum(lengths))).astype(np.int32),
        index=np.array([j for k in keys for j in rows[k]], dtype=np.int32),
        rhs=np.array([upper[k] for k in keys], dtype=np.double),
    )


def _run_highs(
    lp: _Lp,
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]] | None:
    """HiGHS' row duals and column values; None unless it gives both in full."""
    import highspy
    import numpy as np

    model = highspy.HighsLp()
    model.sense_ = highspy.ObjSense.kMaximize
    model.num_col_ = len(lp.cost)
    model.num_row_ = len(lp.rhs)
    model.col_cost_ = lp.cost
    model.col_lower_ = lp.lower
    model.col_upper_ = np.ones(len(lp.cost), dtype=np.double)
    model.row_lower_ = np.full(len(lp.rhs), -highspy.kHighsInf, dtype=np.double)
    model.row_upper_ = lp.rhs
    model.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    model.a_matrix_.start_ = lp.start
    model.a_matrix_.index_ = lp.index
    model.a_matrix_.value_ = np.ones(len(lp.index), dtype=np.double)
    with _quiet_stdout():
        h = highspy.Highs()  # type: ignore[no-untyped-call]  # unannotated in highspy
    h.setOptionValue("output_flag", False)
    # Interior point without crossover is fast here (1 s against 100 s for
    # simplex at 300 participants); its duals are turned into a bound that
    # holds whatever their accuracy, in _lagrangian_bound.
    h.setOptionValue("solver", "ipm")
    h.setOptionValue("run_crossover", "off")
    h.passModel(model)
    h.run()
    solution = h.getSolution()
    row_dual = np.asarray(solution.row_dual, dtype=np.double)
    col_value = np.asarray(solution.col_value, dtype=np.double)
    if row_dual.shape != lp.rhs.shape or col_value.shape != lp.cost.shape:
        return None
    return row_dual, col_value


def _lagrangian_bound(lp: _Lp, row_dual: npt.NDArray[np.float64]) -> float:
    """For any y ≥ 0 and x in [lower, 1] with Ax ≤ b,
    c·x ≤ y·b + Σ_j max over x_j of (c_j − a_j·y)·x_j.

    Valid for every y ≥ 0, so the sign convention of the duals cannot make
    it wrong; both readings are tried and the smaller bound kept."""
    import numpy as np

    row_of_entry = np.repeat(np.arange(len(lp.rhs)), lp.lengths)
    bounds = []
    for y in (np.maximum(row_dual, 0.0), np.maximum(-row_dual, 0.0)):
        reduced = lp.cost - np.bincount(
            lp.index, weights=y[row_of_entry], minlength=len(lp.cost)
        )
        at_best = np.where(lp.lower > 0, reduced, np.maximum(reduced, 0.0))
        bounds.append(float(y @ lp.rhs + at_best.sum()))
    return min(bounds)


# --- CP-SAT ------------------------------------------------------------------


def idle_gaps(problem: Problem, slots: Mapping[str, str]) -> int:
    """Idle slots between two meetings of a participant in the same session,
    summed over participants; ``slots`` maps request → slot."""
    prep_order = {s.id: i for i, s in enumerate(sorted(problem.slots, key=_slot_key))}
    session = {s.id: s.session for s in problem.slots}
    by_req = {r.id: r for r in problem.requests}
    agenda: dict[str, list[str]] = defaultdict(list)
    for rid, slot in slots.items():
        r = by_req[rid]
        agenda[r.a].append(slot)
        agenda[r.b].append(slot)
    return sum(_gaps_of(agenda[p], prep_order, session) for p in agenda)


def _slot_key(slot: Slot) -> tuple[datetime, str]:
    return (slot.start, slot.id)


def _gaps_of(
    mine: Sequence[str], order: Mapping[str, int], session: Mapping[str, str]
) -> int:
    ordered = sorted(mine, key=order.__getitem__)
    return sum(
        order[b] - order[a] - 1
        for a, b in pairwise(ordered)
        if session[a] == session[b]
    )


class _Agendas:
    """Each participant's slots and the tables taken per slot, for moving
    single meetings to close idle gaps."""

    def __init__(self, prep: _Prepared, slots: Mapping[str, str]) -> None:
        self.prep = prep
        self.session = {s.id: s.session for s in prep.problem.slots}
        self.by_req = {r.id: r for r in prep.requests}
        self.slots = dict(slots)
        self.of: dict[str, set[str]] = defaultdict(set)
        self.tables_used: dict[str, int] = defaultdict(int)
        for rid, slot in self.slots.items():
            r = self.by_req[rid]
            self.of[r.a].add(slot)
            self.of[r.b].add(slot)
            if prep.table_needed[rid]:
                self.tables_used[slot] += 1

    def gaps(self, mine: Iterable[str]) -> int:
        return _gaps_of(list(mine), self.prep.slot_order, self.session)

    def free_in(self, rid: str, there: str) -> bool:
        """Both sides of ``rid`` free in ``there``, and a table left there if
        ``rid`` needs one."""
        r = self.by_req[rid]
        if there == self.slots[rid] or there in self.of[r.a] or there in self.of[r.b]:
            return False
        needed = self.prep.table_needed[rid]
        return not needed or self.tables_used[there] < self.prep.tables[there]

    def best_slot(self, rid: str) -> str:
        """The slot that leaves the two sides of ``rid`` the fewest idle gaps;
        its own slot unless another leaves fewer."""
        r = self.by_req[rid]
        here = self.slots[rid]
        best, best_gaps = here, self.gaps(self.of[r.a]) + self.gaps(self.of[r.b])
        if best_gaps == 0:
            return here
        for there in self.prep.candidates[rid]:
            if not self.free_in(rid, there):
                continue
            after = sum(self.gaps([*(self.of[p] - {here}), there]) for p in (r.a, r.b))
            if after < best_gaps:
                best, best_gaps = there, after
        return best

    def move(self, rid: str, there: str) -> None:
        r = self.by_req[rid]
        here = self.slots[rid]
        for p in (r.a, r.b):
            self.of[p].discard(here)
            self.of[p].add(there)
        if self.prep.table_needed[rid]:
            self.tables_used[here] -= 1
            self.tables_used[there] += 1
        self.slots[rid] = there


def _close_gaps(
    prep: _Prepared, slots: Mapping[str, str], deadline: float, clock: Clock
) -> dict[str, str]:
    """Move single meetings to other slots while that lowers the idle gaps of
    the two people concerned; the meetings, their weight and everyone's
    number of meetings stay the same. Fixed and previous meetings stay put."""
    agendas = _Agendas(prep, slots)
    movable = sorted(
        rid
        for rid in slots
        if agendas.by_req[rid].fixed is None and rid not in prep.problem.previous
    )
    improved = True
    while improved and clock() < deadline:
        improved = False
        for rid in movable:
            if clock() >= deadline:
                break
            best = agendas.best_slot(rid)
            if best != agendas.slots[rid]:
                agendas.move(rid, best)
                improved = True
    return agendas.slots


# --- Stages ------------------------------------------------------------------


@dataclass(frozen=True)
class _Times:
    """The clock and the moments the stages steer by, in the clock's seconds."""

    clock: Clock
    start: float
    end: float  # the time limit
    deadline: float  # the solver stages stop here, leaving time for closing gaps

    @classmethod
    def begin(cls, clock: Clock, options: Options) -> _Times:
        start = clock()
        end = start + options.time_limit_seconds
        deadline = end - options.time_limit_seconds * options.gap_share
        return cls(clock=clock, start=start, end=end, deadline=deadline)

    def elapsed(self) -> float:
        return self.clock() - self.start


@dataclass(frozen=True)
class _Hint:
    """What the heuristics hand to CP-SAT: their best plan and the bound."""

    slots: dict[str, str]
    objective: int
    greedy_objective: int
    seconds_to_first_feasible: float
    bound: _Bound


@dataclass(frozen=True)
class _Model:
    """The CP-SAT model: the hard rules and the stage-1 objective."""

    model: cp_model.CpModel
    x: dict[tuple[str, str], cp_model.IntVar]  # (request, slot) → met there
    per_person: dict[str, list[cp_model.IntVar]]
    weight: cp_model.LinearExpr  # scale · weight + previous meetings kept
    scale: int


@dataclass(frozen=True)
class _WeightStage:
    """CP-SAT's stage-1 plan, its objective value and its bound on the weight."""

    chosen: set[tuple[str, str]]
    value: int
    bound: int
    seconds_to_best: float | None


def _hint_stage(prep: _Prepared, options: Options, times: _Times) -> _Hint:
    """Greedy, LP rounding when the LP bound is asked for, then local search
    on the better of the two."""
    greedy_plan = _greedy_slots(prep)
    greedy_objective = _objective(prep, greedy_plan)
    first_feasible = times.elapsed()
    lp: float | None = None
    slots = greedy_plan
    if options.lp_bound:
        lp, lp_values = _solve_lp(prep)
        rounded = _greedy_slots(prep, lp_values)
        if _objective(prep, rounded) > greedy_objective:
            slots = rounded
    slots = _improve(prep, slots, _local_search_end(options, times), times.clock)
    return _Hint(
        slots=slots,
        objective=_objective(prep, slots),
        greedy_objective=greedy_objective,
        seconds_to_first_feasible=first_feasible,
        bound=_Bound(_weight_bound(prep, lp), "lp", lp),
    )


def _local_search_end(options: Options, times: _Times) -> float:
    # Local search runs until its share of the time limit is used, and at
    # least ``local_search_floor`` of it after the LP, which may itself take
    # longer than that share on a busy machine.
    limit = options.time_limit_seconds
    return max(
        times.start + limit * options.local_search_share,
        min(times.clock() + limit * options.local_search_floor, times.deadline),
    )


def _build_model(prep: _Prepared) -> _Model:
    """One boolean per request and candidate slot under the hard rules, with
    the stage-1 objective; constraints that cannot bind are left out."""
    from ortools.sat.python import cp_model

    model = cp_model.CpModel()
    x: dict[tuple[str, str], cp_model.IntVar] = {}
    per_request: dict[str, list[cp_model.IntVar]] = defaultdict(list)
    per_person_slot: dict[tuple[str, str], list[cp_model.IntVar]] = defaultdict(list)
    per_person: dict[str, list[cp_model.IntVar]] = defaultdict(list)
    per_slot_table: dict[str, list[cp_model.IntVar]] = defaultdict(list)
    for r in prep.requests:
        for s in prep.candidates[r.id]:
            v = model.new_bool_var(f"x_{r.id}_{s}")
            x[(r.id, s)] = v
            per_request[r.id].append(v)
            for p in (r.a, r.b):
                per_person_slot[(p, s)].append(v)
                per_person[p].append(v)
            if prep.table_needed[r.id]:
                per_slot_table[s].append(v)
            if r.fixed is not None:
                model.add(v == 1)
    for vs in [*per_request.values(), *per_person_slot.values()]:
        if len(vs) > 1:
            model.add_at_most_one(vs)
    for p, vs in per_person.items():
        if len(vs) > prep.max_of[p]:
            model.add(cp_model.LinearExpr.sum(vs) <= prep.max_of[p])
    for s, vs in per_slot_table.items():
        if len(vs) > prep.tables[s]:
            model.add(cp_model.LinearExpr.sum(vs) <= prep.tables[s])
    weight, scale = _weight_objective(prep, x)
    model.maximize(weight)
    return _Model(model, x, per_person, weight, scale)


def _weight_objective(
    prep: _Prepared, x: Mapping[tuple[str, str], cp_model.IntVar]
) -> tuple[cp_model.LinearExpr, int]:
    """Stage 1: weight, then (re-scheduling) previous meetings kept in their
    slot. ``scale`` exceeds the most meetings that can be kept, so one unit
    of weight outweighs every keep: lexicographic in one objective."""
    from ortools.sat.python import cp_model

    keep_vars = [
        x[(rid, old.slot)]
        for rid, old in prep.problem.previous.items()
        if (rid, old.slot) in x
    ]
    scale = len(keep_vars) + 1
    keys = list(x)
    weight = {r.id: r.weight for r in prep.requests}
    objective = cp_model.LinearExpr.weighted_sum(
        [x[k] for k in keys], [scale * weight[k[0]] for k in keys]
    ) + cp_model.LinearExpr.sum(keep_vars)
    return objective, scale


def _solver(options: Options) -> cp_model.CpSolver:
    from ortools.sat.python import cp_model

    solver = cp_model.CpSolver()
    solver.parameters.num_workers = max(1, options.workers)
    solver.parameters.random_seed = options.seed
    return solver


def _weight_stage(
    m: _Model,
    solver: cp_model.CpSolver,
    hint: _Hint,
    options: Options,
    times: _Times,
) -> _WeightStage | None:
    """Stage 1 from the heuristics' plan, leaving the fairness stage its
    share of the time; None when CP-SAT finds no plan in its time."""
    from ortools.sat.python import cp_model

    for (rid, s), v in m.x.items():
        m.model.add_hint(v, 1 if hint.slots.get(rid) == s else 0)
    remaining = times.deadline - times.clock()
    share = options.fairness_share if options.fairness else 0.0
    solver.parameters.max_time_in_seconds = max(0.05, remaining * (1 - share))
    seconds_to_best: float | None = None

    class Callback(cp_model.CpSolverSolutionCallback):
        def on_solution_callback(self) -> None:
            nonlocal seconds_to_best
            seconds_to_best = times.elapsed()

    status = solver.solve(m.model, Callback())
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    value = round(solver.objective_value)
    if status == cp_model.OPTIMAL:
        bound = value // m.scale
    else:
        bound = math.floor(solver.best_objective_bound / m.scale + 1e-9)
    return _WeightStage(
        chosen={k for k, v in m.x.items() if solver.boolean_value(v)},
        value=value,
        bound=bound,
        seconds_to_best=seconds_to_best,
    )


def _fairness_stage(
    prep: _Prepared,
    m: _Model,
    solver: cp_model.CpSolver,
    stage1: _WeightStage,
    times: _Times,
) -> set[tuple[str, str]]:
    """Stage 2, with stage 1's value kept as a constraint: first fewer
    participants who asked and got nothing, then fewer with one. Keeps
    stage 1's plan when CP-SAT finds none in time."""
    from ortools.sat.python import cp_model

    model = m.model
    people = sorted(m.per_person)
    has1 = {p: model.new_bool_var(f"one_{p}") for p in people}
    has2 = {p: model.new_bool_var(f"two_{p}") for p in people}
    for p in people:
        total = cp_model.LinearExpr.sum(m.per_person[p])
        model.add(total >= has1[p])
        model.add(total >= 2 * has2[p])
    model.add(m.weight >= stage1.value)
    model.maximize(
        (len(people) + 1) * cp_model.LinearExpr.sum(list(has1.values()))
        + cp_model.LinearExpr.sum(list(has2.values()))
    )
    model.clear_hints()  # type: ignore[no-untyped-call]  # unannotated in OR-Tools
    for k, v in m.x.items():
        model.add_hint(v, 1 if k in stage1.chosen else 0)
    counts = _counts(prep, stage1.chosen)
    for p in people:
        model.add_hint(has1[p], 1 if counts[p] >= 1 else 0)
        model.add_hint(has2[p], 1 if counts[p] >= 2 else 0)
    solver.parameters.max_time_in_seconds = max(0.05, times.deadline - times.clock())
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return stage1.chosen
    return {k for k, v in m.x.items() if solver.boolean_value(v)}


def _counts(prep: _Prepared, chosen: set[tuple[str, str]]) -> dict[str, int]:
    by_req = {r.id: r for r in prep.requests}
    counts: dict[str, int] = defaultdict(int)
    for rid, _s in chosen:
        counts[by_req[rid].a] += 1
        counts[by_req[rid].b] += 1
    return counts


def _finish(
    prep: _Prepared,
    slots: Mapping[str, str],
    status: Status,
    hint: _Hint,
    bound: _Bound,
    seconds_to_best: float | None,
    times: _Times,
) -> Schedule:
    """Stage 3, fewer idle gaps with the meetings kept, then the result."""
    slots = _close_gaps(prep, slots, times.end, times.clock)
    return _build_schedule(
        prep,
        slots,
        status=status,
        greedy_objective=hint.greedy_objective,
        bound=bound,
        seconds_to_first_feasible=hint.seconds_to_first_feasible,
        seconds_to_best=seconds_to_best,
        seconds_to_final=times.elapsed(),
    )


def schedule(
    problem: Problem,
    options: Options | None = None,
    *,
    clock: Clock = time.monotonic,
) -> Schedule:
    """The best plan CP-SAT finds within the time limit, greedy-hinted.

    Returns status "infeasible" (with ``fixed_*`` messages) when the fixed
    meetings break a hard rule, "greedy" when CP-SAT found nothing better
    than the greedy plan in time, "optimal" when the weight is proven
    optimal, else "feasible".
    """
    options = options or Options()
    times = _Times.begin(clock, options)
    prep = _prepare(problem)
    if not prep.fixed_ok:
        return _infeasible(prep, times.elapsed())
    hint = _hint_stage(prep, options, times)
    first = hint.seconds_to_first_feasible
    if not any(prep.candidates.values()) or hint.objective >= hint.bound.value:
        # Nothing to choose, or the hint meets the bound: optimal.
        bound = replace(hint.bound, value=hint.objective)
        return _finish(prep, hint.slots, "optimal", hint, bound, first, times)
    m = _build_model(prep)
    solver = _solver(options)
    stage1 = _weight_stage(m, solver, hint, options, times)
    if stage1 is None:
        return _finish(prep, hint.slots, "greedy", hint, hint.bound, first, times)
    bound = hint.bound
    if stage1.bound < bound.value:
        bound = replace(bound, value=stage1.bound, source="cp_sat")
    chosen = stage1.chosen
    if options.fairness and clock() < times.deadline - 0.05:
        chosen = _fairness_stage(prep, m, solver, stage1, times)
    slots = dict(chosen)
    objective = _objective(prep, slots)
    if objective < hint.objective:  # cannot happen with the hint; kept safe
        slots, objective = hint.slots, hint.objective
    status: Status = "optimal" if objective >= bound.value else "feasible"
    if objective == hint.greedy_objective and status != "optimal":
        status = "greedy"
    bound = replace(bound, value=max(bound.value, objective))
    return _finish(prep, slots, status, hint, bound, stage1.seconds_to_best, times)
