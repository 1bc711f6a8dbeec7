"""The one builder of a ``Schedule``, used by every path of ``schedule`` and
``greedy``, with the table numbering it relies on."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from tandem.events.scheduler.figures import idle_gaps, total_weight
from tandem.events.scheduler.model import (
    BoundSource,
    Placement,
    Problem,
    Schedule,
    Status,
)
from tandem.events.scheduler.prepare import Prepared


@dataclass(frozen=True)
class Bound:
    """An upper bound on the total weight, where it comes from, and the LP's
    optimum when the LP was solved."""

    value: int
    source: BoundSource
    lp: float | None


def build_schedule(
    prep: Prepared,
    slots: Mapping[str, str] | None,
    *,
    status: Status,
    greedy_objective: int,
    bound: Bound,
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
        objective=total_weight(prep, slots or {}),
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


def infeasible(prep: Prepared, seconds: float) -> Schedule:
    """No plan, when the fixed meetings break a hard rule; the messages say
    which."""
    return build_schedule(
        prep,
        None,
        status="infeasible",
        greedy_objective=0,
        bound=Bound(0, "none", None),
        seconds_to_first_feasible=None,
        seconds_to_best=None,
        seconds_to_final=seconds,
    )


def _number_tables(prep: Prepared, slots: Mapping[str, str]) -> dict[str, Placement]:
    """Table numbers per slot: fixed tables, then previous tables, then lowest free."""
    out: dict[str, Placement] = {}
    taken: dict[str, set[int]] = defaultdict(set)
    pending: list[str] = []
    for rid in sorted(slots, key=lambda x: (prep.slot_order[slots[x]], x)):
        slot = slots[rid]
        if not prep.table_needed[rid]:
            out[rid] = Placement(slot, None)
            continue
        fixed = prep.by_req[rid].fixed
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


def _moved(problem: Problem, assignment: Mapping[str, Placement]) -> int:
    return sum(
        1
        for rid, old in problem.previous.items()
        if rid not in assignment or assignment[rid].slot != old.slot
    )
