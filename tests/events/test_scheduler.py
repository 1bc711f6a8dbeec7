import itertools
import random
from datetime import datetime, timedelta

import pytest

from tandem.events.scheduler import (
    FixedMeeting,
    Options,
    Participant,
    Placement,
    Problem,
    Request,
    Slot,
    greedy,
    idle_gaps,
    request_weight,
    schedule,
    violations,
)
from tandem.events.scheduler.heuristics import close_gaps
from tandem.events.scheduler.prepare import prepare

DAY = datetime(2026, 5, 12, 9, 0)
FAST = Options(time_limit_seconds=5, workers=1, seed=3)


def slots(n):
    return tuple(
        Slot(id=f"s{i}", start=DAY + timedelta(minutes=30 * i)) for i in range(n)
    )


def people(*ids, online=()):
    return tuple(
        Participant(
            id=i, city="dortmund" if k % 2 else "cluj-napoca", online=i in online
        )
        for k, i in enumerate(ids)
    )


def random_problem(seed, n_people=6, n_slots=3, n_requests=9, tables=2, fixed=False):
    rng = random.Random(seed)
    ids = [f"p{i}" for i in range(n_people)]
    parts = tuple(
        Participant(
            id=p,
            city=("d", "c")[i % 2],
            online=rng.random() < 0.2,
            max_meetings=rng.choice([None, 1, 2]),
        )
        for i, p in enumerate(ids)
    )
    ss = slots(n_slots)
    pairs = rng.sample(list(itertools.combinations(ids, 2)), n_requests)
    requests = tuple(
        Request(id=f"r{i}", a=a, b=b, weight=rng.randint(1, 15))
        for i, (a, b) in enumerate(pairs)
    )
    availability = {p: frozenset(s.id for s in ss if rng.random() < 0.8) for p in ids}
    blocked = {ids[0]: frozenset({ss[0].id})}
    return Problem(
        participants=parts,
        slots=ss,
        requests=requests,
        availability=availability,
        tables_per_slot={s.id: tables for s in ss},
        blocked=blocked,
        max_meetings=2,
    )


def brute_force_optimum(problem):
    """Best total weight over every request → slot-or-nothing choice."""
    slot_ids = [s.id for s in problem.slots]
    best = 0
    for choice in itertools.product([None, *slot_ids], repeat=len(problem.requests)):
        slots_of = {r.id: s for r, s in zip(problem.requests, choice, strict=True) if s}
        by_id = {p.id: p for p in problem.participants}
        assignment = {}
        used = {}
        for r in problem.requests:
            s = slots_of.get(r.id)
            if s is None:
                continue
            if by_id[r.a].online or by_id[r.b].online:
                assignment[r.id] = Placement(s, None)
            else:
                used[s] = used.get(s, 0) + 1
                assignment[r.id] = Placement(s, used[s])
        if not violations(problem, assignment):
            best = max(
                best, sum(r.weight for r in problem.requests if r.id in slots_of)
            )
    return best


def test_request_weight_orders_priority_mutual_and_cross_city():
    assert request_weight("must", mutual=True, cross_city=True) == 15
    assert request_weight("like", mutual=False, cross_city=False) == 5
    assert request_weight("must", mutual=False, cross_city=False) == 10


@pytest.mark.parametrize("seed", range(8))
def test_schedule_keeps_every_hard_rule_on_random_instances(seed):
    problem = random_problem(seed)

    plan = schedule(problem, FAST)

    assert violations(problem, plan.assignment) == []
    assert plan.bound >= plan.objective


@pytest.mark.parametrize("seed", range(4))
def test_schedule_matches_brute_force_on_tiny_instances(seed):
    problem = random_problem(seed, n_people=5, n_slots=2, n_requests=6, tables=1)

    plan = schedule(problem, FAST)

    assert plan.objective == brute_force_optimum(problem)
    assert plan.status == "optimal"


def test_schedule_is_optimal_on_a_hand_made_triangle():
    # a, b, c all meet each other but there are only two slots: a triangle
    # cannot be scheduled in two slots, so the lightest meeting is left out.
    problem = Problem(
        participants=people("a", "b", "c"),
        slots=slots(2),
        requests=(
            Request("ab", "a", "b", 10),
            Request("bc", "b", "c", 7),
            Request("ac", "a", "c", 5),
        ),
        tables_per_slot={"s0": 5, "s1": 5},
    )

    plan = schedule(problem, FAST)

    assert plan.status == "optimal"
    assert plan.objective == 17
    assert set(plan.assignment) == {"ab", "bc"}
    assert plan.bound == 17


