"""Reads of events, scoped to what the viewer may see.

The selectors live in a module per concern; they are all importable from
here (``from tandem.events import selectors``; ``selectors.visible_events``).
"""

from tandem.events.selectors.dashboard import (
    MyEvent,
    my_upcoming_events,
    organised_events,
)
from tandem.events.selectors.events import (
    EventPage,
    event_page,
    search_events,
    visible_events,
)
from tandem.events.selectors.figures import (
    CityRegistrations,
    OrganiserFigures,
    RequestsInState,
    organiser_figures,
)
from tandem.events.selectors.organising import (
    allowed_organisers,
    event_meetings,
    event_registrations,
    managed_sessions,
    organiser_candidates,
    registrations_with_meetings,
)
from tandem.events.selectors.participation import (
    BookableSlot,
    agenda,
    bookable_slots,
    event_participants,
    meeting_requests_of,
    participant_agenda,
    participant_directory,
    registration_of,
    suggested_organisation_ids,
)
from tandem.events.selectors.printing import (
    LIVE_MEETING,
    AgendaLine,
    ParticipantSheet,
    SessionPlan,
    SlotRow,
    participant_sheets,
    table_plan,
)

__all__ = [
    "LIVE_MEETING",
    "AgendaLine",
    "BookableSlot",
    "CityRegistrations",
    "EventPage",
    "MyEvent",
    "OrganiserFigures",
    "ParticipantSheet",
    "RequestsInState",
    "SessionPlan",
    "SlotRow",
    "agenda",
    "allowed_organisers",
    "bookable_slots",
    "event_meetings",
    "event_page",
    "event_participants",
    "event_registrations",
    "managed_sessions",
    "meeting_requests_of",
    "my_upcoming_events",
    "organised_events",
    "organiser_candidates",
    "organiser_figures",
    "participant_agenda",
    "participant_directory",
    "participant_sheets",
    "registration_of",
    "registrations_with_meetings",
    "search_events",
    "suggested_organisation_ids",
    "table_plan",
    "visible_events",
]
