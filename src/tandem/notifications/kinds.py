"""The kinds of notification: their parameters, texts and default channels.

Texts are rendered when shown or sent, in the reader's language, from the
parameters captured when the event happened (names at that time).  Callers
pass ``kind`` as one of the constants below.
"""

import datetime
import zoneinfo
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_lazy, ngettext, pgettext

from tandem.i18n import current_language

CONTACT_REQUEST_RECEIVED = "contact_request_received"
CONTACT_REQUEST_ANSWERED = "contact_request_answered"
MESSAGE_RECEIVED = "message_received"
OPPORTUNITY_EXPIRING = "opportunity_expiring"
ORGANISATION_REVIEWED = "organisation_reviewed"
PROJECT_INVITATION = "project_invitation"
EVENT_REGISTRATION_DECIDED = "event_registration_decided"
MEETING_REQUESTED = "meeting_requested"
MEETING_REQUEST_ANSWERED = "meeting_request_answered"
MEETING_SCHEDULED = "meeting_scheduled"
MEETING_MOVED = "meeting_moved"
MEETING_CANCELLED = "meeting_cancelled"
EVENT_CANCELLED = "event_cancelled"
EVENT_REMINDER = "event_reminder"
MESSAGE_REPORTED = "message_reported"
EVENT_ORGANISER_PERMISSION = "event_organiser_permission"

IN_APP = "in_app"
IMMEDIATE = "immediate"
DIGEST = "digest"
NONE = "none"


def _text(kind: str, p: Mapping[str, Any]) -> str:
    if kind == CONTACT_REQUEST_RECEIVED:
        if p.get("opportunity"):
            return gettext(
                "%(sender)s sent %(recipient)s a contact request about "
                "“%(opportunity)s”."
            ) % {
                "sender": p.get("sender", ""),
                "recipient": p.get("recipient", ""),
                "opportunity": p["opportunity"],
            }
        return gettext("%(sender)s sent %(recipient)s a contact request.") % {
            "sender": p.get("sender", ""),
            "recipient": p.get("recipient", ""),
        }
    if kind == CONTACT_REQUEST_ANSWERED:
        values = {"sender": p.get("sender", ""), "recipient": p.get("recipient", "")}
        if p.get("accepted"):
            return (
                gettext("%(recipient)s accepted the contact request of %(sender)s.")
                % values
            )
        return (
            gettext("%(recipient)s declined the contact request of %(sender)s.")
            % values
        )
    if kind == MESSAGE_RECEIVED:
        return gettext("%(sender)s wrote to %(recipient)s: “%(excerpt)s”") % {
            "sender": p.get("sender", ""),
            "recipient": p.get("recipient", ""),
            "excerpt": p.get("excerpt", ""),
        }
    if kind == OPPORTUNITY_EXPIRING:
        return gettext("The opportunity “%(title)s” expires on %(expires_on)s.") % {
            "title": p.get("title", ""),
            "expires_on": _date(p.get("expires_on", "")),
        }
    if kind == ORGANISATION_REVIEWED:
        values = {"organisation": p.get("organisation", "")}
        decision = p.get("decision")
        if decision == "verified":
            return gettext("%(organisation)s has been verified.") % values
        if decision == "rejected":
            return gettext("%(organisation)s was not verified.") % values
        return gettext("Changes were requested for %(organisation)s.") % values
    if kind == PROJECT_INVITATION:
        return gettext(
            "%(by_organisation)s invited %(organisation)s to the joint project "
            "“%(project)s”."
        ) % {
            "by_organisation": p.get("by_organisation", ""),
            "organisation": p.get("organisation", ""),
            "project": p.get("project", ""),
        }
    if kind == EVENT_REGISTRATION_DECIDED:
        values = {"event": _event(p)}
        if p.get("decision") == "cancelled":
            return (
                gettext("The organisers cancelled your registration for “%(event)s”.")
                % values
            )
        if p.get("from_waitlist"):
            return (
                gettext(
                    "A place became free: your registration for “%(event)s” "
                    "is approved."
                )
                % values
            )
        return gettext("Your registration for “%(event)s” is approved.") % values
    if kind == MEETING_REQUESTED:
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
    if kind == MEETING_REQUEST_ANSWERED:
        values = {"who": _who(p), "event": _event(p)}
        if p.get("accepted"):
            return (
                gettext("%(who)s accepted your meeting request for “%(event)s”.")
                % values
            )
        return (
            gettext("%(who)s declined your meeting request for “%(event)s”.") % values
        )
    if kind == MEETING_SCHEDULED:
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
                    "%(count)s meeting at “%(event)s” was scheduled for you, "
                    "on %(time)s.",
                    "%(count)s meetings at “%(event)s” were scheduled for you, "
                    "the first on %(time)s.",
                    count,
                )
                % values
            )
        if p.get("online"):
            return (
                gettext(
                    "Your meeting with %(who)s at “%(event)s” is on %(time)s, online."
                )
                % values
            )
        return (
            gettext(
                "Your meeting with %(who)s at “%(event)s” is on %(time)s at table "
                "%(table)s."
            )
            % values
        )
    if kind == MEETING_MOVED:
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
    if kind == MEETING_CANCELLED:
        return gettext(
            "Your meeting with %(who)s at “%(event)s” on %(time)s is cancelled."
        ) % {"who": _who(p), "event": _event(p), "time": _event_time(p, "starts_at")}
    if kind == EVENT_CANCELLED:
        return gettext("“%(event)s” on %(date)s is cancelled.") % {
            "event": _event(p),
            "date": _date(p.get("starts_on", "")),
        }
    if kind == EVENT_REMINDER:
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
    if kind == MESSAGE_REPORTED:
        # Translators: read by the city's coordinators, who review reports;
        # both names are organisations of one conversation.
        return gettext(
            "%(reporter)s reported a message from %(sender)s for review."
        ) % {
            "reporter": p.get("reporter", ""),
            "sender": p.get("sender", ""),
        }
    if kind == EVENT_ORGANISER_PERMISSION:
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
    return gettext("You have a new notification.")


