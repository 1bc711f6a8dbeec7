"""Every write to events, their sessions, registrations, requests and meetings.

Each service checks ``tandem.events.permissions``, validates and saves. Rows
whose count or state decides the outcome are locked with ``select_for_update``
so two requests at once apply one after the other.

The services live in a module per concern; they are all importable from here
(``from tandem.events import services``; ``services.register(...)``).
"""

from tandem.events.services.feeds import renew_calendar_feeds
from tandem.events.services.lifecycle import (
    cancel_event,
    create_event,
    publish_event,
    update_event,
)
from tandem.events.services.meetings import (
    answer_meeting_request,
    book_meeting,
    follow_up_meeting,
    mark_meeting_held,
    rate_meeting,
    request_meeting,
)
from tandem.events.services.organisers import allow_organiser, withdraw_organiser
from tandem.events.services.programme import (
    add_programme_item,
    add_session,
    delete_programme_item,
    delete_session,
)
from tandem.events.services.registrations import (
    approve_registration,
    cancel_registration,
    register,
    set_availability,
)

__all__ = [
    "add_programme_item",
    "add_session",
    "allow_organiser",
    "answer_meeting_request",
    "approve_registration",
    "book_meeting",
    "cancel_event",
    "cancel_registration",
    "create_event",
    "delete_programme_item",
    "delete_session",
    "follow_up_meeting",
    "mark_meeting_held",
    "publish_event",
    "rate_meeting",
    "register",
    "renew_calendar_feeds",
    "request_meeting",
    "set_availability",
    "update_event",
    "withdraw_organiser",
]
