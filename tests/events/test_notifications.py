import datetime
import io
import zoneinfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext, pgettext

from tandem.events import notification_kinds as events_kinds
from tandem.events import notifications, services
from tandem.events.models import Meeting, Registration
from tandem.notifications.models import Notification
from tests.events.conftest import TODAY, make_event, participant
from tests.factories import MembershipFactory, OrganisationFactory

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
GERMAN_TITLE = "Matchmaking-Tag Dortmund"


@pytest.fixture
def event(draft_event, coordinator):
    """Published, with a German title for German readers."""
    services.update_event(
        event=draft_event, by=coordinator, title_translations={"de": GERMAN_TITLE}
    )
    return services.publish_event(event=draft_event, by=coordinator)


@pytest.fixture
def anna(dortmund_org):
    user = participant(dortmund_org)
    user.preferred_language = "de"
    user.save(update_fields=["preferred_language"])
    return user


@pytest.fixture
def bogdan(cluj_org):
    user = participant(cluj_org)
    user.preferred_language = "ro"
    user.save(update_fields=["preferred_language"])
    return user


@pytest.fixture
def meeting(accepted_request, available, slots, anna):
    return services.book_meeting(request=accepted_request, slot=slots[0], by=anna)


def _rows(kind):
    return list(Notification.objects.filter(kind=kind).order_by("pk"))


def _text(notification, language):
    with translation.override(language):
        return notification.text


def _expected(language, msgid, **values):
    with translation.override(language):
        return gettext(msgid) % values


def _who(registration, language):
    with translation.override(language):
        return pgettext("participant", "%(person)s (%(organisation)s)") % {
            "person": registration.user.get_full_name(),
            "organisation": registration.organisation.name,
        }


def _time(moment, language, zone=BERLIN):
    with translation.override(language):
        return pgettext("time in a zone", "%(time)s (%(zone)s)") % {
            "time": date_format(moment.astimezone(zone), "DATETIME_FORMAT"),
            "zone": zone.key,
        }


def _title(language):
    return GERMAN_TITLE if language == "de" else "Matchmaking day Dortmund"


# --- Registrations -------------------------------------------------------------------


def test_approving_a_registration_tells_the_participant(
    event, coordinator, anna, dortmund_org
):
    event.approve_automatically = False
    event.save(update_fields=["approve_automatically"])
    registration = services.register(event=event, by=anna, organisation=dortmund_org)

    services.approve_registration(registration=registration, by=coordinator)

    [row] = _rows(events_kinds.EVENT_REGISTRATION_DECIDED)
    assert row.user == anna
    assert row.url == reverse("events:agenda", args=[event.pk])
    assert _text(row, "de") == _expected(
        "de", "Your registration for “%(event)s” is approved.", event=GERMAN_TITLE
    )


def test_a_freed_place_approves_the_first_waitlisted_and_tells_them(
    event, anna, bogdan, dortmund_org, cluj_org
):
    event.capacity = 1
    event.save(update_fields=["capacity"])
    first = services.register(event=event, by=anna, organisation=dortmund_org)
    waiting = services.register(event=event, by=bogdan, organisation=cluj_org)
    assert waiting.state == Registration.State.WAITLISTED

    services.cancel_registration(registration=first, by=anna)

    [row] = _rows(events_kinds.EVENT_REGISTRATION_DECIDED)
    assert row.user == bogdan
    assert _text(row, "ro") == _expected(
        "ro",
        "A place became free: your registration for “%(event)s” is approved.",
        event=_title("ro"),
    )


def test_organiser_cancelling_tells_the_participant_and_their_partners(
    meeting, coordinator, anna, anna_reg, bogdan, bogdan_reg, slots
):
    services.cancel_registration(registration=bogdan_reg, by=coordinator)

    [decided] = _rows(events_kinds.EVENT_REGISTRATION_DECIDED)
    assert decided.user == bogdan
    assert _text(decided, "ro") == _expected(
        "ro",
        "The organisers cancelled your registration for “%(event)s”.",
        event=_title("ro"),
    )
    [cancelled] = _rows(events_kinds.MEETING_CANCELLED)
    assert cancelled.user == anna
    assert _text(cancelled, "de") == _expected(
        "de",
        "Your meeting with %(who)s at “%(event)s” on %(time)s is cancelled.",
        who=_who(bogdan_reg, "de"),
        event=GERMAN_TITLE,
        time=_time(slots[0].starts_at, "de"),
    )