def _date(value: str) -> str:
    """An ISO date in the active language's format; unparsable values unchanged."""
    try:
        return date_format(datetime.date.fromisoformat(value), "DATE_FORMAT")
    except (TypeError, ValueError):
        return str(value)


def _event(p: Mapping[str, Any]) -> str:
    """The event's title in the reader's language where it was translated."""
    translations = p.get("event_translations") or {}
    return str(translations.get(current_language()) or p.get("event", ""))


def _who(p: Mapping[str, Any]) -> str:
    """The other participant: "name (organisation)", or the organisation alone."""
    if p.get("person"):
        # Translators: a participant of an event and their organisation.
        return pgettext("participant", "%(person)s (%(organisation)s)") % {
            "person": p["person"],
            "organisation": p.get("organisation", ""),
        }
    return str(p.get("organisation", ""))


def _event_time(p: Mapping[str, Any], key: str) -> str:
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


def _subject(kind: str, p: Mapping[str, Any]) -> str:
    subjects: dict[str, Callable[[], str]] = {
        CONTACT_REQUEST_RECEIVED: lambda: gettext("New contact request"),
        CONTACT_REQUEST_ANSWERED: lambda: gettext("Your contact request was answered"),
        MESSAGE_RECEIVED: lambda: gettext("New message"),
        OPPORTUNITY_EXPIRING: lambda: gettext("An opportunity expires soon"),
        ORGANISATION_REVIEWED: lambda: gettext("Your organisation was reviewed"),
        PROJECT_INVITATION: lambda: gettext("Invitation to a joint project"),
        EVENT_REGISTRATION_DECIDED: lambda: gettext("Your event registration"),
        MEETING_REQUESTED: lambda: gettext("New meeting request"),
        MEETING_REQUEST_ANSWERED: lambda: gettext("Your meeting request was answered"),
        MEETING_SCHEDULED: lambda: gettext("A meeting was scheduled"),
        MEETING_MOVED: lambda: gettext("A meeting moved"),
        MEETING_CANCELLED: lambda: gettext("A meeting was cancelled"),
        EVENT_CANCELLED: lambda: gettext("An event was cancelled"),
        EVENT_REMINDER: lambda: gettext("Your event is coming up"),
        MESSAGE_REPORTED: lambda: gettext("A message was reported"),
        EVENT_ORGANISER_PERMISSION: lambda: gettext(
            "Your organisation's permission to organise events"
        ),
    }
    return subjects.get(kind, lambda: pgettext("e-mail subject", "Notification"))()


