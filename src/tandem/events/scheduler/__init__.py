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

The package imports no Django. Its public names are those exported here;
the modules behind them: ``model`` (input and output), ``prepare`` (index
form and messages), ``figures`` (rules broken, idle gaps, weight), ``result``
(the one ``Schedule`` builder), ``bound`` (the LP bound), ``heuristics``
(greedy, local search, closing gaps) and ``solve`` (the CP-SAT stages).
"""

from __future__ import annotations

from tandem.events.scheduler.bound import lp_bound
from tandem.events.scheduler.figures import idle_gaps, meeting_counts, violations
from tandem.events.scheduler.heuristics import greedy
from tandem.events.scheduler.model import (
    CROSS_CITY_BONUS,
    MUTUAL_BONUS,
    PRIORITY_WEIGHT,
    BoundSource,
    Clock,
    FixedMeeting,
    Message,
    Options,
    Participant,
    Placement,
    Priority,
    Problem,
    Request,
    Schedule,
    Slot,
    Status,
    needs_table,
    request_weight,
)
from tandem.events.scheduler.solve import schedule

__all__ = [
    "CROSS_CITY_BONUS",
    "MUTUAL_BONUS",
    "PRIORITY_WEIGHT",
    "BoundSource",
    "Clock",
    "FixedMeeting",
    "Message",
    "Options",
    "Participant",
    "Placement",
    "Priority",
    "Problem",
    "Request",
    "Schedule",
    "Slot",
    "Status",
    "greedy",
    "idle_gaps",
    "lp_bound",
    "meeting_counts",
    "needs_table",
    "request_weight",
    "schedule",
    "violations",
]