def test_schedule_keeps_fixed_meetings():
    problem = random_problem(1)
    fixed = Request("rf", "p1", "p2", 1, fixed=FixedMeeting("s2", None))
    problem = Problem(
        participants=problem.participants,
        slots=problem.slots,
        requests=(*[r for r in problem.requests if {r.a, r.b} != {"p1", "p2"}], fixed),
        availability={
            p.id: frozenset({"s0", "s1", "s2"}) for p in problem.participants
        },
        tables_per_slot=problem.tables_per_slot,
        max_meetings=2,
    )

    plan = schedule(problem, FAST)

    assert plan.assignment["rf"].slot == "s2"
    assert violations(problem, plan.assignment) == []


def test_schedule_names_clashing_fixed_meetings():
    problem = Problem(
        participants=people("a", "b", "c"),
        slots=slots(2),
        requests=(
            Request("ab", "a", "b", 10, fixed=FixedMeeting("s0")),
            Request("ac", "a", "c", 5, fixed=FixedMeeting("s0")),
            Request("bc", "b", "c", 5),
        ),
        tables_per_slot={"s0": 5, "s1": 5},
    )

    plan = schedule(problem, FAST)

    assert plan.status == "infeasible"
    assert plan.assignment == {}
    assert [(m.code, m.request_ids, m.participant_ids) for m in plan.messages] == [
        ("fixed_participant_clash", ("ab", "ac"), ("a",))
    ]


def test_schedule_names_fixed_meetings_on_one_table():
    problem = Problem(
        participants=people("a", "b", "c", "d"),
        slots=slots(1),
        requests=(
            Request("ab", "a", "b", 1, fixed=FixedMeeting("s0", 1)),
            Request("cd", "c", "d", 1, fixed=FixedMeeting("s0", 1)),
        ),
        tables_per_slot={"s0": 2},
    )

    plan = schedule(problem, FAST)

    assert [(m.code, m.request_ids) for m in plan.messages] == [
        ("fixed_table_clash", ("ab", "cd"))
    ]


def test_schedule_explains_no_slots():
    problem = Problem(
        participants=people("a", "b"), slots=(), requests=(Request("ab", "a", "b", 5),)
    )

    plan = schedule(problem, FAST)

    assert [m.code for m in plan.messages] == ["no_slots"]
    assert plan.assignment == {}


def test_schedule_explains_no_tables():
    problem = Problem(
        participants=people("a", "b", "c", online=("c",)),
        slots=slots(2),
        requests=(Request("ab", "a", "b", 5), Request("ac", "a", "c", 5)),
        tables_per_slot={"s0": 0},
    )

    plan = schedule(problem, FAST)

    assert [(m.code, m.request_ids) for m in plan.messages] == [("no_tables", ("ab",))]
    assert plan.assignment == {"ac": Placement("s0", None)}


def test_schedule_explains_no_requests():
    problem = Problem(participants=people("a", "b"), slots=slots(2), requests=())

    plan = schedule(problem, FAST)

    assert [m.code for m in plan.messages] == ["no_requests"]
    assert (plan.objective, plan.bound, plan.status) == (0, 0, "optimal")


def test_schedule_explains_requests_without_a_common_slot():
    problem = Problem(
        participants=people("a", "b"),
        slots=slots(2),
        requests=(Request("ab", "a", "b", 5),),
        availability={"a": frozenset({"s0"}), "b": frozenset({"s1"})},
        tables_per_slot={"s0": 1, "s1": 1},
    )

    plan = schedule(problem, FAST)

    assert [(m.code, m.request_ids) for m in plan.messages] == [
        ("no_common_slot", ("ab",))
    ]


@pytest.mark.parametrize("seed", range(6))
def test_greedy_keeps_every_hard_rule(seed):
    problem = random_problem(seed)

    plan = greedy(problem)

    assert violations(problem, plan.assignment) == []
    assert plan.status == "greedy"
    assert plan.bound >= plan.objective


