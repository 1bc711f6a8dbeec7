"""Load the demo data into the database, once: running it again adds only what is missing.

Cities and the partnership are matched by slug, organisations and opportunities
by ``external_id`` (they go through the importer, so they are validated like any
import), users by e-mail.  Existing rows are left as they are, so changes made
while trying the demo survive a restart of ``tandem demo``.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from tandem.accounts.models import CoordinatorRole, Membership, User
from tandem.demo import data
from tandem.directory.importing import import_records
from tandem.directory.models import Opportunity, Organisation
from tandem.errors import ValidationError
from tandem.partnerships.models import Area, City, Partnership


@dataclass(frozen=True)
class DemoAccount:
    role: str
    email: str
    password: str
    language: str
    organisations: tuple[str, ...] = ()


@dataclass
class DemoSummary:
    created: dict[str, int] = field(default_factory=dict)
    accounts: list[DemoAccount] = field(default_factory=list)


def _load_cities() -> dict[str, City]:
    cities = {}
    for values in data.CITIES:
        slug = values["slug"]
        fields = {k: v for k, v in values.items() if k != "slug"}
        cities[slug], _ = City.objects.get_or_create(slug=slug, defaults=fields)
    return cities


def _load_partnership(cities: dict[str, City]) -> bool:
    values = dict(data.PARTNERSHIP)
    if Partnership.objects.filter(slug=values["slug"]).exists():
        return False
    focus_areas = values.pop("focus_areas")
    partnership = Partnership(
        **{k: v for k, v in values.items() if k not in {"city_a", "city_b"}},
        city_a=cities[values["city_a"]],
        city_b=cities[values["city_b"]],
    )
    partnership.signed_on = datetime.date.fromisoformat(values["signed_on"])
    partnership.full_clean()
    partnership.save()
    partnership.focus_areas.set(Area.objects.filter(slug__in=focus_areas))
    return True


def _missing(model: Any, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    ids = [row["external_id"] for row in rows]
    existing = set(
        model.objects.filter(external_id__in=ids).values_list("external_id", flat=True)
    )
    return [row for row in rows if row["external_id"] not in existing]


def _import(kind: Any, rows: list[dict[str, Any]]) -> int:
    result = import_records(kind=kind, rows=rows)
    if result.errors:
        # The demo data is ours: a bad row is a bug in tandem.demo.data.
        raise ValidationError("; ".join(str(error) for error in result.errors))
    return result.created


def _opportunity_rows(now: datetime.datetime) -> list[dict[str, Any]]:
    lifetime = datetime.timedelta(days=settings.TANDEM_OPPORTUNITY_LIFETIME_DAYS)
    rows = []
    for row in _missing(Opportunity, data.OPPORTUNITIES):
        row = dict(row)
        days_ago = row.pop("published_days_ago")
        deadline_in = row.pop("deadline_in_days")
        if deadline_in is not None:
            row["deadline"] = (now + datetime.timedelta(days=deadline_in)).date()
            row["deadline"] = row["deadline"].isoformat()
        if days_ago is not None:
            published = now - datetime.timedelta(days=days_ago)
            row["published_at"] = published.isoformat()
            row["expires_at"] = (published + lifetime).isoformat()
        rows.append(row)
    return rows


def _mark_reviewed(external_ids: list[str], now: datetime.datetime) -> None:
    """Record the city's demo coordinator as the reviewer of verified organisations."""
    for role in CoordinatorRole.objects.select_related("user"):
        Organisation.objects.filter(
            external_id__in=external_ids,
            city_id=role.city_id,
            verification=Organisation.Verification.VERIFIED,
            reviewed_by__isnull=True,
        ).update(reviewed_by=role.user, reviewed_at=now)
        Opportunity.objects.filter(
            external_id__in=external_ids,
            organisation__city_id=role.city_id,
            status=Opportunity.Status.PUBLISHED,
            reviewed_by__isnull=True,
        ).update(reviewed_by=role.user, reviewed_at=now)


def _load_accounts(cities: dict[str, City]) -> tuple[int, list[DemoAccount]]:
    created = 0
    accounts = []
    for values in data.ACCOUNTS:
        email = values["email"]
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User(
                email=email,
                preferred_language=values["language"],
                is_staff=values.get("is_staff", False),
                is_superuser=values.get("is_staff", False),
            )
            user.set_password(data.PASSWORD)
            user.save()
            created += 1
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        if city := values.get("city"):
            CoordinatorRole.objects.get_or_create(user=user, city=cities[city])
        role = "owner" if values["role"] == "owner" else "editor"
        for external_id in values.get("organisations", []):
            Membership.objects.get_or_create(
                user=user,
                organisation=Organisation.objects.get(external_id=external_id),
                defaults={"role": role, "state": Membership.State.ACTIVE},
            )
        accounts.append(
            DemoAccount(
                role=values["role"],
                email=email,
                password=data.PASSWORD,
                language=values["language"],
                organisations=tuple(values.get("organisations", [])),
            )
        )
    return created, accounts


@transaction.atomic
def load_demo(*, now: datetime.datetime | None = None) -> DemoSummary:
    """Create whatever part of the demo data is missing; returns what was created.

    Raises ValidationError if the demo data itself is invalid (a bug).
    """
    now = now or timezone.now()
    summary = DemoSummary()
    cities = _load_cities()
    summary.created["partnership"] = int(_load_partnership(cities))
    new_organisations = _missing(Organisation, data.ORGANISATIONS)
    summary.created["organisations"] = _import("organisations", new_organisations)
    new_opportunities = _opportunity_rows(now)
    summary.created["opportunities"] = _import("opportunities", new_opportunities)
    summary.created["accounts"], summary.accounts = _load_accounts(cities)
    _mark_reviewed(
        [row["external_id"] for row in [*new_organisations, *new_opportunities]], now
    )
    return summary
