"""The shapes of events in API v1: what the endpoints read and answer.

Times of an event (slots, programme, registration window) go out in the
event's time zone, with their offset.
"""

import datetime
import zoneinfo
from typing import Annotated, Any, Literal

from ninja import Field, Schema
from pydantic import ConfigDict

from tandem.api.common import Choice, Text
from tandem.events import planning
from tandem.events.models import (
    MESSAGE_MAX_LENGTH,
    Event,
    Meeting,
    MeetingRequest,
    PlanRun,
    ProgrammeItem,
    Registration,
    Session,
    Slot,
)
from tandem.partnerships.api import CityRef

Id = Annotated[int, Field(ge=1, le=2**63 - 1)]
# An event has at most a few hundred slots; the bound keeps the query small.
MAX_SLOTS = 2000


def _in_zone(value: datetime.datetime | None, zone: str) -> datetime.datetime | None:
    """The UTC time on the event's wall clock, with the offset."""
    return value.astimezone(zoneinfo.ZoneInfo(zone)) if value is not None else None


class EventOut(Schema):
    id: int
    title: str = Field(..., description="In the reader's language when translated.")
    language: str = Field(..., description="Language of the title given.")
    kind: Choice[Event.Kind]
    city: CityRef | None = Field(..., description="Null for an online event.")
    online: bool
    time_zone: str
    starts_on: datetime.date
    ends_on: datetime.date
    status: Choice[Event.Status]
    visibility: Choice[Event.Visibility]
    booking_mode: Choice[Event.BookingMode]
    max_meetings: int = Field(..., description="Most meetings per participant.")
    areas: list[str] = Field(..., description="Slugs of the areas.")

    @staticmethod
    def resolve_title(obj: Event) -> str:
        return obj.title_for_reader()[0]

    @staticmethod
    def resolve_language(obj: Event) -> str:
        return obj.title_for_reader()[1]

    @staticmethod
    def resolve_areas(obj: Event) -> list[str]:
        return [area.slug for area in obj.areas.all()]


class SlotOut(Schema):
    id: int
    starts_at: datetime.datetime
    ends_at: datetime.datetime

    @staticmethod
    def resolve_starts_at(obj: Slot) -> datetime.datetime | None:
        return _in_zone(obj.starts_at, obj.session.event.time_zone)

    @staticmethod
    def resolve_ends_at(obj: Slot) -> datetime.datetime | None:
        return _in_zone(obj.ends_at, obj.session.event.time_zone)


class SessionOut(Schema):
    id: int
    title: str
    date: datetime.date
    slot_minutes: int
    break_minutes: int
    tables: int
    online_rooms: int
    slots: list[SlotOut]

    @staticmethod
    def resolve_slots(obj: Session) -> list[Slot]:
        return list(obj.slots.all())


class ProgrammeItemOut(Schema):
    id: int
    title: str
    description: str
    place: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime

    @staticmethod
    def resolve_starts_at(obj: ProgrammeItem) -> datetime.datetime | None:
        return _in_zone(obj.starts_at, obj.event.time_zone)

    @staticmethod
    def resolve_ends_at(obj: ProgrammeItem) -> datetime.datetime | None:
        return _in_zone(obj.ends_at, obj.event.time_zone)


class EventDetailOut(EventOut):
    description: str
    description_language: str
    registration_opens_at: datetime.datetime | None
    registration_closes_at: datetime.datetime | None
    registration_open: bool
    capacity: int | None = Field(..., description="Most participants; null: no limit.")
    sessions: list[SessionOut]
    programme: list[ProgrammeItemOut]

    @staticmethod
    def resolve_description(obj: Event) -> str:
        return obj.description_for_reader()[0]

    @staticmethod
    def resolve_description_language(obj: Event) -> str:
        return obj.description_for_reader()[1]

    @staticmethod
    def resolve_registration_opens_at(obj: Event) -> datetime.datetime | None:
        return _in_zone(obj.registration_opens_at, obj.time_zone)

    @staticmethod
    def resolve_registration_closes_at(obj: Event) -> datetime.datetime | None:
        return _in_zone(obj.registration_closes_at, obj.time_zone)

    @staticmethod
    def resolve_registration_open(obj: Event) -> bool:
        return obj.is_published and obj.registration_is_open()

    @staticmethod
    def resolve_sessions(obj: Event) -> list[Session]:
        return list(obj.sessions.all())

    @staticmethod
    def resolve_programme(obj: Event) -> list[ProgrammeItem]:
        return list(obj.programme.all())