@dataclass(frozen=True)
class Kind:
    key: str
    label: Any  # lazy string: shown on the preferences page
    default_channel: str


# Defaults when a user has not chosen: answers to act on, and message reports
# for coordinators, come at once; chatty kinds (messages, expiry reminders) wait
# for the daily digest. Meetings at an event come at once too (an event is
# soon); a published plan tells each participant their new meetings in one
# notification, not one per meeting.
KINDS: dict[str, Kind] = {
    k.key: k
    for k in [
        Kind(
            CONTACT_REQUEST_RECEIVED,
            gettext_lazy("A contact request arrives"),
            IMMEDIATE,
        ),
        Kind(
            CONTACT_REQUEST_ANSWERED,
            gettext_lazy("A contact request is answered"),
            IMMEDIATE,
        ),
        Kind(MESSAGE_RECEIVED, gettext_lazy("A new message arrives"), DIGEST),
        Kind(
            OPPORTUNITY_EXPIRING,
            gettext_lazy("An opportunity expires in 30 days"),
            DIGEST,
        ),
        Kind(
            ORGANISATION_REVIEWED,
            gettext_lazy("An organisation is verified or rejected"),
            IMMEDIATE,
        ),
        Kind(
            PROJECT_INVITATION,
            gettext_lazy("An invitation to a joint project"),
            IMMEDIATE,
        ),
        Kind(
            EVENT_REGISTRATION_DECIDED,
            gettext_lazy("An event registration is approved or cancelled"),
            IMMEDIATE,
        ),
        Kind(
            MEETING_REQUESTED,
            gettext_lazy("Someone asks to meet you at an event"),
            IMMEDIATE,
        ),
        Kind(
            MEETING_REQUEST_ANSWERED,
            gettext_lazy("A meeting request is answered"),
            IMMEDIATE,
        ),
        Kind(
            MEETING_SCHEDULED,
            gettext_lazy("A meeting at an event is scheduled"),
            IMMEDIATE,
        ),
        Kind(MEETING_MOVED, gettext_lazy("A meeting at an event moves"), IMMEDIATE),
        Kind(
            MEETING_CANCELLED,
            gettext_lazy("A meeting at an event is cancelled"),
            IMMEDIATE,
        ),
        Kind(EVENT_CANCELLED, gettext_lazy("An event is cancelled"), IMMEDIATE),
        Kind(
            EVENT_REMINDER,
            gettext_lazy("A reminder before an event"),
            IMMEDIATE,
        ),
        Kind(
            MESSAGE_REPORTED,
            gettext_lazy("A message is reported to the coordinators"),
            IMMEDIATE,
        ),
        Kind(
            EVENT_ORGANISER_PERMISSION,
            gettext_lazy("My organisation may organise events, or no longer may"),
            IMMEDIATE,
        ),
    ]
}


def render_text(kind: str, params: Mapping[str, Any]) -> str:
    """The one-line text in the active language (wrap in translation.override)."""
    return _text(kind, params)


def render_subject(kind: str, params: Mapping[str, Any]) -> str:
    """The e-mail subject in the active language."""
    return _subject(kind, params)


def default_channel(kind: str) -> str:
    return KINDS[kind].default_channel if kind in KINDS else IN_APP
