"""The registry of what Tandem holds about a person, for "Download my data".

Accounts sit low in the layers and know no higher app, so each app declares
its own part (``<app>/personal_data.py``: ``def export(user) -> dict | list``,
plain JSON values) and registers it under a section name in its
``AppConfig.ready()``, as it does its notification kinds. The archive is
assembled here: one JSON file per section, in one ZIP.
"""

import datetime
import io
import json
import zipfile
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from tandem.accounts.models import User

Exporter = Callable[[User], dict[str, Any] | list[Any]]

_SECTIONS: dict[str, Exporter] = {}


def register(section: str, exporter: Exporter) -> None:
    """Add an app's part; ``section`` names its file (``<section>.json``).

    Raises ValueError when another exporter already has the section.
    """
    if _SECTIONS.get(section, exporter) is not exporter:
        raise ValueError(f"Two personal data sections are called {section!r}")
    _SECTIONS[section] = exporter


def sections() -> list[str]:
    return list(_SECTIONS)


def _plain(value: object) -> Any:
    """JSON for what exporters return: dates as ISO 8601, decimals as text."""
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, QuerySet):
        return list(value)
    raise TypeError(f"{type(value).__name__} is not JSON")


def collect(user: User) -> dict[str, Any]:
    """Every registered section's data about ``user``, by section name."""
    return {section: exporter(user) for section, exporter in _SECTIONS.items()}


def build_archive(user: User) -> bytes:
    """A ZIP of one ``<section>.json`` per section and a ``README.txt``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "README.txt",
            "Tandem: the data held about one person, one JSON file per part.\n"
            f"Created {timezone.now().isoformat()}.\n",
        )
        for section, data in collect(user).items():
            archive.writestr(
                f"{section}.json",
                json.dumps(data, default=_plain, ensure_ascii=False, indent=2),
            )
    return buffer.getvalue()


# --- The accounts app's own part -------------------------------------------


def export(user: User) -> dict[str, Any]:
    """The account, memberships, coordinator roles and API tokens (names and
    dates only: never a key or its hash)."""
    return {
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "preferred_language": user.preferred_language,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
        },
        "memberships": [
            {
                "organisation": m.organisation.name,
                "role": m.role,
                "state": m.state,
                "message": m.message,
                "created_at": m.created_at,
            }
            for m in user.memberships.select_related("organisation").order_by("pk")
        ],
        "coordinator_roles": [
            {"city": str(role.city), "created_at": role.created_at}
            for role in user.coordinator_roles.select_related("city").order_by("pk")
        ],
        "api_tokens": [
            {
                "name": token.name,
                "created_at": token.created_at,
                "last_used_at": token.last_used_at,
                "revoked_at": token.revoked_at,
            }
            for token in user.api_tokens.order_by("pk")
        ],
    }
