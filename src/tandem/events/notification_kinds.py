"""The notification kinds of the events app.

Registrations, meeting requests and meetings at events, reminders, and
permissions to organise events.

Registered with ``tandem.notifications.kinds`` when the app is ready; texts
are rendered in the reader's language from the parameters stored with each
notification."""

import datetime
import zoneinfo

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_lazy, ngettext, pgettext

from tandem.i18n import current_language
from tandem.notifications.kinds import IMMEDIATE, Kind, Params, format_date

EVENT_REGISTRATION_DECIDED = "event_registration_decided"
MEETING_REQUESTED = "meeting_requested"
MEETING_REQUEST_ANSWERED = "meeting_request_answered"
MEETING_SCHEDULED = "meeting_scheduled"
MEETING_MOVED = "meeting_moved"
MEETING_CANCELLED = "meeting_cancelled"
EVENT_CANCELLED = "event_cancelled"
EVENT_REMINDER = "event_reminder"
EVENT_ORGANISER_PERMISSION = "event_organiser_permission"


def _event(p: Params) -> str:
    """The event's title in the reader's language where it was translated."""
    translations = p.get("event_translations") or {}
    return str(translations.get(current_language()) or p.get("event", ""))


def _who(p: Params) -> str:
    """The other participant: "name (organisation)", or the organisation alone."""
    if p.get("person"):
        # Translators: a participant of an event and their organisation.
        return pgettext("participant", "%(person)s (%(organisation)s)") % {
            "person": p["person"],
            "organisation": p.get("organisation", ""),
        }
    return str(p.get("organisation", ""))


def _event_time(p: Params, key: str) -> str:
    """An ISO date-time in the event's time zone, in the active language's
    format, followed by the zone's name; unparsable values unchanged."""
    value = p.get(key, "")
    try:
        zone = str(p.get("time_zone") or "UTC")
        moment = datetime.datetime.fromisoformat(value).astimezone(
            zoneinfo.ZoneInfo(zone)
        )
    except (TypeError, ValueError, zoneinfo.ZoneInfoNotFoundError):
        return str(value)
    # Translators: a date and time, then the time zone it is in.
    return pgettext("time in a zone", "%(time)s (%(zone)s)") % {
        "time": date_format(moment, "DATETIME_FORMAT"),
        "zone": zone,
    }


def _event_registration_decided(p: Params) -> str:
    values = {"event": _event(p)}
    if p.get("decision") == "cancelled":
        return (
            gettext("The organisers cancelled your registration for “%(event)s”.")
            % values
        )
    if p.get("from_waitlist"):
        return (
            gettext(
                "A place became free: your registration for “%(event)s” is approved."
            )
            % values
        )
    return gettext("Your registration for “%(event)s” is approved.") % values


def _meeting_requested(p: Params) -> str:
    values = {"who": _who(p), "event": _event(p)}
    if p.get("set_by_organiser"):
        return (
            gettext(
                "The organisers of “%(event)s” arranged a meeting between you "
                "and %(who)s."
            )
            % values
        )
    return gettext("%(who)s asks to meet you at “%(event)s”.") % values


def _meeting_request_answered(p: Params) -> str:
    values = {"who": _who(p), "event": _event(p)}
    if p.get("accepted"):
        return (
            gettext("%(who)s accepted your meeting request for “%(event)s”.") % values
        )
    return gettext("%(who)s declined your meeting request for “%(event)s”.") % values


def _meeting_scheduled(p: Params) -> str:
    count = int(p.get("meetings") or 1)
    values = {
        "who": _who(p),
        "event": _event(p),
        "time": _event_time(p, "starts_at"),
        "table": p.get("table", ""),
        "count": count,
    }
    if count > 1:  # a published plan: the first of the reader's new meetings
        return (
            ngettext(
                "%(count)s meeting at “%(event)s” was scheduled for you, on %(time)s.",
                "%(count)s meetings at “%(event)s” were scheduled for you, "
                "the first on %(time)s.",
                count,
            )
            % values
        )
    if p.get("online"):
        return (
            gettext("Your meeting with %(who)s at “%(event)s” is on %(time)s, online.")
            % values
        )
    return (
        gettext(
            "Your meeting with %(who)s at “%(event)s” is on %(time)s at table "
            "%(table)s."
        )
        % values
    )


def _meeting_moved(p: Params) -> str:
    values = {
        "who": _who(p),
        "event": _event(p),
        "time": _event_time(p, "starts_at"),
        "old_time": _event_time(p, "old_starts_at"),
        "table": p.get("table", ""),
    }
    if p.get("starts_at") == p.get("old_starts_at"):
        if p.get("online"):
            return (
                gettext(
                    "Your meeting with %(who)s at “%(event)s” on %(time)s is "
                    "now online."
                )
                % values
            )
        return (
            gettext(
                "Your meeting with %(who)s at “%(event)s” on %(time)s moved to "
                "table %(table)s."
            )
            % values
        )
    if p.get("online"):
        return (
            gettext(
                "Your meeting with %(who)s at “%(event)s” moved from "
                "%(old_time)s to %(time)s, online."
            )
            % values
        )
    return (
        gettext(
            "Your meeting with %(who)s at “%(event)s” moved from %(old_time)s "
            "to %(time)s at table %(table)s."
        )
        % values
    )


