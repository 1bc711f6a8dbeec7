"""``schedule``: the heuristics' hint, then CP-SAT's weight and fairness
stages, then closing idle gaps, each stage passing plain values on."""

from __future__ import annotations

import math
import time
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from tandem.events.scheduler.bound import solve_lp, weight_bound
from tandem.events.scheduler.figures import total_weight
from tandem.events.scheduler.heuristics import close_gaps, greedy_slots, improve
from tandem.events.scheduler.model import Clock, Options, Problem, Schedule, Status
from tandem.events.scheduler.prepare import Prepared, prepare
from tandem.events.scheduler.result import Bound, build_schedule, infeasible

if TYPE_CHECKING:
    from ortools.sat.python import cp_model


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
    prep = prepare(problem)
    if not prep.fixed_ok:
        return infeasible(prep, times.elapsed())
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
    if options.fairness and times.clock() < times.deadline - 0.05:
        chosen = _fairness_stage(prep, m, solver, stage1, times)
    slots = dict(chosen)
    objective = total_weight(prep, slots)
    if objective < hint.objective:  # cannot happen with the hint; kept safe
        slots, objective = hint.slots, hint.objective
    status: Status = "optimal" if objective >= bound.value else "feasible"
    if objective == hint.greedy_objective and status != "optimal":
        status = "greedy"
    bound = replace(bound, value=max(bound.value, objective))
    return _finish(prep, slots, status, hint, bound, stage1.seconds_to_best, times)


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
    bound: Bound


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


def _hint_stage(prep: Prepared, options: Options, times: _Times) -> _Hint:
    """Greedy, LP rounding when the LP bound is asked for, then local search
    on the better of the two."""
    greedy_plan = greedy_slots(prep)
    greedy_objective = total_weight(prep, greedy_plan)
    first_feasible = times.elapsed()
    lp: float | None = None
    slots = greedy_plan
    if options.lp_bound:
        lp, lp_values = solve_lp(prep)
        rounded = greedy_slots(prep, lp_values)
        if total_weight(prep, rounded) > greedy_objective:
            slots = rounded
    slots = improve(prep, slots, _local_search_end(options, times), times.clock)
    return _Hint(
        slots=slots,
        objective=total_weight(prep, slots),
        greedy_objective=greedy_objective,
        seconds_to_first_feasible=first_feasible,
        bound=Bound(weight_bound(prep, lp), "lp", lp),
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


def _build_model(prep: Prepared) -> _Model:
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
    prep: Prepared, x: Mapping[tuple[str, str], cp_model.IntVar]
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
    objective = cp_model.LinearExpr.weighted_sum(
        [x[k] for k in keys], [scale * prep.by_req[k[0]].weight for k in keys]
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
    prep: Prepared,
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


def _counts(prep: Prepared, chosen: set[tuple[str, str]]) -> dict[str, int]:
    """Meetings per participant in CP-SAT's (request, slot) choice."""
    counts: dict[str, int] = defaultdict(int)
    for rid, _s in chosen:
        counts[prep.by_req[rid].a] += 1
        counts[prep.by_req[rid].b] += 1
    return counts


def _finish(
    prep: Prepared,
    slots: Mapping[str, str],
    status: Status,
    hint: _Hint,
    bound: Bound,
    seconds_to_best: float | None,
    times: _Times,
) -> Schedule:
    """Stage 3, fewer idle gaps with the meetings kept, then the result."""
    slots = close_gaps(prep, slots, times.end, times.clock)
    return build_schedule(
        prep,
        slots,
        status=status,
        greedy_objective=hint.greedy_objective,
        bound=bound,
        seconds_to_first_feasible=hint.seconds_to_first_feasible,
        seconds_to_best=seconds_to_best,
        seconds_to_final=times.elapsed(),
    )
