"""The meeting scheduler inside Tandem on PostgreSQL: a 1,000-participant day.

Prints figures; no pass or fail.  Where ``scheduler.py`` times the engine on
plain data, this times Tandem's own path around it: ``planning.build_problem``
(the database read), ``planning.start_run`` + ``planning.execute_run`` (the
solve, stored as a ``PlanRun``), ``planning.publish_run`` (meetings written,
participants notified, immediate e-mails sent), a re-run and re-publish after
20 participants cancel, and the pages organisers and participants open
afterwards (``django.test.Client`` in process, median of a few requests, with
their query counts).

Its own PostgreSQL database (``--database-url``, default
``postgres://postgres@127.0.0.1:5432/tandem_bench_events``, created if
missing; ``--fresh`` drops and recreates it, ``--drop`` drops it at the end),
a temporary ``TANDEM_DATA_DIR``, ``TANDEM_TASKS_BACKEND=immediate`` (the
scheduler task and the e-mails run inline, after their transaction commits)
and the in-memory e-mail backend (``EMAIL_URL=memorymail://``), so no e-mail
reaches the disk.
``TANDEM_ENCODER=lexical``: the participants page shows matching
suggestions, so the organisations' profiles are encoded during the setup.

The data are written in bulk (``bulk_create``), not through the services,
which would take minutes at this size: the setup is not what is measured and
its time is printed apart.  Only the event, its publication and its two
sessions go through ``tandem.events.services``.  Written:

- the Dortmund ↔ Cluj-Napoca cities and partnership (as ``tandem demo``), a
  coordinator of Dortmund;
- ``--participants`` verified, public organisations (half per city) and one
  user per organisation, an active owner of it;
- one published, hybrid, organiser-scheduled matchmaking day in Dortmund,
  two sessions of 8 slots (25 min + 5 min break) with 300 tables each;
- an approved registration per user, 8 % attending online (drawn here; the
  instance's own online flags are not used);
- availability from ``benchmarks/scheduler.make_instance``: the late arrivals,
  early leavers and drop-ins tick their slots (minus two slots for the 5 % who
  give a talk); who stays all day ticks none, which counts as every slot;
- the instance's 9 accepted requests per participant, priority and "both
  asked" read back from its weights, so that ``build_problem`` gives the
  instance's weights again.

A database already holding the participants is reused: the benchmark event,
its rows and the benchmark users' notifications are deleted and written again.

    .venv/bin/python benchmarks/event_plan.py --fresh
    .venv/bin/python benchmarks/event_plan.py --time-limit 10 --requests 3

Figures are recorded in benchmarks/README.md ("Meeting scheduler inside
Tandem (PostgreSQL)").
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from scheduler import make_instance  # benchmarks/scheduler.py, on the path above

if TYPE_CHECKING:
    from django.test import Client

    from tandem.accounts.models import User
    from tandem.events.models import Event, PlanRun, Registration
    from tandem.events.planning import Published

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/tandem_bench_events"
PROTECTED_DATABASES = {"postgres", "test", "test_test", "template0", "template1"}
SEED = 20261125
PREFIX = "evbench-"
EVENT_TITLE = "Benchmark matchmaking day Dortmund – Cluj-Napoca"
COORDINATOR_EMAIL = "coordinator@evbench.example.org"
ONLINE_SHARE = 0.08
TABLES = 300
SLOTS_PER_SESSION = 8
CANCELLED = 20
BATCH = 2_000

FIRST_NAMES = {
    "dortmund": ["Anna", "Jonas", "Lea", "Lukas", "Marie", "Felix", "Sophie", "Paul"],
    "cluj-napoca": ["Ana", "Andrei", "Ioana", "Mihai", "Elena", "Radu", "Maria"],
}
LAST_NAMES = {
    "dortmund": ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Becker"],
    "cluj-napoca": ["Popescu", "Pop", "Rus", "Moldovan", "Mureșan", "Câmpean"],
}
ORGANISATION_WORDS = {
    "dortmund": ["Logistik", "Software", "Sensorik", "Energie", "Agrar", "Medizin"],
    "cluj-napoca": ["Logistică", "Software", "Senzori", "Energie", "Agro", "Medical"],
}


# --- Database --------------------------------------------------------------


def _admin_url(url: str) -> tuple[str, str]:
    """(URL of the maintenance database, name of the benchmark database)."""
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name or parts.scheme not in {"postgres", "postgresql", "pgsql"}:
        sys.exit(f"Not a PostgreSQL database URL: {url}")
    if name in PROTECTED_DATABASES:
        sys.exit(f"Refusing to use the database {name!r}: choose a benchmark one.")
    return urlunsplit(parts._replace(scheme="postgresql", path="/postgres")), name


def prepare_database(url: str, *, fresh: bool) -> None:
    import psycopg
    from psycopg import sql

    admin, name = _admin_url(url)
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if exists and fresh:
            conn.execute(
                sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name))
            )
            exists = None
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"created database {name}")


def drop_database(url: str) -> None:
    import psycopg
    from django.db import connections
    from psycopg import sql

    connections.close_all()
    admin, name = _admin_url(url)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                sql.Identifier(name)
            )
        )
    print(f"dropped database {name}")


def setup_django(args: argparse.Namespace) -> None:
    os.environ["DATABASE_URL"] = args.database_url
    os.environ["TANDEM_DATA_DIR"] = args.data_dir or tempfile.mkdtemp(
        prefix="tandem-bench-events-"
    )
    os.environ["TANDEM_TASKS_BACKEND"] = "immediate"
    os.environ["TANDEM_ENCODER"] = "lexical"  # the participants page's suggestions
    os.environ["EMAIL_URL"] = "memorymail://"  # locmem: nothing written to disk
    os.environ["CONN_MAX_AGE"] = "60"
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tandem.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)


# --- Measuring -------------------------------------------------------------


@dataclass
class Meter:
    """Wall-clock seconds and database queries of a block."""

    seconds: float = 0.0
    queries: int = 0


@contextmanager
def measured() -> Iterator[Meter]:
    from django.db import connection

    meter = Meter()

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        meter.queries += 1
        return execute(sql, params, many, context)

    started = time.perf_counter()
    with connection.execute_wrapper(count):
        yield meter
    meter.seconds = time.perf_counter() - started


@dataclass
class Tally:
    """Calls of one function while it is wrapped, and the time spent in them."""

    calls: int = 0
    seconds: float = 0.0

    def reset(self) -> None:
        self.calls, self.seconds = 0, 0.0


@dataclass
class Probes:
    """Where publishing spends its time: storing notifications, sending e-mails."""

    notify: Tally = field(default_factory=Tally)
    email: Tally = field(default_factory=Tally)

    def reset(self) -> None:
        self.notify.reset()
        self.email.reset()


def _timed(function: Callable[..., Any], tally: Tally) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            tally.calls += 1
            tally.seconds += time.perf_counter() - started

    return wrapper


def install_probes() -> Probes:
    """Wrap ``notify`` and ``notify_many`` as the events app calls them and the
    e-mail task's work; all are looked up at call time, so the wrappers see
    every call."""
    from tandem.events import notifications as event_notifications
    from tandem.notifications import emails

    probes = Probes()
    # The names the events app imported from the notifications app, replaced
    # in its namespace.
    names = vars(event_notifications)
    for name in ("notify", "notify_many"):
        names[name] = _timed(names[name], probes.notify)
    emails.send_notification_email = _timed(
        emails.send_notification_email, probes.email
    )
    return probes


def outbox_size() -> int:
    from django.core import mail

    return len(getattr(mail, "outbox", []))


def notification_count() -> int:
    from tandem.notifications.models import Notification

    return Notification.objects.count()


# --- Data ------------------------------------------------------------------


def _priority_and_mutual(weight: int, *, cross_city: bool) -> tuple[str, bool]:
    """Invert ``scheduler.request_weight``: like 5 / must 10, +3 both asked."""
    from tandem.events import scheduler

    base = weight - (scheduler.CROSS_CITY_BONUS if cross_city else 0)
    for priority, value in scheduler.PRIORITY_WEIGHT.items():
        for mutual in (False, True):
            if value + (scheduler.MUTUAL_BONUS if mutual else 0) == base:
                return priority, mutual
    raise ValueError(f"weight {weight} is no request_weight")


def existing_participants() -> int:
    from tandem.directory.models import Organisation

    return Organisation.objects.filter(slug__startswith=PREFIX).count()


def create_people(n: int) -> float:
    """Cities, partnership, coordinator, ``n`` organisations, users, memberships."""
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone

    from tandem.accounts.models import CoordinatorRole, Membership, User
    from tandem.demo.loader import _load_cities, _load_partnership
    from tandem.directory.models import Organisation, OrganisationKind
    from tandem.partnerships.models import Area

    started = time.perf_counter()
    rng = random.Random(SEED)
    now = timezone.now()
    with transaction.atomic():
        cities = _load_cities()
        _load_partnership(cities)
        coordinator = User(
            email=COORDINATOR_EMAIL,
            first_name="Clara",
            last_name="Koordinatorin",
            preferred_language="de",
            password=make_password(None),
        )
        coordinator.save()
        CoordinatorRole.objects.create(user=coordinator, city=cities["dortmund"])
        kinds = list(OrganisationKind.values)
        area_ids = list(Area.objects.values_list("pk", flat=True))
        organisations, users = [], []
        for i in range(n):
            city = ("dortmund", "cluj-napoca")[i % 2]  # as make_instance
            language = "de" if city == "dortmund" else "ro"
            first = rng.choice(FIRST_NAMES[city])
            last = rng.choice(LAST_NAMES[city])
            word = rng.choice(ORGANISATION_WORDS[city])
            organisations.append(
                Organisation(
                    name=f"{last} {word} {i:04d}",
                    slug=f"{PREFIX}{i:04d}",
                    external_id=f"{PREFIX}{i:04d}",
                    kind=rng.choice(kinds),
                    city=cities[city],
                    description=f"{word}: {last} {word} {i:04d}, {cities[city]}.",
                    language=language,
                    verification=Organisation.Verification.VERIFIED,
                    visibility=Organisation.Visibility.PUBLIC,
                    reviewed_by=coordinator,
                    reviewed_at=now,
                )
            )
            users.append(
                User(
                    email=f"{PREFIX}{i:04d}@example.org",
                    first_name=first,
                    last_name=f"{last} {i:04d}",
                    preferred_language=rng.choice([language, "en"]),
                    password=make_password(None),
                )
            )
        Organisation.objects.bulk_create(organisations, batch_size=BATCH)
        User.objects.bulk_create(users, batch_size=BATCH)
        through = Organisation.areas.through
        through.objects.bulk_create(
            [
                through(organisation_id=o.pk, area_id=area_id)
                for o in organisations
                for area_id in rng.sample(area_ids, rng.randint(1, 3))
            ],
            batch_size=5 * BATCH,
        )
        Membership.objects.bulk_create(
            [
                Membership(
                    user=u,
                    organisation=o,
                    role=Membership.Role.OWNER,
                    state=Membership.State.ACTIVE,
                )
                for u, o in zip(users, organisations, strict=True)
            ],
            batch_size=BATCH,
        )
    return time.perf_counter() - started


@dataclass(frozen=True)
class Setup:
    event: Event
    coordinator: User
    registrations: list[Registration]  # by instance participant index
    availability_rows: int
    requests: int


def create_event(n: int) -> Setup:
    """The event (through the services), its registrations, availability and
    accepted requests (in bulk); any earlier benchmark event is deleted first."""
    from django.db import transaction
    from django.utils import timezone

    from tandem.accounts.models import User
    from tandem.directory.models import Organisation
    from tandem.events import services
    from tandem.events.models import (
        Availability,
        Event,
        Meeting,
        MeetingRequest,
        Registration,
        Slot,
    )
    from tandem.notifications.models import Notification
    from tandem.partnerships.models import City, Partnership

    coordinator = User.objects.get(email=COORDINATOR_EMAIL)
    with transaction.atomic():
        old = Event.objects.filter(title=EVENT_TITLE)
        Meeting.objects.filter(event__in=old).delete()  # they protect their slots
        old.delete()
        Notification.objects.filter(user__email__startswith=PREFIX).delete()
        Notification.objects.filter(user=coordinator).delete()

    instance = make_instance(n)
    rng = random.Random(SEED + 1)
    now = timezone.now()
    day = (now + datetime.timedelta(days=60)).date()
    event = services.create_event(
        by=coordinator,
        partnership=Partnership.objects.get(slug="dortmund-cluj-napoca"),
        title=EVENT_TITLE,
        language="de",
        starts_on=day,
        ends_on=day,
        time_zone="Europe/Berlin",
        city=City.objects.get(slug="dortmund"),
        online=True,
        description="Matchmaking-Tag mit vom Scheduler geplanten Treffen.",
        booking_mode=Event.BookingMode.ORGANISER_SCHEDULED,
        max_meetings=instance.max_meetings,
        meeting_url_template="https://meet.example.org/tandem-{event}-{meeting}",
        registration_opens_at=now - datetime.timedelta(days=20),
        registration_closes_at=now + datetime.timedelta(days=50),
    )
    event = services.publish_event(event=event, by=coordinator)
    for title, start in (("Vormittag", (9, 0)), ("Nachmittag", (14, 30))):
        # The instance's slots: 30 min apart, the afternoon 90 min after the morning.
        services.add_session(
            event=event,
            by=coordinator,
            title=title,
            date=day,
            start_time=datetime.time(*start),
            slot_minutes=25,
            break_minutes=5,
            slot_count=SLOTS_PER_SESSION,
            tables=TABLES,
            online_rooms=40,
        )
    slots = list(Slot.objects.filter(session__event=event).order_by("starts_at"))
    slot_of = {
        plain.id: slot for plain, slot in zip(instance.slots, slots, strict=True)
    }
    all_slots = frozenset(slot_of)

    organisations = {
        o.slug: o
        for o in Organisation.objects.filter(slug__startswith=PREFIX).select_related(
            "city"
        )
    }
    users = {u.email: u for u in User.objects.filter(email__startswith=PREFIX)}
    with transaction.atomic():
        registrations = []
        for i in range(len(instance.participants)):
            organisation = organisations[f"{PREFIX}{i:04d}"]
            online = rng.random() < ONLINE_SHARE
            registrations.append(
                Registration(
                    event=event,
                    user=users[f"{PREFIX}{i:04d}@example.org"],
                    organisation=organisation,
                    offer=f"{organisation.name}: Partner für Pilotprojekte",
                    seek="Kontakte in der Partnerstadt",
                    languages=[organisation.language, "en"],
                    attendance=Registration.Attendance.ONLINE
                    if online
                    else Registration.Attendance.ON_SITE,
                    state=Registration.State.APPROVED,
                    created_at=now - datetime.timedelta(minutes=n - i),
                    decided_at=now,
                )
            )
        Registration.objects.bulk_create(registrations, batch_size=BATCH)
        by_id = {
            p.id: r for p, r in zip(instance.participants, registrations, strict=True)
        }

        availability: list[Availability] = []
        for pid, free in instance.availability.items():
            ticked = free - instance.blocked.get(pid, frozenset())
            if ticked == all_slots:
                continue  # no slot ticked: free all day
            availability.extend(
                Availability(registration=by_id[pid], slot=slot_of[sid])
                for sid in sorted(ticked)
            )
        Availability.objects.bulk_create(availability, batch_size=5 * BATCH)

        city = {p.id: p.city for p in instance.participants}
        requests = []
        for plain in instance.requests:
            priority, mutual = _priority_and_mutual(
                plain.weight, cross_city=city[plain.a] != city[plain.b]
            )
            requester, invitee = (
                (plain.a, plain.b) if rng.random() < 0.5 else (plain.b, plain.a)
            )
            requests.append(
                MeetingRequest(
                    event=event,
                    requester=by_id[requester],
                    invitee=by_id[invitee],
                    priority=priority,
                    mutual=mutual,
                    state=MeetingRequest.State.ACCEPTED,
                    message="",
                    created_at=now - datetime.timedelta(days=3),
                    answered_at=now - datetime.timedelta(days=2),
                )
            )
        MeetingRequest.objects.bulk_create(requests, batch_size=BATCH)
    return Setup(event, coordinator, registrations, len(availability), len(requests))


def scheduled_meetings_per_registration(event: Event) -> Counter[int]:
    """Registration id → its scheduled meetings (registrations with none left out)."""
    from tandem.events.models import Meeting

    counts: Counter[int] = Counter()
    for requester_id, invitee_id in Meeting.objects.filter(
        event=event, state=Meeting.State.SCHEDULED
    ).values_list("request__requester_id", "request__invitee_id"):
        counts[requester_id] += 1
        counts[invitee_id] += 1
    return counts


# --- Pages -----------------------------------------------------------------


@dataclass(frozen=True)
class PageTiming:
    label: str
    median_ms: float
    queries: int
    kilobytes: float


def time_page(client: Client, label: str, path: str, *, requests: int) -> PageTiming:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(path)  # warm-up
    if response.status_code != 200:
        sys.exit(f"GET {path}: {response.status_code}")
    samples = []
    for _ in range(requests):
        started = time.perf_counter()
        client.get(path)
        samples.append(time.perf_counter() - started)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return PageTiming(
        label,
        statistics.median(samples) * 1000,
        len(queries),
        len(response.content) / 1024,
    )


def print_page(timing: PageTiming) -> None:
    print(
        f"  {timing.label:<46} median {timing.median_ms:8.1f} ms  "
        f"{timing.queries:4d} queries  {timing.kilobytes:8.0f} KB"
    )


# --- Main ------------------------------------------------------------------


def _run_summary(label: str, meter: Meter, run: PlanRun) -> None:
    print(
        f"{label}: {meter.seconds:.1f} s, {meter.queries} queries; run "
        f"{run.state}, solver {run.solver_status} ({run.seconds:.1f} s in the "
        f"scheduler), {len(run.assignment):,} meetings"
    )
    print(
        f"  objective {run.objective:,}  bound {run.bound:,}  share "
        f"{run.share_of_bound:.2%}  greedy {run.greedy_share_of_bound:.2%}  "
        f"idle gaps {run.idle_gaps:,}  moved {run.moved}  "
        f"messages {[m['code'] for m in run.messages]}"
    )


def _solve(event: Event, by: User, time_limit: int) -> tuple[Meter, PlanRun]:
    from tandem.events import planning

    with measured() as meter:
        # The immediate task backend solves the run when start_run commits;
        # execute_run then finds it done (as the background task would).
        run = planning.start_run(event=event, by=by, time_limit_seconds=time_limit)
        run = planning.execute_run(run.pk)
    run.refresh_from_db()
    return meter, run


def _publish(run: PlanRun, by: User, probes: Probes, label: str) -> Published:
    from tandem.events import planning

    probes.reset()
    notifications, emails = notification_count(), outbox_size()
    with measured() as meter:
        published = planning.publish_run(run=run, by=by)
    print(
        f"{label}: {meter.seconds:.1f} s, {meter.queries:,} queries; "
        f"added {len(published.added):,}, moved {len(published.moved):,}, "
        f"cancelled {len(published.cancelled):,}, kept {published.kept:,}; "
        f"{notification_count() - notifications:,} notifications, "
        f"{outbox_size() - emails:,} e-mails"
    )
    print(
        f"  of which notify()/notify_many(): {probes.notify.seconds:.1f} s in "
        f"{probes.notify.calls:,} calls; e-mails after commit: "
        f"{probes.email.seconds:.1f} s for {probes.email.calls:,} tasks; the rest "
        f"(checks, meeting rows): "
        f"{meter.seconds - probes.notify.seconds - probes.email.seconds:.1f} s"
    )
    return published


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--fresh", action="store_true", help="drop and recreate it")
    parser.add_argument("--drop", action="store_true", help="drop it at the end")
    parser.add_argument("--data-dir", help="TANDEM_DATA_DIR (default: a temp dir)")
    parser.add_argument("--participants", type=int, default=1000)
    parser.add_argument("--time-limit", type=int, default=30, help="seconds per run")
    parser.add_argument("--requests", type=int, default=5, help="timed, per page")
    args = parser.parse_args()

    prepare_database(args.database_url, fresh=args.fresh)
    setup_django(args)

    from django.core import mail
    from django.db import connection
    from django.test import Client
    from django.urls import reverse
    from django.utils import translation

    from tandem.events import planning, services
    from tandem.events.models import Availability, Meeting, MeetingRequest
    from tandem.matching import services as matching

    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    mail.outbox = []
    n = args.participants

    started = time.perf_counter()
    have = existing_participants()
    if have == 0:
        print(f"people: created in {create_people(n):.1f} s")
    elif have != n:
        sys.exit(f"The database holds {have:,} benchmark participants: use --fresh.")
    else:
        print(f"people: reusing {have:,} organisations and users")
    setup = create_event(n)
    encoded = matching.encode_missing()  # lexical; for the participants page
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    event, coordinator = setup.event, setup.coordinator
    online = sum(r.attendance == "online" for r in setup.registrations)
    print(
        f"setup (not measured): {time.perf_counter() - started:.1f} s; event "
        f"{event.pk}, {len(setup.registrations):,} approved registrations "
        f"({online} online), {setup.availability_rows:,} availability rows, "
        f"{setup.requests:,} accepted requests, {encoded:,} profiles encoded"
    )
    priorities = Counter(
        MeetingRequest.objects.filter(event=event).values_list("priority", "mutual")
    )
    print(f"  requests by (priority, both asked): {dict(sorted(priorities.items()))}")
    probes = install_probes()

    # build_problem
    with measured() as meter:
        built = planning.build_problem(event)
    problem = built.problem
    print(
        f"\nbuild_problem: {meter.seconds:.2f} s, {meter.queries} queries; "
        f"{len(problem.participants):,} participants, {len(problem.requests):,} "
        f"requests, {len(problem.slots)} slots, "
        f"{sum(len(a) for a in problem.availability.values()):,} availability "
        f"entries for {len(problem.availability):,} participants, "
        f"{max(problem.tables_per_slot.values())} tables per slot, "
        f"{len(problem.previous)} previous placements"
    )
    weights = sorted(r.weight for r in problem.requests)
    plain = sorted(r.weight for r in make_instance(n).requests)
    print(f"  weights equal to make_instance({n})'s: {weights == plain}")

    # First run and publication
    meter, run = _solve(event, coordinator, args.time_limit)
    _run_summary("\nstart_run + execute_run", meter, run)
    _publish(run, coordinator, probes, "publish_run")
    first_run = run

    # 20 cancellations, re-run, publish again
    meetings_of = scheduled_meetings_per_registration(event)
    leaving_pks = random.Random(SEED + 2).sample(sorted(meetings_of), CANCELLED)
    leaving = list(
        event.registrations.filter(pk__in=leaving_pks)
        .select_related("user", "event")
        .order_by("pk")
    )
    before = sum(meetings_of.values()) // 2
    probes.reset()
    with measured() as meter:
        for registration in leaving:
            assert registration.user is not None  # every benchmark participant
            services.cancel_registration(
                registration=registration, by=registration.user
            )
    after = sum(scheduled_meetings_per_registration(event).values()) // 2
    print(
        f"\n{CANCELLED} cancel_registration (by the participants): "
        f"{meter.seconds:.1f} s, {meter.queries:,} queries; {before - after} "
        f"meetings cancelled, {probes.email.calls} e-mails"
    )
    meter, run = _solve(event, coordinator, args.time_limit)
    _run_summary("re-run", meter, run)
    _publish(run, coordinator, probes, "publish again")

    # Pages: an organiser's, and those of the busiest and quietest participant.
    meetings_of = scheduled_meetings_per_registration(event)
    ranked = sorted(meetings_of, key=lambda pk: (meetings_of[pk], pk))
    viewers = {
        r.pk: r
        for r in event.registrations.filter(
            pk__in=[ranked[-1], ranked[0]]
        ).select_related("user")
    }
    requests_of: Counter[int] = Counter()
    for requester_id, invitee_id in MeetingRequest.objects.filter(
        event=event
    ).values_list("requester_id", "invitee_id"):
        requests_of[requester_id] += 1
        requests_of[invitee_id] += 1
    print(
        f"\npages (django.test.Client in process; median of {args.requests} after "
        f"a warm-up; queries of one more request):"
    )
    with translation.override("en"):
        pages = [
            (
                coordinator,
                "plan detail, published re-run (organiser)",
                reverse("events:plan_detail", args=[event.pk, run.pk]),
            ),
            (
                coordinator,
                "plan detail, first run (organiser)",
                reverse("events:plan_detail", args=[event.pk, first_run.pk]),
            ),
            (coordinator, "plan (organiser)", reverse("events:plan", args=[event.pk])),
            (
                coordinator,
                "participants (organiser)",
                reverse("events:participants", args=[event.pk]),
            ),
            (
                coordinator,
                "print tables (organiser)",
                reverse("events:print_tables", args=[event.pk]),
            ),
            (
                coordinator,
                "print agendas (organiser)",
                reverse("events:print_agendas", args=[event.pk]),
            ),
        ]
        for pk in (ranked[-1], ranked[0]):
            registration, meetings = viewers[pk], meetings_of[pk]
            assert registration.user is not None  # every benchmark participant
            pages += [
                (
                    registration.user,
                    f"agenda ({meetings} meetings)",
                    reverse("events:agenda", args=[event.pk]),
                ),
                (
                    registration.user,
                    f"participants ({requests_of[pk]} own requests)",
                    reverse("events:participants", args=[event.pk]),
                ),
                (
                    registration.user,
                    f"participants p. 3 ({requests_of[pk]} own requests)",
                    reverse("events:participants", args=[event.pk]) + "?page=3",
                ),
            ]
    client = Client()
    for user, label, path in pages:
        client.force_login(user)
        print_page(time_page(client, label, path, requests=args.requests))

    availability = Availability.objects.filter(registration__event=event).count()
    print(
        f"\nrows at the end: {availability:,} availability, "
        f"{Meeting.objects.filter(event=event).count():,} meetings "
        f"({sum(meetings_of.values()) // 2:,} scheduled)"
    )
    if args.drop:
        drop_database(args.database_url)


if __name__ == "__main__":
    main()
