"""Events: create, change, publish, cancel.

Coordinators publish, cancel and move events; the organisers of an allowed
organisation do too, for its own events.
"""

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.accounts.models import User
from tandem.directory.models import Organisation
from tandem.errors import PermissionDenied, ValidationError, field_error
from tandem.events import notifications, permissions
from tandem.events.models import Event, Meeting
from tandem.i18n import clean_translations
from tandem.partnerships.models import Area, City, Partnership

Status = Event.Status
MeetingState = Meeting.State


EVENT_FIELDS = (
    "title",
    "description",
    "language",
    "title_translations",
    "description_translations",
    "kind",
    "city",
    "online",
    "time_zone",
    "starts_on",
    "ends_on",
    "registration_opens_at",
    "registration_closes_at",
    "capacity",
    "approve_automatically",
    "visibility",
    "booking_mode",
    "max_meetings",
    "meeting_url_template",
    "organiser",
)


def _check_place(*, partnership: Partnership, city: City | None, online: bool) -> None:
    if city is not None and city.pk not in {
        partnership.city_a_id,
        partnership.city_b_id,
    }:
        raise field_error(
            "city",
            _("The event takes place in one of the partner cities."),
            code="city_outside_partnership",
        )
    if city is None and not online:
        raise field_error(
            "city",
            _("An event takes place in a city or online."),
            code="city_or_online",
        )


def _check_organiser(event: Event, organiser: Organisation | None) -> None:
    partnership = event.partnership
    if organiser is not None and organiser.city_id not in {
        partnership.city_a_id,
        partnership.city_b_id,
    }:
        raise field_error(
            "organiser",
            _("The organiser must be an organisation of a partner city."),
            code="organiser_outside_partnership",
        )


def _check_organiser_chosen_by(
    by: User, *, partnership: Partnership, city: City | None, organiser: Any
) -> None:
    """Coordinators choose any organisation of a partner city, or none; members
    of allowed organisations choose one of those."""
    if permissions.coordinates_event_cities(by, partnership=partnership, city=city):
        return
    mine = permissions.organising_organisations(by, partnership=partnership)
    if organiser is None or not mine.filter(pk=organiser.pk).exists():
        raise field_error(
            "organiser",
            _(
                "Choose one of your organisations that the coordinators allowed "
                "to organise events."
            ),
            code="organiser_not_allowed",
        )


def locked_event(event: Event) -> Event:
    """The event's row, locked until the transaction ends."""
    return Event.objects.select_for_update(of=("self",)).get(pk=event.pk)


@transaction.atomic
def create_event(
    *,
    by: User,
    partnership: Partnership,
    title: str,
    language: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    time_zone: str,
    city: City | None = None,
    online: bool = False,
    description: str = "",
    kind: str = Event.Kind.MATCHMAKING_DAY,
    title_translations: Mapping[str, str] | None = None,
    description_translations: Mapping[str, str] | None = None,
    registration_opens_at: datetime.datetime | None = None,
    registration_closes_at: datetime.datetime | None = None,
    capacity: int | None = None,
    approve_automatically: bool = True,
    visibility: str = Event.Visibility.PUBLIC,
    booking_mode: str = Event.BookingMode.SELF_BOOKING,
    max_meetings: int | None = None,
    meeting_url_template: str = "",
    organiser: Organisation | None = None,
    areas: Iterable[Area] = (),
) -> Event:
    """A draft event.

    Raises PermissionDenied (neither a coordinator of the city, or of either
    partnership city for an online event, nor a member who organises for an
    allowed organisation) or ValidationError (``organiser_not_allowed``: such a
    member chooses one of those organisations as organiser).
    """
    if not permissions.can_create_event(by, partnership=partnership, city=city):
        raise PermissionDenied
    _check_place(partnership=partnership, city=city, online=online)
    _check_organiser_chosen_by(
        by, partnership=partnership, city=city, organiser=organiser
    )
    event = Event(
        partnership=partnership,
        title=title.strip(),
        description=description.strip(),
        language=language,
        title_translations=clean_translations(
            title_translations, field="title_translations", language=language
        ),
        description_translations=clean_translations(
            description_translations,
            field="description_translations",
            language=language,
        ),
        kind=kind,
        city=city,
        online=online,
        time_zone=time_zone,
        starts_on=starts_on,
        ends_on=ends_on,
        registration_opens_at=registration_opens_at,
        registration_closes_at=registration_closes_at,
        capacity=capacity,
        approve_automatically=approve_automatically,
        visibility=visibility,
        booking_mode=booking_mode,
        max_meetings=max_meetings or settings.TANDEM_EVENT_MAX_MEETINGS,
        meeting_url_template=meeting_url_template.strip(),
        organiser=organiser,
        created_by=by,
    )
    _check_organiser(event, organiser)
    event.full_clean()
    event.save()
    event.areas.set(list(areas))
    return event