def _meeting_cancelled(p: Params) -> str:
    return gettext(
        "Your meeting with %(who)s at “%(event)s” on %(time)s is cancelled."
    ) % {"who": _who(p), "event": _event(p), "time": _event_time(p, "starts_at")}


def _event_cancelled(p: Params) -> str:
    return gettext("“%(event)s” on %(date)s is cancelled.") % {
        "event": _event(p),
        "date": format_date(p.get("starts_on", "")),
    }


def _event_reminder(p: Params) -> str:
    count = int(p.get("meetings") or 0)
    values = {
        "event": _event(p),
        "start": _event_time(p, "starts_at"),
        "first": _event_time(p, "first_meeting_at"),
        "count": count,
    }
    if count:
        return (
            ngettext(
                "Reminder: “%(event)s” is coming up. You have %(count)s "
                "meeting, on %(first)s.",
                "Reminder: “%(event)s” is coming up. You have %(count)s "
                "meetings, the first on %(first)s.",
                count,
            )
            % values
        )
    return gettext("Reminder: “%(event)s” begins on %(start)s.") % values


def _event_organiser_permission(p: Params) -> str:
    values = {
        "organisation": p.get("organisation", ""),
        "city": (p.get("city_translations") or {}).get(current_language())
        or p.get("city", ""),
    }
    if p.get("allowed"):
        return (
            gettext(
                "The coordinators of %(city)s allowed %(organisation)s to "
                "create and publish events in Tandem."
            )
            % values
        )
    return (
        gettext(
            "%(organisation)s may no longer create or publish events; its "
            "events stay, run with the coordinators of %(city)s."
        )
        % values
    )


def _event_link(name: str, p: Params) -> str:
    """A page of the event whose id the params hold; none without it."""
    event_id = p.get("event_id")
    return reverse(name, args=[event_id]) if event_id else ""


def _agenda_link(p: Params) -> str:
    return _event_link("events:agenda", p)


def _requests_link(p: Params) -> str:
    return _event_link("events:requests", p)


def _event_list_link(p: Params) -> str:
    return reverse("events:event_list")


KINDS = [
    Kind(
        key=EVENT_REGISTRATION_DECIDED,
        label=gettext_lazy("An event registration is approved or cancelled"),
        default_channel=IMMEDIATE,
        subject=gettext_lazy("Your event registration"),
        text=_event_registration_decided,
        link=_agenda_link,
    ),
    Kind(
        key=MEETING_REQUESTED,
        label=gettext_lazy("Someone asks to meet you at an event"),
        default_channel=IMMEDIATE,
        subject=gettext_lazy("New meeting request"),
        text=_meeting_requested,
        link=_requests_link,
    ),
    Kind(
        key=MEETING_REQUEST_ANSWERED,
        label=gettext_lazy("A meeting request is answered"),
        default_channel=IMMEDIATE,
        subject=gettext_lazy("Your meeting request was answered"),
        text=_meeting_request_answered,
        link=_requests_link,
    ),
    Kind(
        key=MEETING_SCHEDULED,
        label=gettext_lazy("A meeting at an event is scheduled"),
        default_channel=IMMEDIATE,
        subject=gettext_lazy("A meeting was scheduled"),
        text=_meeting_scheduled,
        link=_agenda_link,
    ),
    Kind(
        key=MEETING_MOVED,
        label=gettext_lazy("A meeting at an event moves"),
        default_channel=IMMEDIATE,
        subject=gettext_lazy("A meeting moved"),
        text=_meeting_moved,
        link=_agenda_link,
    ),
    Kind(
        key=MEETING_CANCELLED,
        label=gettext_lazy("A meeting at an event is cancelled"),
        default_channel=IMMEDIATE,
        subject=gettext_lazy("A meeting was cancelled"),
        text=_meeting_cancelled,
        link=_agenda_link,
    ),
    Kind(
        key=EVENT_CANCELLED,
        label=gettext_lazy("An event is cancelled"),
        default_channel=IMMEDIATE,
        subject=gettext_lazy("An event was cancelled"),
        text=_event_cancelled,
        link=_agenda_link,
    ),
    Kind(
        key=EVENT_REMINDER,
        label=gettext_lazy("A reminder before an event"),
        default_channel=IMMEDIATE,
        subject=gettext_lazy("Your event is coming up"),
        text=_event_reminder,
        link=_agenda_link,
    ),
    Kind(
        key=EVENT_ORGANISER_PERMISSION,
        label=gettext_lazy("My organisation may organise events, or no longer may"),
        default_channel=IMMEDIATE,
        subject=gettext_lazy("Your organisation's permission to organise events"),
        text=_event_organiser_permission,
        link=_event_list_link,
    ),
]