def test_rescheduling_after_removing_a_slot_moves_few_meetings():
    base = random_problem(5, n_people=10, n_slots=4, n_requests=16, tables=3)
    first = schedule(base, FAST)
    gone = "s1"
    smaller = Problem(
        participants=base.participants,
        slots=tuple(s for s in base.slots if s.id != gone),
        requests=base.requests,
        availability=base.availability,
        tables_per_slot=base.tables_per_slot,
        blocked=base.blocked,
        max_meetings=base.max_meetings,
        previous=first.assignment,
    )

    second = schedule(smaller, FAST)

    in_gone = sum(1 for p in first.assignment.values() if p.slot == gone)
    unchanged = sum(
        1
        for rid, p in first.assignment.items()
        if p.slot != gone
        and second.assignment.get(rid, Placement("", None)).slot == p.slot
    )
    assert violations(smaller, second.assignment) == []
    assert second.moved == len(first.assignment) - unchanged
    assert second.moved <= in_gone + 2


def test_schedule_is_deterministic_with_a_seed_and_one_worker():
    problem = random_problem(7, n_people=12, n_slots=4, n_requests=25, tables=3)
    options = Options(time_limit_seconds=5, workers=1, seed=11)

    first = schedule(problem, options)
    second = schedule(problem, options)

    assert first.assignment == second.assignment
    assert first.objective == second.objective


def test_idle_gaps_count_within_a_session_only():
    two_sessions = tuple(
        Slot(id=f"s{i}", start=DAY + timedelta(minutes=30 * i), session=str(i // 3))
        for i in range(6)
    )
    problem = Problem(
        participants=people("a", "b", "c", "d"),
        slots=two_sessions,
        requests=(
            Request("ab", "a", "b", 5),
            Request("ac", "a", "c", 5),
            Request("ad", "a", "d", 5),
        ),
    )

    # a: s0 and s2 in the morning (one idle slot), s5 after the break (none).
    assert idle_gaps(problem, {"ab": "s0", "ac": "s2", "ad": "s5"}) == 1
    assert idle_gaps(problem, {"ab": "s0", "ac": "s1", "ad": "s5"}) == 0


def test_schedule_closes_idle_gaps_without_losing_meetings():
    # a meets four people in eight slots: any four slots hold the same weight,
    # but a's agenda should have no hole in it.
    problem = Problem(
        participants=people("a", "b", "c", "d", "e"),
        slots=slots(8),
        requests=tuple(Request(f"a{p}", "a", p, 5) for p in "bcde"),
        tables_per_slot={f"s{i}": 1 for i in range(8)},
    )

    plan = schedule(problem, FAST)

    assert plan.objective == 20
    assert plan.idle_gaps == 0
    order = sorted(int(place.slot[1:]) for place in plan.assignment.values())
    assert order == list(range(order[0], order[0] + 4))


def test_closing_gaps_respects_availability():
    # b can only meet early, c only late: a's one hole cannot be closed, but
    # a's meeting with c sits in the earliest slot c can make.
    problem = Problem(
        participants=people("a", "b", "c"),
        slots=slots(5),
        requests=(Request("ab", "a", "b", 5), Request("ac", "a", "c", 5)),
        availability={"b": frozenset({"s0"}), "c": frozenset({"s2", "s3", "s4"})},
        tables_per_slot={f"s{i}": 2 for i in range(5)},
    )

    plan = schedule(problem, FAST)

    assert plan.assignment["ab"].slot == "s0"
    assert plan.assignment["ac"].slot == "s2"
    assert plan.idle_gaps == 1
    assert violations(problem, plan.assignment) == []


def test_gap_stage_moves_meetings_together_and_leaves_fixed_ones():
    problem = Problem(
        participants=people("a", "b", "c", "d"),
        slots=slots(6),
        requests=(
            Request("ab", "a", "b", 5),
            Request("ac", "a", "c", 5),
            Request("ad", "a", "d", 5, fixed=FixedMeeting("s5", 1)),
        ),
        tables_per_slot={f"s{i}": 1 for i in range(6)},
    )
    gappy = {"ab": "s0", "ac": "s2", "ad": "s5"}

    closed = close_gaps(prepare(problem), gappy, float("inf"), lambda: 0.0)

    assert set(closed) == set(gappy)
    assert closed["ad"] == "s5"
    assert sorted(closed.values()) == ["s3", "s4", "s5"]
    assert idle_gaps(problem, gappy) == 3
    assert idle_gaps(problem, closed) == 0
