"""The kinds of notification: their parameters, texts and default channels.

Texts are rendered when shown or sent, in the reader's language, from the
parameters captured when the event happened (names at that time).  Callers
pass ``kind`` as one of the constants below.
"""

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_lazy, pgettext

CONTACT_REQUEST_RECEIVED = "contact_request_received"
CONTACT_REQUEST_ANSWERED = "contact_request_answered"
MESSAGE_RECEIVED = "message_received"
OPPORTUNITY_EXPIRING = "opportunity_expiring"
ORGANISATION_REVIEWED = "organisation_reviewed"
PROJECT_INVITATION = "project_invitation"

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
    return gettext("You have a new notification.")


def _date(value: str) -> str:
    """An ISO date in the active language's format; unparsable values unchanged."""
    try:
        return date_format(datetime.date.fromisoformat(value), "DATE_FORMAT")
    except (TypeError, ValueError):
        return str(value)


def _subject(kind: str, p: Mapping[str, Any]) -> str:
    subjects: dict[str, Callable[[], str]] = {
        CONTACT_REQUEST_RECEIVED: lambda: gettext("New contact request"),
        CONTACT_REQUEST_ANSWERED: lambda: gettext("Your contact request was answered"),
        MESSAGE_RECEIVED: lambda: gettext("New message"),
        OPPORTUNITY_EXPIRING: lambda: gettext("An opportunity expires soon"),
        ORGANISATION_REVIEWED: lambda: gettext("Your organisation was reviewed"),
        PROJECT_INVITATION: lambda: gettext("Invitation to a joint project"),
    }
    return subjects.get(kind, lambda: pgettext("e-mail subject", "Notification"))()


@dataclass(frozen=True)
class Kind:
    key: str
    label: Any  # lazy string: shown on the preferences page
    default_channel: str


# Defaults when a user has not chosen: answers to act on come at once; chatty
# kinds (messages, expiry reminders) wait for the daily digest.
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
