"""The upper bound on the total weight: the LP relaxation, solved with HiGHS'
interior point method and turned into a Lagrangian bound that holds
whatever the accuracy of its duals."""

from __future__ import annotations

import math
import os
import sys
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tandem.events.scheduler.model import Problem
from tandem.events.scheduler.prepare import Prepared, prepare

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt


def lp_bound(problem: Problem) -> float:
    """Optimum of the LP relaxation of the weight maximisation (HiGHS)."""
    return solve_lp(prepare(problem))[0]


def weight_bound(prep: Prepared, lp: float | None) -> int:
    """The LP bound rounded down, never above the weight of every request
    that has a slot at all."""
    trivial = sum(r.weight for r in prep.requests if prep.candidates[r.id])
    return trivial if lp is None else min(_floor_bound(lp), trivial)


def _floor_bound(value: float) -> int:
    """Integer weights: any plan's weight ≤ ⌊LP⌋; the slack absorbs LP tolerance."""
    return math.floor(value + 1e-6 * max(1.0, abs(value)))


def solve_lp(prep: Prepared) -> tuple[float, dict[tuple[str, str], float]]:
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


def _lp_of(prep: Prepared, cols: Sequence[tuple[str, str]]) -> _Lp:
    """The rows of the hard rules over the columns ``cols`` (request, slot)."""
    import numpy as np

    by_req = prep.by_req
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