@transaction.atomic
def update_event(*, event: Event, by: User, **fields: Any) -> Event:
    """Change the fields given (and ``areas``).

    Raises PermissionDenied (only coordinators, staff and members of an allowed
    organiser move the event to another city or change the organiser) or
    ValidationError.
    """
    if not permissions.can_manage_event(by, event):
        raise PermissionDenied
    areas = fields.pop("areas", None)
    unknown = set(fields) - set(EVENT_FIELDS)
    if unknown:
        raise TypeError(f"Unexpected fields: {', '.join(sorted(unknown))}")
    coordinator_only = {"city", "online", "organiser"} & set(fields)
    if coordinator_only and not permissions.can_coordinate_event(by, event):
        raise PermissionDenied
    language = fields.get("language", event.language)
    for field in ("title_translations", "description_translations"):
        if field in fields:
            fields[field] = clean_translations(
                fields[field], field=field, language=language
            )
    for field in ("title", "description", "meeting_url_template"):
        if field in fields:
            fields[field] = fields[field].strip()
    if "city" in fields or "online" in fields:
        city = fields.get("city", event.city)
        if city is not None and not permissions.can_create_event(
            by, partnership=event.partnership, city=city
        ):
            raise PermissionDenied
        _check_place(
            partnership=event.partnership,
            city=city,
            online=fields.get("online", event.online),
        )
    if "organiser" in fields:
        _check_organiser(event, fields["organiser"])
        _check_organiser_chosen_by(
            by,
            partnership=event.partnership,
            city=fields.get("city", event.city),
            organiser=fields["organiser"],
        )
    before = {f: getattr(event, f) for f in fields}
    for field, value in fields.items():
        setattr(event, field, value)
    event.full_clean()
    changed = [f for f in fields if getattr(event, f) != before[f]]
    if changed:
        event.save(update_fields=[*changed, "updated_at"])
    if areas is not None:
        event.areas.set(list(areas))
    return event


@transaction.atomic
def publish_event(*, event: Event, by: User) -> Event:
    """Open a draft event. Raises PermissionDenied or ValidationError
    ``not_draft``."""
    if not permissions.can_coordinate_event(by, event):
        raise PermissionDenied
    current = locked_event(event)
    if current.status != Status.DRAFT:
        raise ValidationError(
            _("Only a draft event can be published."), code="not_draft"
        )
    current.status = Status.PUBLISHED
    current.save(update_fields=["status", "updated_at"])
    event.status, event.updated_at = current.status, current.updated_at
    return event


@transaction.atomic
def cancel_event(*, event: Event, by: User) -> Event:
    """Cancel the event and its scheduled meetings.

    Raises PermissionDenied or ValidationError ``already_cancelled``.
    """
    if not permissions.can_coordinate_event(by, event):
        raise PermissionDenied
    current = locked_event(event)
    if current.status == Status.CANCELLED:
        raise ValidationError(
            _("The event is already cancelled."), code="already_cancelled"
        )
    current.status = Status.CANCELLED
    current.save(update_fields=["status", "updated_at"])
    Meeting.objects.filter(event=current, state=MeetingState.SCHEDULED).update(
        state=MeetingState.CANCELLED, updated_at=timezone.now()
    )
    notifications.event_cancelled(event=current, actor=by)
    event.status, event.updated_at = current.status, current.updated_at
    return event
