"""The heuristics: the greedy plan (with LP rounding), the local search that
improves it, and the moves that close idle gaps in personal agendas."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable, Mapping

from tandem.events.scheduler.bound import solve_lp, weight_bound
from tandem.events.scheduler.figures import gaps_of, total_weight
from tandem.events.scheduler.model import Clock, Problem, Schedule
from tandem.events.scheduler.prepare import Prepared, prepare
from tandem.events.scheduler.result import Bound, build_schedule, infeasible


def greedy(
    problem: Problem, *, with_bound: bool = True, clock: Clock = time.monotonic
) -> Schedule:
    """The fallback alone, with the LP bound beside it (``with_bound``; else
    the bound is the sum of the weights of requests with a common slot)."""
    start = clock()
    prep = prepare(problem)
    if not prep.fixed_ok:
        return infeasible(prep, clock() - start)
    slots = greedy_slots(prep)
    objective = total_weight(prep, slots)
    lp = solve_lp(prep)[0] if with_bound else None
    bound = Bound(weight_bound(prep, lp), "none" if lp is None else "lp", lp)
    seconds = clock() - start
    return build_schedule(
        prep,
        slots,
        status="greedy",
        greedy_objective=objective,
        bound=bound,
        seconds_to_first_feasible=seconds,
        seconds_to_best=seconds,
        seconds_to_final=seconds,
    )


def greedy_slots(
    prep: Prepared, lp_values: Mapping[tuple[str, str], float] | None = None
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
    prep: Prepared, lp_values: Mapping[tuple[str, str], float]
) -> list[tuple[str, str]]:
    """The (request, slot) pairs the LP uses, by decreasing value, then weight."""
    return sorted(
        (k for k, v in lp_values.items() if v > 1e-3),
        key=lambda k: (-round(lp_values[k], 3), -prep.by_req[k[0]].weight, k),
    )


class _Plan:
    """A mutable plan for the greedy and the local search: who meets whom in
    which slot, with who is busy when and the tables taken."""

    def __init__(self, prep: Prepared, slots: Mapping[str, str]) -> None:
        self.prep = prep
        self.by_req = prep.by_req
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


def improve(
    prep: Prepared, slots: Mapping[str, str], deadline: float, clock: Clock
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


def close_gaps(
    prep: Prepared, slots: Mapping[str, str], deadline: float, clock: Clock
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


class _Agendas:
    """Each participant's slots and the tables taken per slot, for moving
    single meetings to close idle gaps."""

    def __init__(self, prep: Prepared, slots: Mapping[str, str]) -> None:
        self.prep = prep
        self.session = {s.id: s.session for s in prep.problem.slots}
        self.by_req = prep.by_req
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
        return gaps_of(list(mine), self.prep.slot_order, self.session)

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
