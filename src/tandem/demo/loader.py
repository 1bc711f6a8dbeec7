"""Load the demo data into the database, once: running it again adds only what is missing.

Cities and the partnership are matched by slug, organisations and opportunities
by ``external_id`` (they go through the importer, so they are validated like any
import), users by e-mail, projects and events by title.  Existing rows are left
as they are, so changes made while trying the demo survive a restart of
``tandem demo``.
"""

import datetime
import zoneinfo
from dataclasses import dataclass, field
from typing import Any

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from tandem.accounts.models import CoordinatorRole, Membership, User
from tandem.collaboration import services as collaboration
from tandem.collaboration.models import Conversation
from tandem.demo import data
from tandem.directory.importing import import_records
from tandem.directory.models import Opportunity, Organisation
from tandem.errors import ValidationError
from tandem.events import planning
from tandem.events import services as events
from tandem.events.models import AllowedOrganiser, Event, Registration, Slot
from tandem.partnerships.models import Area, City, Partnership
from tandem.projects import services as projects
from tandem.projects.models import Project, ProjectPartner


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
    """The missing opportunities, their days made dates; the import gives a
    published one its expiry date, a lifetime after it was published."""
    rows = []
    for row in _missing(Opportunity, data.OPPORTUNITIES):
        row = dict(row)
        days_ago = row.pop("published_days_ago")
        deadline_in = row.pop("deadline_in_days")
        if deadline_in is not None:
            deadline = (now + datetime.timedelta(days=deadline_in)).date()
            row["deadline"] = deadline.isoformat()
        if days_ago is not None:
            row["published_at"] = (now - datetime.timedelta(days=days_ago)).isoformat()
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
                first_name=values.get("first_name", ""),
                last_name=values.get("last_name", ""),
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


def _organisation(external_id: str) -> Organisation:
    return Organisation.objects.get(external_id=external_id)


def _load_iresilience() -> bool:
    """The real joint project of the two cities, run by the demo's admin."""
    if Project.objects.filter(title=data.IRESILIENCE["title"]).exists():
        return False
    admin = User.objects.get(email=data.ADMIN_EMAIL)
    project = projects.create_project(
        by=admin,
        organisation=_organisation("demo-do-stadt-international"),
        areas=Area.objects.filter(slug__in=data.IRESILIENCE["areas"]),
        **{k: v for k, v in data.IRESILIENCE.items() if k != "areas"},
    )
    partner = projects.invite_partner(
        project=project, organisation=_organisation("demo-cj-primaria"), by=admin
    )
    projects.answer_invitation(partner=partner, accept=True, by=admin)
    for status in ("preparing", "running", "completed"):
        projects.change_status(project=project, status=status, by=admin)
    return True


def _load_example_project() -> bool:
    """An invented project that went from a contact request to running."""
    example = data.EXAMPLE_PROJECT
    if Project.objects.filter(title=example["title"]).exists():
        return False
    sender = User.objects.get(email=example["sender_user"])
    recipient = User.objects.get(email=example["recipient_user"])
    contact = collaboration.request_contact(
        sender=_organisation(example["sender"]),
        recipient=_organisation(example["recipient"]),
        message=example["request"],
        language="de",
        by=sender,
    )
    collaboration.answer_request(contact_request=contact, by=recipient, accept=True)
    conversation = Conversation.objects.get(contact_request=contact)
    for author, body in example["messages"]:
        collaboration.post_message(
            conversation=conversation,
            by=sender if author == "sender" else recipient,
            body=body,
        )
    project = projects.create_project(
        by=sender,
        organisation=contact.sender,
        contact_request=contact,
        areas=Area.objects.filter(slug__in=example["areas"]),
        **example["project"],
    )
    for status in ("preparing", "running"):
        projects.change_status(project=project, status=status, by=sender)
    owner = ProjectPartner.objects.get(project=project, organisation=contact.recipient)
    for milestone in example["milestones"]:
        projects.add_milestone(project=project, by=recipient, owner=owner, **milestone)
    for outcome in example["outcomes"]:
        projects.add_outcome(project=project, by=sender, **outcome)
    return True


# --- Events
# Built through the events services as the demo's coordinators and members,
# once each, found by title. Dates are relative to the day the demo is loaded.

# The scheduler's time limit for the matchmaking day's plan: its few requests
# are solved to optimality well within it.
DEMO_SCHEDULER_SECONDS = 3


def _at(day: datetime.date, time: datetime.time, zone: str) -> datetime.datetime:
    return datetime.datetime.combine(day, time, tzinfo=zoneinfo.ZoneInfo(zone))


def _create_published_event(
    spec: dict[str, Any],
    *,
    by: User,
    day: datetime.date,
    city: City | None,
    **fields: Any,
) -> Event:
    event = events.create_event(
        by=by,
        partnership=Partnership.objects.get(slug=data.PARTNERSHIP["slug"]),
        city=city,
        starts_on=day,
        ends_on=day,
        areas=Area.objects.filter(slug__in=spec["areas"]),
        **spec["event"],
        **fields,
    )
    return events.publish_event(event=event, by=by)


def _register(event: Event, email: str, attendance: str) -> Registration:
    profile = data.EVENT_PROFILES[email]
    return events.register(
        event=event,
        by=User.objects.get(email=email),
        organisation=_organisation(profile["organisation"]),
        offer=profile["offer"],
        seek=profile["seek"],
        languages=profile["languages"],
        attendance=attendance,
    )


def _person(registration: Registration) -> User:
    """The demo's registrations all have their person."""
    assert registration.user is not None
    return registration.user


