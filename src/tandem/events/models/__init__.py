"""Matchmaking events: sessions of slots, registrations, meeting requests, meetings.

Every model is importable from here, as from the single module this once was.
"""

from tandem.events.models.events import (
    LANGUAGE_CHOICES,
    MESSAGE_MAX_LENGTH,
    Event,
    ProgrammeItem,
    Session,
    Slot,
    validate_meeting_url_template,
    validate_time_zone,
)
from tandem.events.models.feeds import CalendarFeedKey
from tandem.events.models.meetings import Meeting, MeetingRequest
from tandem.events.models.organisers import AllowedOrganiser
from tandem.events.models.plans import PlanRun
from tandem.events.models.registrations import Availability, Registration

__all__ = [
    "LANGUAGE_CHOICES",
    "MESSAGE_MAX_LENGTH",
    "AllowedOrganiser",
    "Availability",
    "CalendarFeedKey",
    "Event",
    "Meeting",
    "MeetingRequest",
    "PlanRun",
    "ProgrammeItem",
    "Registration",
    "Session",
    "Slot",
    "validate_meeting_url_template",
    "validate_time_zone",
]
