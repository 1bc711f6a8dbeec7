"""The registry of notification kinds.

Each app declares the kinds of what happens in it (``<app>/notification_kinds.py``:
key, label on the preferences page, default channel, e-mail subject, text and,
where the kind knows it, the link) and registers them when it is ready. Texts
are rendered when shown or sent, in the reader's language, from the parameters
captured when the thing happened (names at that time).

Defaults when a user has not chosen: answers to act on, and message reports for
coordinators, come at once; chatty kinds (messages, expiry reminders) wait for
the daily digest. Meetings at an event come at once too (an event is soon).
"""

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext, pgettext
from django_stubs_ext import StrPromise

IN_APP = "in_app"
IMMEDIATE = "immediate"
DIGEST = "digest"
NONE = "none"

Params = Mapping[str, Any]


@dataclass(frozen=True)
class Kind:
    key: str
    label: StrPromise  # lazy: shown on the preferences page in the reader's language
    default_channel: str
    subject: StrPromise  # lazy: the e-mail's subject
    text: Callable[[Params], str]  # one line in the active language
    # The path a notification links to, from its parameters; without it the
    # caller passes the link.
    link: Callable[[Params], str] | None = None


_KINDS: dict[str, Kind] = {}


def register(*kinds: Kind) -> None:
    """Add kinds to the registry; an app registers its own in ``ready()``.

    Raises ValueError when another kind already has the key.
    """
    for kind in kinds:
        if _KINDS.get(kind.key, kind) != kind:
            raise ValueError(f"Two notification kinds are called {kind.key!r}")
        _KINDS[kind.key] = kind


def registered() -> list[Kind]:
    """Every kind, in the order the apps registered them."""
    return list(_KINDS.values())


def is_kind(key: str) -> bool:
    return key in _KINDS


def get(key: str) -> Kind:
    """Raises KeyError for an unknown kind."""
    return _KINDS[key]


def render_text(key: str, params: Params) -> str:
    """The one-line text in the active language (wrap in translation.override)."""
    if key not in _KINDS:  # a kind no app registers any more
        return gettext("You have a new notification.")
    return _KINDS[key].text(params)


def render_subject(key: str, params: Params) -> str:
    """The e-mail subject in the active language."""
    if key not in _KINDS:
        return pgettext("e-mail subject", "Notification")
    return str(_KINDS[key].subject)


def default_channel(key: str) -> str:
    return _KINDS[key].default_channel if key in _KINDS else IN_APP


def format_date(value: str) -> str:
    """An ISO date in the active language's format; unparsable values unchanged."""
    try:
        return date_format(datetime.date.fromisoformat(value), "DATE_FORMAT")
    except (TypeError, ValueError):
        return str(value)
