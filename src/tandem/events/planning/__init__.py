"""The scheduler in Tandem: from an event's data to a published meeting plan.

An organiser starts a run (``start_run``); a background task solves it
(``execute_run``) with ``tandem.events.scheduler`` on plain data built by
``build_problem``; the organiser reads the plan and its share of the upper
bound, then publishes it (``publish_run``). A run remembers the plan version
it was computed from: when someone published another plan in between, or the
requests changed so that the plan breaks a rule, publishing is refused and the
organiser runs the scheduler again. Two organisers publishing at once cannot
leave two plans: the event row is locked and the version checked.

Meetings booked by hand (by participants in a self-booking event or by the
organisers; ``plan_version`` 0) are fixed: every plan keeps them. Meetings of
an earlier plan are kept where they are when the plan stays as good, so a
re-run after late changes moves few of them.
"""

from tandem.events.planning.presenters import (
    InputSummary,
    PlannedMeeting,
    PlannedSlot,
    Preview,
    explain,
    input_summary,
    plan_preview,
    planned_slots,
)
from tandem.events.planning.problem import Built, build_problem
from tandem.events.planning.runs import (
    STALE_AFTER,
    Published,
    execute_run,
    publish_run,
    start_run,
)

__all__ = [
    "STALE_AFTER",
    "Built",
    "InputSummary",
    "PlannedMeeting",
    "PlannedSlot",
    "Preview",
    "Published",
    "build_problem",
    "execute_run",
    "explain",
    "input_summary",
    "plan_preview",
    "planned_slots",
    "publish_run",
    "start_run",
]