def test_participant_cancelling_tells_only_the_other_side(
    meeting, anna, bogdan, bogdan_reg
):
    Notification.objects.all().delete()

    services.cancel_registration(registration=bogdan_reg, by=bogdan)

    assert [(n.user, n.kind) for n in Notification.objects.all()] == [
        (anna, events_kinds.MEETING_CANCELLED)
    ]


def _partners_meeting(bogdan, bogdan_reg, event, slots, count):
    """``count`` Dortmund participants, each booked with Bogdan in a slot."""
    partners = []
    for slot in slots[:count]:
        user = participant(OrganisationFactory(city=event.city))
        registration = services.register(
            event=event, by=user, organisation=user.memberships.get().organisation
        )
        request = services.request_meeting(
            requester=registration, invitee=bogdan_reg, by=user
        )
        services.answer_meeting_request(request=request, accept=True, by=bogdan)
        services.book_meeting(request=request, slot=slot, by=user)
        partners.append(user)
    return partners


@pytest.mark.parametrize("count", [1, 3])
def test_cancelling_a_busy_registration_tells_every_partner_at_once(
    event, session, slots, bogdan, bogdan_reg, count, django_assert_max_num_queries
):
    partners = _partners_meeting(bogdan, bogdan_reg, event, slots, count)
    Notification.objects.all().delete()

    with django_assert_max_num_queries(13):
        services.cancel_registration(registration=bogdan_reg, by=bogdan)

    rows = _rows(events_kinds.MEETING_CANCELLED)
    assert sorted(n.user.pk for n in rows) == sorted(u.pk for u in partners)
    assert {n.params["starts_at"] for n in rows} == {
        slot.starts_at.isoformat() for slot in slots[:count]
    }


# --- Meeting requests and bookings ---------------------------------------------------


def test_meeting_request_tells_the_invitee_in_their_language(
    anna, anna_reg, bogdan, bogdan_reg, event
):
    services.request_meeting(requester=anna_reg, invitee=bogdan_reg, by=anna)

    [row] = _rows(events_kinds.MEETING_REQUESTED)
    assert row.user == bogdan
    assert row.url == reverse("events:requests", args=[event.pk])
    assert _text(row, "ro") == _expected(
        "ro",
        "%(who)s asks to meet you at “%(event)s”.",
        who=_who(anna_reg, "ro"),
        event=_title("ro"),
    )


def test_meeting_set_by_the_organiser_tells_both(
    coordinator, anna, anna_reg, bogdan, bogdan_reg
):
    services.request_meeting(requester=anna_reg, invitee=bogdan_reg, by=coordinator)

    rows = {n.user: n for n in _rows(events_kinds.MEETING_REQUESTED)}
    assert set(rows) == {anna, bogdan}
    msgid = "The organisers of “%(event)s” arranged a meeting between you and %(who)s."
    assert _text(rows[anna], "de") == _expected(
        "de", msgid, event=GERMAN_TITLE, who=_who(bogdan_reg, "de")
    )
    assert _text(rows[bogdan], "ro") == _expected(
        "ro", msgid, event=_title("ro"), who=_who(anna_reg, "ro")
    )


@pytest.mark.parametrize(
    ("accept", "msgid"),
    [
        (True, "%(who)s accepted your meeting request for “%(event)s”."),
        (False, "%(who)s declined your meeting request for “%(event)s”."),
    ],
)
def test_answering_tells_the_requester(
    accept, msgid, anna, anna_reg, bogdan, bogdan_reg
):
    request = services.request_meeting(requester=anna_reg, invitee=bogdan_reg, by=anna)

    services.answer_meeting_request(request=request, accept=accept, by=bogdan)

    [row] = _rows(events_kinds.MEETING_REQUEST_ANSWERED)
    assert row.user == anna
    assert _text(row, "de") == _expected(
        "de", msgid, who=_who(bogdan_reg, "de"), event=GERMAN_TITLE
    )


def test_booking_tells_the_other_side_the_time_in_the_event_zone(
    meeting, anna, bogdan, anna_reg, slots
):
    [row] = _rows(events_kinds.MEETING_SCHEDULED)

    assert row.user == bogdan
    assert row.params["time_zone"] == "Europe/Berlin"
    assert row.params["starts_at"] == slots[0].starts_at.isoformat()
    assert _text(row, "ro") == _expected(
        "ro",
        "Your meeting with %(who)s at “%(event)s” is on %(time)s at table %(table)s.",
        who=_who(anna_reg, "ro"),
        event=_title("ro"),
        time=_time(slots[0].starts_at, "ro"),
        table=1,
    )


