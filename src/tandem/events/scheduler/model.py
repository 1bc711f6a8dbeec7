"""The scheduler's input and output: plain frozen dataclasses and the weights
of requests."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

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


def needs_table(a: Participant, b: Participant) -> bool:
    """On site both: a table; online either: a video room, no table."""
    return not (a.online or b.online)
