"""Meeting scheduler benchmark: realistic matchmaking days, CP-SAT vs greedy.

Instances (``make_instance``): two cities (Dortmund, Cluj-Napoca), 8 % of
participants online; each participant has one or two of 12 interest topics and
an attractiveness (lognormal, a few 6× "stars"); requests go mostly to the
same topic and across cities, towards attractive people; 25 % "must", 25 %
mutual. 16 slots of 30 min in two sessions; 70 % attend all day, the rest
arrive late or leave early, and 5 % block two slots for a talk. People, not
tables, are scarce: 0.3 tables per participant and at most 12 meetings each
against 9 requests per participant, so a person's availability and cap bind.

Every plan is checked against every hard rule (``violations``).

    .venv/bin/python benchmarks/scheduler.py                # 100, 300, 1000
    .venv/bin/python benchmarks/scheduler.py --sizes 1000 --time-limit 30
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from tandem.events.scheduler import (
    Options,
    Participant,
    Priority,
    Problem,
    Request,
    Schedule,
    Slot,
    greedy,
    meeting_counts,
    request_weight,
    schedule,
    violations,
)

CITIES = ("dortmund", "cluj-napoca")
TOPICS = 12
SLOTS = 16


def make_instance(
    n: int,
    *,
    seed: int = 1,
    requests_per_person: float = 9.0,
    tables_per_person: float = 0.3,
    max_meetings: int = 12,
) -> Problem:
    rng = random.Random(seed)
    participants = [
        Participant(
            id=f"p{i:04d}",
            city=CITIES[i % 2],
            online=rng.random() < 0.2,
        )
        for i in range(n)
    ]
    topics = {
        p.id: {rng.randrange(TOPICS)}
        | ({rng.randrange(TOPICS)} if rng.random() < 0.4 else set())
        for p in participants
    }
    appeal = {p.id: rng.lognormvariate(0, 0.6) for p in participants}
    for p in rng.sample(participants, max(2, n // 50)):
        appeal[p.id] *= 6.0  # very popular participants
    ids = [p.id for p in participants]
    city = {p.id: p.city for p in participants}

    day = datetime(2026, 5, 12, 9, 0)
    slots = []
    for i in range(SLOTS):
        session = "morning" if i < SLOTS // 2 else "afternoon"
        start = day + timedelta(minutes=30 * i + (90 if i >= SLOTS // 2 else 0))
        slots.append(Slot(id=f"s{i:02d}", start=start, session=session))
    slot_ids = [s.id for s in slots]
    availability: dict[str, frozenset[str]] = {}
    blocked: dict[str, frozenset[str]] = {}
    for pid in ids:
        u = rng.random()
        if u < 0.55:
            lo, hi = 0, SLOTS
        elif u < 0.75:  # late arrival
            lo, hi = rng.randint(2, 8), SLOTS
        elif u < 0.95:  # early leaver
            lo, hi = 0, rng.randint(8, 14)
        else:  # drops in for a few hours
            lo = rng.randint(2, 8)
            hi = lo + rng.randint(4, 8)
        availability[pid] = frozenset(slot_ids[lo:hi])
        if rng.random() < 0.05:
            k = rng.randrange(SLOTS - 1)
            blocked[pid] = frozenset(slot_ids[k : k + 2])

    # Requests: a sender picks a target by appeal × topic fit × cross-city.
    wanted = int(requests_per_person * n)
    pairs: dict[tuple[str, str], tuple[str, str]] = {}
    asked: set[tuple[str, str]] = set()
    affinity_cache: dict[str, list[float]] = {}

    def weights_for(sender: str) -> list[float]:
        if sender not in affinity_cache:
            affinity_cache[sender] = [
                0.0
                if other == sender
                else appeal[other]
                * (6.0 if topics[other] & topics[sender] else 1.0)
                * (3.0 if city[other] != city[sender] else 1.0)
                for other in ids
            ]
        return affinity_cache[sender]

    while len(pairs) < wanted:
        sender = rng.choice(ids)
        target = rng.choices(ids, weights=weights_for(sender))[0]
        key = (min(sender, target), max(sender, target))
        asked.add((sender, target))
        if key not in pairs:
            pairs[key] = (sender, target)
    requests = []
    for i, (key, (sender, target)) in enumerate(sorted(pairs.items())):
        mutual = (target, sender) in asked or rng.random() < 0.25
        priority: Priority = "must" if rng.random() < 0.25 else "like"
        weight = request_weight(
            priority, mutual=mutual, cross_city=city[sender] != city[target]
        )
        requests.append(Request(id=f"r{i:05d}", a=key[0], b=key[1], weight=weight))
    tables = max(1, round(tables_per_person * n))
    return Problem(
        participants=tuple(participants),
        slots=tuple(slots),
        requests=tuple(requests),
        availability=availability,
        tables_per_slot=dict.fromkeys(slot_ids, tables),
        blocked=blocked,
        max_meetings=max_meetings,
    )


def fairness(problem: Problem, plan: Schedule) -> str:
    counts = sorted(meeting_counts(problem, plan.assignment).values())
    zero = sum(1 for c in counts if c == 0)
    return (
        f"asked {len(counts)}, got 0: {zero}, "
        f"min/median/max {counts[0]}/{statistics.median(counts):g}/{counts[-1]}"
    )


def peak_tables(problem: Problem, plan: Schedule) -> str:
    used: dict[str, int] = {}
    for place in plan.assignment.values():
        if place.table is not None:
            used[place.slot] = used.get(place.slot, 0) + 1
    tables = max(problem.tables_per_slot.values())
    return f"tables used per slot, peak {max(used.values(), default=0)} of {tables}"


def run(n: int, time_limit: float, workers: int, seed: int) -> None:
    t0 = time.monotonic()
    problem = make_instance(n, seed=seed)
    made = time.monotonic() - t0
    plan = schedule(
        problem, Options(time_limit_seconds=time_limit, workers=workers, seed=seed)
    )
    broken = violations(problem, plan.assignment)
    g = greedy(problem, with_bound=False)
    broken_g = violations(problem, g.assignment)
    print(
        f"\n== {n} participants, {len(problem.requests)} requests, "
        f"{len(problem.slots)} slots, {max(problem.tables_per_slot.values())} tables, "
        f"max {problem.max_meetings} meetings (generated in {made:.1f} s)"
    )
    print(
        f"bound {plan.bound} ({plan.bound_source}; LP {plan.lp_bound:.1f}), "
        f"status {plan.status}"
    )
    print(
        f"CP-SAT  objective {plan.objective:6d}  share {plan.share_of_bound:.2%}  "
        f"meetings {len(plan.assignment)}  first feasible {plan.seconds_to_first_feasible:.2f} s  "
        f"best found {plan.seconds_to_best or 0:.1f} s  final {plan.seconds_to_final:.1f} s"
    )
    print(
        f"greedy  objective {g.objective:6d}  share {plan.greedy_share_of_bound:.2%}  "
        f"meetings {len(g.assignment)}  time {g.seconds_to_first_feasible:.2f} s"
    )
    print(f"CP-SAT  {fairness(problem, plan)}; {peak_tables(problem, plan)}")
    print(f"greedy  {fairness(problem, g)}; {peak_tables(problem, g)}")
    print(f"idle gaps: CP-SAT {plan.idle_gaps}, greedy {g.idle_gaps}")
    print(f"hard rules: CP-SAT {len(broken)} broken, greedy {len(broken_g)} broken")
    if broken or broken_g:
        print("\n".join((broken + broken_g)[:20]))
        raise SystemExit(1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 300, 1000])
    parser.add_argument("--time-limit", type=float, default=30.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    for n in args.sizes:
        run(n, args.time_limit, args.workers, args.seed)


if __name__ == "__main__":
    main()