class OrganisationRef(Schema):
    slug: str
    name: str
    city: str = Field(..., alias="city.slug")


class RegistrationIn(Schema):
    model_config = ConfigDict(use_enum_values=True)

    organisation: Text = Field(
        ..., description="Slug of the organisation you take part for."
    )
    offer: Text = Field("", max_length=300, description="What you offer.")
    seek: Text = Field("", max_length=300, description="What you seek.")
    languages: list[Text] = Field(
        default_factory=list, max_length=10, description="Language codes: de, ro, en."
    )
    attendance: Choice[Registration.Attendance] = Registration.Attendance.ON_SITE


class RegistrationOut(Schema):
    id: int
    event: int = Field(..., alias="event_id")
    organisation: OrganisationRef
    offer: str
    seek: str
    languages: list[str]
    attendance: Choice[Registration.Attendance]
    state: Choice[Registration.State]
    created_at: datetime.datetime


class AvailabilityIn(Schema):
    slots: list[Id] = Field(
        ..., max_length=MAX_SLOTS, description="Ids of the slots you are free in."
    )


class ParticipantOut(Schema):
    id: int = Field(..., description="Id of the registration.")
    name: str
    organisation: OrganisationRef
    offer: str
    seek: str
    languages: list[str]
    attendance: Choice[Registration.Attendance]

    @staticmethod
    def resolve_name(obj: Registration) -> str:
        return obj.public_name  # never the e-mail address


class ParticipantRef(Schema):
    id: int = Field(..., description="Id of the registration.")
    name: str
    organisation: OrganisationRef

    @staticmethod
    def resolve_name(obj: Registration) -> str:
        return obj.public_name  # never the e-mail address


class MeetingRequestIn(Schema):
    model_config = ConfigDict(use_enum_values=True)

    invitee: Id = Field(..., description="Registration id of the participant.")
    priority: Choice[MeetingRequest.Priority] = MeetingRequest.Priority.LIKE
    message: Text = Field("", max_length=MESSAGE_MAX_LENGTH)


class MeetingRequestOut(Schema):
    id: int
    direction: Literal["sent", "received"]
    requester: ParticipantRef
    invitee: ParticipantRef
    priority: Choice[MeetingRequest.Priority]
    state: Choice[MeetingRequest.State]
    message: str
    language: str = Field(
        ..., description="Language code of the message; empty for old requests."
    )
    set_by_organiser: bool
    mutual: bool = Field(..., description="Both participants asked each other.")
    created_at: datetime.datetime
    answered_at: datetime.datetime | None
    meeting: int | None = Field(None, description="Id of the booked meeting.")

    @staticmethod
    def resolve_direction(obj: MeetingRequest, context: dict[str, Any]) -> str:
        return (
            "sent"
            if obj.requester.user_id == context["request"].auth.pk
            else "received"
        )

    @staticmethod
    def resolve_meeting(obj: MeetingRequest) -> int | None:
        meeting = getattr(obj, "meeting", None)
        return meeting.pk if meeting else None


class MeetingRequestAnswerIn(Schema):
    accept: bool


class BookIn(Schema):
    slot: Id
    table: int | None = Field(
        None, description="Table number; the first free one when left out."
    )


