"""Events: create, change, publish, cancel.

Coordinators publish, cancel and move events; the organisers of an allowed
organisation do too, for its own events.
"""

import datetime
from collections.abc import Iterable, Mapping
from typing import Any, TypedDict, Unpack

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.accounts.models import User
from tandem.audit.services import changes_since, record, snapshot
from tandem.directory.models import Organisation
from tandem.errors import PermissionDenied, ValidationError, field_error
from tandem.events import audit_actions, notifications, permissions
from tandem.events.models import Event, Meeting
from tandem.i18n import clean_translations
from tandem.partnerships.models import Area, City, Partnership
from tandem.updates import check_known, model_update

Status = Event.Status
MeetingState = Meeting.State


class EventDetails(TypedDict, total=False):
    """What an event may be created with besides its title, language and days;
    the names are the event's fields (``areas`` its many-to-many)."""

    description: str
    title_translations: Mapping[str, str] | None
    description_translations: Mapping[str, str] | None
    kind: str
    city: City | None
    online: bool
    registration_opens_at: datetime.datetime | None
    registration_closes_at: datetime.datetime | None
    capacity: int | None
    approve_automatically: bool
    visibility: str
    booking_mode: str
    max_meetings: int | None
    meeting_url_template: str
    organiser: Organisation | None
    areas: Iterable[Area]


class EventChanges(EventDetails, total=False):
    """What ``update_event`` changes: any field of ``EventDetails`` and these."""

    title: str
    language: str
    time_zone: str
    starts_on: datetime.date
    ends_on: datetime.date


# Only those who coordinate the event move it or change its organiser.
COORDINATOR_FIELDS = frozenset({"city", "online", "organiser"})


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


def _check_organiser(
    by: User,
    *,
    partnership: Partnership,
    city: City | None,
    organiser: Organisation | None,
) -> None:
    """An organisation of a partner city, or none. Coordinators choose any
    such organisation; members of allowed organisations choose one of those."""
    if organiser is not None and organiser.city_id not in {
        partnership.city_a_id,
        partnership.city_b_id,
    }:
        raise field_error(
            "organiser",
            _("The organiser must be an organisation of a partner city."),
            code="organiser_outside_partnership",
        )
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


def _normalised(fields: Mapping[str, Any], *, language: str) -> dict[str, Any]:
    """The fields with their texts stripped and their translations cleaned
    (those in ``language``, the original's, left out)."""
    values = dict(fields)
    for field in ("title", "description", "meeting_url_template"):
        if field in values:
            values[field] = values[field].strip()
    for field in ("title_translations", "description_translations"):
        if field in values:
            values[field] = clean_translations(
                values[field], field=field, language=language
            )
    return values


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
    **details: Unpack[EventDetails],
) -> Event:
    """A draft event; what ``details`` leaves out takes the event's defaults
    (``max_meetings``: ``TANDEM_EVENT_MAX_MEETINGS``).

    Raises PermissionDenied (neither a coordinator of the city, or of either
    partnership city for an online event, nor a member who organises for an
    allowed organisation) or ValidationError (``organiser_not_allowed``: such a
    member chooses one of those organisations as organiser).
    """
    city = details.get("city")
    if not permissions.can_create_event(by, partnership=partnership, city=city):
        raise PermissionDenied
    _check_place(
        partnership=partnership, city=city, online=details.get("online", False)
    )
    _check_organiser(
        by, partnership=partnership, city=city, organiser=details.get("organiser")
    )
    values = _normalised({"title": title, **details}, language=language)
    areas = values.pop("areas", ())
    values["max_meetings"] = (
        values.get("max_meetings") or settings.TANDEM_EVENT_MAX_MEETINGS
    )
    event = Event(
        partnership=partnership,
        language=language,
        starts_on=starts_on,
        ends_on=ends_on,
        time_zone=time_zone,
        created_by=by,
        **values,
    )
    event.full_clean()
    event.save()
    event.areas.set(list(areas))
    return event


def _check_changes(event: Event, by: User, fields: Mapping[str, Any]) -> None:
    """Raises PermissionDenied (moving the event or changing its organiser
    without coordinating it, or moving it to a city the user may not create
    events in) or ValidationError (the place or the organiser)."""
    if COORDINATOR_FIELDS & set(fields) and not permissions.can_coordinate_event(
        by, event
    ):
        raise PermissionDenied
    city = fields.get("city", event.city)
    if "city" in fields or "online" in fields:
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
        _check_organiser(
            by, partnership=event.partnership, city=city, organiser=fields["organiser"]
        )


@transaction.atomic
def update_event(*, event: Event, by: User, **changes: Unpack[EventChanges]) -> Event:
    """Change the fields given (and ``areas``); saves only what changed, and
    leaves ``event`` as it was when the changes are refused.

    Raises PermissionDenied (only coordinators, staff and members of an allowed
    organiser move the event to another city or change the organiser) or
    ValidationError.
    """
    if not permissions.can_manage_event(by, event):
        raise PermissionDenied
    check_known(changes, EventChanges.__optional_keys__)
    _check_changes(event, by, changes)
    fields = _normalised(changes, language=changes.get("language", event.language))
    audited = permissions.acts_as_coordinator(by, event)
    cities_before = permissions.event_cities(event)
    before = snapshot(event, fields) if audited else {}
    if model_update(event, fields) and audited:
        record_event_act(
            audit_actions.EVENT_CHANGED,
            event,
            by,
            changes=changes_since(before, event),
            cities=(*cities_before, *permissions.event_cities(event)),
        )
    return event


def record_event_act(
    action: str,
    event: Event,
    by: User,
    *,
    changes: Mapping[str, tuple[Any, Any]],
    target: models.Model | None = None,
    cities: Iterable[City | None] = (),
) -> None:
    """Write an act on the event (or on ``target``, one of its rows) to the
    audit trail, for the coordinators of the event's cities (and of
    ``cities``, where it was before a move)."""
    everyone = [*cities, *permissions.event_cities(event)]
    # The partnership's cities at most: an event stays in one of them.
    distinct = list({c.pk: c for c in everyone if c is not None}.values())
    record(
        action=action,
        actor=by,
        target=target or event,
        city=distinct[0],
        also_city=distinct[1] if len(distinct) > 1 else None,
        changes=changes,
    )


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
    if permissions.acts_as_coordinator(by, current):
        record_event_act(
            audit_actions.EVENT_PUBLISHED,
            current,
            by,
            changes={"status": (Status.DRAFT, Status.PUBLISHED)},
        )
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
    before = current.status
    current.status = Status.CANCELLED
    current.save(update_fields=["status", "updated_at"])
    if permissions.acts_as_coordinator(by, current):
        record_event_act(
            audit_actions.EVENT_CANCELLED,
            current,
            by,
            changes={"status": (before, Status.CANCELLED)},
        )
    Meeting.objects.filter(event=current, state=MeetingState.SCHEDULED).update(
        state=MeetingState.CANCELLED, updated_at=timezone.now()
    )
    notifications.event_cancelled(event=current, actor=by)
    event.status, event.updated_at = current.status, current.updated_at
    return event