def test_booking_by_the_organiser_tells_both(
    accepted_request, available, slots, coordinator, anna, bogdan
):
    services.book_meeting(request=accepted_request, slot=slots[1], by=coordinator)

    assert {n.user for n in _rows(events_kinds.MEETING_SCHEDULED)} == {anna, bogdan}


def test_cancelling_the_event_tells_everybody_registered(
    event,
    coordinator,
    anna,
    anna_reg,
    bogdan,
    bogdan_reg,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_event(event=event, by=coordinator)

    rows = _rows(events_kinds.EVENT_CANCELLED)
    assert {n.user for n in rows} == {anna, bogdan}
    german = next(n for n in rows if n.user == anna)
    with translation.override("de"):
        day = date_format(TODAY, "DATE_FORMAT")
    assert _text(german, "de") == _expected(
        "de", "“%(event)s” on %(date)s is cancelled.", event=GERMAN_TITLE, date=day
    )
    # Sent at once, each in the reader's language.
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    with translation.override("de"):
        assert subjects[anna.email] == "[Tandem] " + gettext("An event was cancelled")


# --- A published plan ---------------------------------------------------------------


def test_plan_published_tells_both_sides_of_each_change(
    event, meeting, coordinator, anna, anna_reg, bogdan, bogdan_reg, slots, cluj_org
):
    Notification.objects.all().delete()
    other = participant(cluj_org)
    other_reg = services.register(event=event, by=other, organisation=cluj_org)
    new = Meeting.objects.create(
        event=event,
        request=services.request_meeting(
            requester=anna_reg, invitee=other_reg, by=coordinator
        ),
        slot=slots[1],
        table=2,
        plan_version=1,
    )
    old_slot = meeting.slot
    meeting.slot = slots[2]
    meeting.save()
    Notification.objects.all().delete()

    notifications.plan_published(
        event=event,
        added=[new],
        moved=[(meeting, old_slot)],
        cancelled=[],
        actor=coordinator,
    )

    assert {n.user for n in _rows(events_kinds.MEETING_SCHEDULED)} == {anna, other}
    moved = {n.user: n for n in _rows(events_kinds.MEETING_MOVED)}
    assert set(moved) == {anna, bogdan}
    assert _text(moved[anna], "de") == _expected(
        "de",
        "Your meeting with %(who)s at “%(event)s” moved from %(old_time)s to "
        "%(time)s at table %(table)s.",
        who=_who(bogdan_reg, "de"),
        event=GERMAN_TITLE,
        old_time=_time(slots[0].starts_at, "de"),
        time=_time(slots[2].starts_at, "de"),
        table=1,
    )


def test_plan_published_groups_a_participants_new_meetings(
    event, coordinator, anna, anna_reg, cluj_org, slots
):
    added = []
    for slot in slots[:2]:
        other = participant(cluj_org)
        other_reg = services.register(event=event, by=other, organisation=cluj_org)
        request = services.request_meeting(
            requester=anna_reg, invitee=other_reg, by=coordinator
        )
        added.append(
            Meeting.objects.create(
                event=event, request=request, slot=slot, table=1, plan_version=1
            )
        )
    Notification.objects.all().delete()

    notifications.plan_published(
        event=event, added=added, moved=[], cancelled=[added[1]], actor=coordinator
    )

    [mine] = [n for n in _rows(events_kinds.MEETING_SCHEDULED) if n.user == anna]
    with translation.override("de"):
        expected = ngettext(
            "%(count)s meeting at “%(event)s” was scheduled for you, on %(time)s.",
            "%(count)s meetings at “%(event)s” were scheduled for you, the first "
            "on %(time)s.",
            2,
        ) % {"count": 2, "event": GERMAN_TITLE, "time": _time(slots[0].starts_at, "de")}
    assert _text(mine, "de") == expected
    assert len(_rows(events_kinds.MEETING_CANCELLED)) == 2


# --- Reminders -------------------------------------------------------------------


def _reminder_text(row, language, *, start, count, first):
    with translation.override(language):
        return ngettext(
            "Reminder: “%(event)s” is coming up. You have %(count)s meeting, on "
            "%(first)s.",
            "Reminder: “%(event)s” is coming up. You have %(count)s meetings, the "
            "first on %(first)s.",
            count,
        ) % {
            "event": _title(language),
            "count": count,
            "first": _time(first, language),
            "start": _time(start, language),
        }


def test_reminders_are_sent_once(meeting, anna, bogdan, slots):
    now = slots[0].starts_at - datetime.timedelta(hours=2)

    assert notifications.send_event_reminders(now=now) == 2
    assert notifications.send_event_reminders(now=now) == 0

    rows = {n.user: n for n in _rows(events_kinds.EVENT_REMINDER)}
    assert set(rows) == {anna, bogdan}
    assert _text(rows[anna], "de") == _reminder_text(
        rows[anna], "de", start=slots[0].starts_at, count=1, first=slots[0].starts_at
    )
    assert Registration.objects.filter(reminded_at=now).count() == 2


def test_reminders_wait_until_the_hours_before(meeting, slots, settings):
    settings.TANDEM_EVENT_REMINDER_HOURS = 3

    assert (
        notifications.send_event_reminders(
            now=slots[0].starts_at - datetime.timedelta(hours=4)
        )
        == 0
    )
    assert (
        notifications.send_event_reminders(
            now=slots[0].starts_at - datetime.timedelta(hours=2)
        )
        == 2
    )


def test_reminder_without_meetings_gives_the_event_start(
    event, anna, anna_reg, session, slots
):
    notifications.send_event_reminders(
        now=slots[0].starts_at - datetime.timedelta(hours=1)
    )

    [row] = _rows(events_kinds.EVENT_REMINDER)
    assert _text(row, "de") == _expected(
        "de",
        "Reminder: “%(event)s” begins on %(start)s.",
        event=GERMAN_TITLE,
        start=_time(slots[0].starts_at, "de"),
    )


def test_no_reminders_for_a_cancelled_event(event, coordinator, anna, anna_reg, slots):
    services.cancel_event(event=event, by=coordinator)

    sent = notifications.send_event_reminders(
        now=slots[0].starts_at - datetime.timedelta(hours=1)
    )

    assert sent == 0


def test_event_reminders_command_emails_once(
    partnership,
    dortmund_city,
    coordinator,
    anna,
    dortmund_org,
    django_capture_on_commit_callbacks,
):
    soon = (timezone.now() + datetime.timedelta(hours=3)).astimezone(BERLIN)
    event = make_event(
        by=coordinator,
        partnership=partnership,
        city=dortmund_city,
        starts_on=soon.date(),
        ends_on=soon.date(),
    )
    services.publish_event(event=event, by=coordinator)
    services.add_session(
        event=event,
        by=coordinator,
        title="Soon",
        date=soon.date(),
        start_time=soon.time().replace(second=0, microsecond=0),
        slot_minutes=20,
        break_minutes=0,
        slot_count=1,
        tables=1,
    )
    services.register(event=event, by=anna, organisation=dortmund_org)
    out = io.StringIO()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("event_reminders", stdout=out)
        call_command("event_reminders", stdout=io.StringIO())

    assert out.getvalue().startswith("1 reminders sent")
    [message] = mail.outbox
    assert message.to == [anna.email]
    with translation.override("de"):
        assert message.subject == "[Tandem] " + gettext("Your event is coming up")


@pytest.mark.parametrize(
    ("kind", "url_name"),
    [
        (events_kinds.EVENT_REGISTRATION_DECIDED, "events:agenda"),
        (events_kinds.MEETING_REQUESTED, "events:requests"),
        (events_kinds.MEETING_REQUEST_ANSWERED, "events:requests"),
        (events_kinds.MEETING_SCHEDULED, "events:agenda"),
        (events_kinds.MEETING_MOVED, "events:agenda"),
        (events_kinds.MEETING_CANCELLED, "events:agenda"),
        (events_kinds.EVENT_CANCELLED, "events:agenda"),
        (events_kinds.EVENT_REMINDER, "events:agenda"),
    ],
)
def test_each_kind_links_the_events_page_from_its_params(kind, url_name):
    link = next(k.link for k in events_kinds.KINDS if k.key == kind)

    assert (link({"event_id": 7}), link({})) == (reverse(url_name, args=[7]), "")


def test_the_organiser_permission_links_the_events(dortmund_org, coordinator):
    MembershipFactory(organisation=dortmund_org, role="owner")
    services.allow_organiser(organisation=dortmund_org, by=coordinator)

    notification = Notification.objects.get(kind="event_organiser_permission")

    assert notification.url == reverse("events:event_list")


def test_a_cancelled_meetings_notification_links_the_agenda(meeting, anna, bogdan):
    services.cancel_registration(registration=meeting.request.invitee, by=bogdan)

    row = Notification.objects.get(user=anna, kind="meeting_cancelled")
    assert (row.url, row.params["event_id"]) == (
        reverse("events:agenda", args=[meeting.event_id]),
        meeting.event_id,
    )