class MeetingBase(Schema):
    """When and where a meeting is, times on the event's clock."""

    id: int
    request: int = Field(..., alias="request_id")
    state: Choice[Meeting.State]
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    time_zone: str = Field(..., description="The event's time zone.")
    session: str = Field(..., description="Title of the session.")
    table: int | None
    online: bool
    meeting_url: str = Field(..., description="Video-conference link when online.")

    @staticmethod
    def resolve_starts_at(obj: Meeting) -> datetime.datetime | None:
        return _in_zone(obj.slot.starts_at, obj.event.time_zone)

    @staticmethod
    def resolve_ends_at(obj: Meeting) -> datetime.datetime | None:
        return _in_zone(obj.slot.ends_at, obj.event.time_zone)

    @staticmethod
    def resolve_time_zone(obj: Meeting) -> str:
        return obj.event.time_zone

    @staticmethod
    def resolve_session(obj: Meeting) -> str:
        return obj.slot.session.title


class MeetingOut(MeetingBase):
    other: ParticipantRef = Field(..., description="Whom you meet.")
    my_rating: int | None

    @staticmethod
    def resolve_other(obj: Meeting, context: dict[str, Any]) -> Registration:
        request = obj.request
        if request.invitee.user_id == context["request"].auth.pk:
            return request.requester
        return request.invitee

    @staticmethod
    def resolve_my_rating(obj: Meeting, context: dict[str, Any]) -> int | None:
        if obj.request.invitee.user_id == context["request"].auth.pk:
            return obj.invitee_rating
        return obj.requester_rating


class RatingIn(Schema):
    rating: int = Field(..., description="From 1 to 5.")


# --- The scheduler, for organisers


class PlanRunIn(Schema):
    time_limit_seconds: int | None = Field(
        None,
        ge=1,
        le=600,
        description="Default: the server's TANDEM_SCHEDULER_SECONDS.",
    )


class PlanRunOut(Schema):
    id: int
    state: Choice[PlanRun.State]
    based_on_version: int = Field(
        ..., description="The event's plan version the run started from."
    )
    time_limit_seconds: int
    objective: int = Field(..., description="Total weight of the meetings placed.")
    bound: int = Field(..., description="Proven upper bound on any plan's weight.")
    share_of_bound: float
    greedy_share_of_bound: float
    meetings: int
    moved: int = Field(..., description="Published meetings the plan moves or drops.")
    idle_gaps: int
    seconds: float
    messages: list[str] = Field(
        ..., description="What could not be scheduled, in the reader's language."
    )
    created_at: datetime.datetime
    finished_at: datetime.datetime | None
    published_at: datetime.datetime | None

    @staticmethod
    def resolve_meetings(obj: PlanRun) -> int:
        return len(obj.assignment)

    @staticmethod
    def resolve_messages(obj: PlanRun) -> list[str]:
        return planning.explain(obj) if obj.finished_at else []


class PublishedOut(Schema):
    run: PlanRunOut
    added: int
    moved: int
    cancelled: int
    kept: int


# --- For organisers: registrations and meetings


class OrganiserRegistrationOut(Schema):
    id: int
    name: str = Field(..., description="The participant's name, never an e-mail.")
    organisation: OrganisationRef
    offer: str
    seek: str
    languages: list[str]
    attendance: Choice[Registration.Attendance]
    state: Choice[Registration.State]
    created_at: datetime.datetime
    meetings: int = Field(..., description="Scheduled and held meetings.")

    @staticmethod
    def resolve_name(obj: Registration) -> str:
        return obj.public_name


class MeetingIn(Schema):
    request: Id = Field(..., description="Id of an accepted meeting request.")
    slot: Id
    table: int | None = Field(
        None, description="Table number; the first free one when left out."
    )


class OrganiserMeetingOut(MeetingBase):
    requester: ParticipantRef = Field(..., alias="request.requester")
    invitee: ParticipantRef = Field(..., alias="request.invitee")