def _matchmaking_programme(
    event: Event, spec: dict[str, Any], *, by: User, day: datetime.date, zone: str
) -> None:
    for session in spec["sessions"]:
        events.add_session(event=event, by=by, date=day, **session)
    for item in spec["programme"]:
        events.add_programme_item(
            event=event,
            by=by,
            title=item["title"],
            description=item["description"],
            place=item["place"],
            starts_at=_at(day, item["start"], zone),
            ends_at=_at(day, item["end"], zone),
        )


def _matchmaking_requests(event: Event, spec: dict[str, Any], *, by: User) -> None:
    """The participants with their free slots, and the meetings they asked for
    (some asked for by the organiser ``by``)."""
    slots = list(Slot.objects.filter(session__event=event).order_by("starts_at"))
    registrations = {}
    for row in spec["registrations"]:
        registration = _register(event, row["user"], row["attendance"])
        if row["available"] is not None:
            events.set_availability(
                registration=registration,
                slots=[slots[i] for i in row["available"]],
                by=_person(registration),
            )
        registrations[row["user"]] = registration
    for row in spec["requests"]:
        requester = registrations[row["requester"]]
        invitee = registrations[row["invitee"]]
        request = events.request_meeting(
            requester=requester,
            invitee=invitee,
            by=by if row["by"] == "organiser" else _person(requester),
            priority=row["priority"],
            message=row["message"],
        )
        if row["by"] == "requester" and row["answer"] is not None:
            events.answer_meeting_request(
                request=request, accept=row["answer"] == "accept", by=_person(invitee)
            )


def _load_matchmaking_day(now: datetime.datetime) -> bool:
    """The upcoming hybrid matchmaking day in Dortmund, with its published plan."""
    spec = data.MATCHMAKING_DAY
    if Event.objects.filter(title=spec["event"]["title"]).exists():
        return False
    coordinator = User.objects.get(email=spec["organiser"])
    zone = spec["event"]["time_zone"]
    today = now.astimezone(zoneinfo.ZoneInfo(zone)).date()
    day = today + datetime.timedelta(days=spec["in_days"])
    event = _create_published_event(
        spec,
        by=coordinator,
        day=day,
        city=City.objects.get(slug=spec["city"]),
        registration_opens_at=_at(
            today - datetime.timedelta(days=spec["registration_opened_days_ago"]),
            datetime.time(9, 0),
            zone,
        ),
        registration_closes_at=_at(
            day - datetime.timedelta(days=spec["registration_closes_days_before"]),
            datetime.time(18, 0),
            zone,
        ),
    )
    _matchmaking_programme(event, spec, by=coordinator, day=day, zone=zone)
    _matchmaking_requests(event, spec, by=coordinator)
    run = planning.start_run(
        event=event, by=coordinator, time_limit_seconds=DEMO_SCHEDULER_SECONDS
    )
    # Solved here rather than by the background task, so that the demo opens
    # with the plan published; the task, queued on commit, finds the run done.
    run = planning.execute_run(run.pk)
    planning.publish_run(run=run, by=coordinator)
    return True


def _load_online_session(now: datetime.datetime) -> bool:
    """The online session of some days ago: self-booked meetings, held and rated."""

    spec = data.ONLINE_SESSION
    if Event.objects.filter(title=spec["event"]["title"]).exists():
        return False
    coordinator = User.objects.get(email=spec["organiser"])
    zone = spec["event"]["time_zone"]
    today = now.astimezone(zoneinfo.ZoneInfo(zone)).date()
    day = today - datetime.timedelta(days=spec["days_ago"])
    event = _create_published_event(spec, by=coordinator, day=day, city=None)
    session = events.add_session(
        event=event, by=coordinator, date=day, **spec["session"]
    )
    slots = list(session.slots.order_by("starts_at"))
    registrations = {
        email: _register(event, email, "online") for email in spec["participants"]
    }
    users = {email: _person(reg) for email, reg in registrations.items()}
    for row in spec["meetings"]:
        request = events.request_meeting(
            requester=registrations[row["requester"]],
            invitee=registrations[row["invitee"]],
            by=users[row["requester"]],
            priority=row["priority"],
            message=row["message"],
        )
        events.answer_meeting_request(
            request=request, accept=True, by=users[row["invitee"]]
        )
        meeting = events.book_meeting(
            request=request, slot=slots[row["slot"]], by=users[row["booked_by"]]
        )
        events.mark_meeting_held(meeting=meeting, by=users[row["held_by"]])
        for email, rating in row["ratings"].items():
            events.rate_meeting(meeting=meeting, rating=rating, by=users[email])
        if follow_up := row.get("follow_up"):
            events.follow_up_meeting(
                meeting=meeting,
                by=users[follow_up["by"]],
                message=follow_up["message"],
            )
    # Registration closed when the session began.
    events.update_event(
        event=event, by=coordinator, registration_closes_at=slots[0].starts_at
    )
    return True


def _load_allowed_organisers() -> int:
    created = 0
    for external_id, email in data.ALLOWED_ORGANISERS.items():
        organisation = _organisation(external_id)
        if not AllowedOrganiser.objects.filter(organisation=organisation).exists():
            events.allow_organiser(
                organisation=organisation, by=User.objects.get(email=email)
            )
            created += 1
    return created


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
    summary.created["projects"] = int(_load_iresilience()) + int(
        _load_example_project()
    )
    summary.created["events"] = int(_load_matchmaking_day(now)) + int(
        _load_online_session(now)
    )
    _mark_reviewed(
        [row["external_id"] for row in [*new_organisations, *new_opportunities]], now
    )
    summary.created["event_organisers"] = _load_allowed_organisers()
    return summary
