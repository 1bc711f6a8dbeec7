import datetime
import zoneinfo

import icalendar
import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from tandem.events import calendar, services
from tandem.events.models import Meeting, ProgrammeItem
from tandem.notifications.links import unsubscribe_token
from tests.events.conftest import TODAY, make_event, participant
from tests.helpers import assert_constant_queries

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
BUCHAREST = zoneinfo.ZoneInfo("Europe/Bucharest")


def _url(name, *args, language="en", **kwargs):
    with translation.override(language):
        return reverse(f"events:{name}", args=args, kwargs=kwargs)


def _parse(response):
    return icalendar.Calendar.from_ical(response.content)


def _summary(other_reg, language):
    with translation.override(language):
        return gettext("Meeting with %(person)s (%(organisation)s)") % {
            "person": other_reg.user.get_full_name(),
            "organisation": other_reg.organisation.name,
        }


@pytest.fixture
def meeting(accepted_request, available, slots, anna):
    return services.book_meeting(request=accepted_request, slot=slots[0], by=anna)


def _book(event, anna_reg, anna, cluj_org, slot):
    """Anna meets a new participant from Cluj in ``slot``."""
    other = participant(cluj_org)
    other_reg = services.register(event=event, by=other, organisation=cluj_org)
    request = services.request_meeting(requester=anna_reg, invitee=other_reg, by=anna)
    services.answer_meeting_request(request=request, accept=True, by=other)
    return services.book_meeting(request=request, slot=slot, by=anna)


# --- Building from plain data ----------------------------------------------------


def test_build_calendar_writes_times_in_the_items_zone_with_a_vtimezone():
    item = calendar.CalendarItem(
        uid="meeting-1@tandem",
        summary="Meeting with Ana Pop (Agro Cluj)",
        starts_at=datetime.datetime(2030, 5, 14, 8, 0, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2030, 5, 14, 8, 20, tzinfo=datetime.UTC),
        time_zone="Europe/Bucharest",
        location="Table 2, Cluj-Napoca",
    )

    parsed = icalendar.Calendar.from_ical(
        calendar.build_calendar([item], name="Agenda", uid="agenda-1@tandem")
    )

    [vevent] = parsed.events
    assert vevent["DTSTART"].params["TZID"] == "Europe/Bucharest"
    assert vevent.start == datetime.datetime(2030, 5, 14, 11, 0, tzinfo=BUCHAREST)
    assert vevent.end == datetime.datetime(2030, 5, 14, 11, 20, tzinfo=BUCHAREST)
    assert [tz.tz_name for tz in parsed.timezones] == ["Europe/Bucharest"]
    assert str(vevent["LOCATION"]) == "Table 2, Cluj-Napoca"


# --- A participant's agenda -----------------------------------------------------------


def test_agenda_ics_is_a_download_with_the_meeting_in_berlin_time(
    client, meeting, anna, bogdan_reg, event
):
    client.force_login(anna)

    response = client.get(_url("agenda_ics", event.pk))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="tandem-event-{event.pk}.ics"'
    )
    parsed = _parse(response)
    [vevent] = parsed.events
    assert vevent["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert vevent.start == datetime.datetime.combine(
        TODAY, datetime.time(10, 0), tzinfo=BERLIN
    )
    assert vevent.end == datetime.datetime.combine(
        TODAY, datetime.time(10, 20), tzinfo=BERLIN
    )
    assert [tz.tz_name for tz in parsed.timezones] == ["Europe/Berlin"]
    assert str(vevent["UID"]) == f"meeting-{meeting.pk}@tandem"
    assert str(vevent["SUMMARY"]) == _summary(bogdan_reg, "en")
    assert str(vevent["LOCATION"]) == "Table 1, Dortmund"
    assert str(vevent["STATUS"]) == "CONFIRMED"
    assert str(vevent["URL"]) == "http://testserver" + _url("agenda", event.pk)


def test_agenda_ics_texts_in_the_request_language(
    client, meeting, anna, bogdan_reg, event
):
    client.force_login(anna)

    response = client.get(_url("agenda_ics", event.pk, language="ro"))

    [vevent] = _parse(response).events
    assert str(vevent["SUMMARY"]) == _summary(bogdan_reg, "ro")
    assert str(vevent["URL"]).endswith(_url("agenda", event.pk, language="ro"))


def test_agenda_ics_is_the_same_on_every_download(client, meeting, anna, event):
    client.force_login(anna)

    first = client.get(_url("agenda_ics", event.pk)).content
    second = client.get(_url("agenda_ics", event.pk)).content

    assert first == second
    assert str(icalendar.Calendar.from_ical(first).events[0]["UID"]) == (
        f"meeting-{meeting.pk}@tandem"
    )


def test_agenda_ics_moved_meeting_has_a_higher_sequence(
    client, meeting, anna, event, slots
):
    client.force_login(anna)
    before = _parse(client.get(_url("agenda_ics", event.pk))).events[0]
    Meeting.objects.filter(pk=meeting.pk).update(
        slot=slots[2], updated_at=meeting.updated_at + datetime.timedelta(minutes=5)
    )

    after = _parse(client.get(_url("agenda_ics", event.pk))).events[0]

    assert after["UID"] == before["UID"]
    assert after.start == datetime.datetime.combine(
        TODAY, datetime.time(11, 0), tzinfo=BERLIN
    )
    assert after.sequence > before.sequence
    assert after["LAST-MODIFIED"].dt > before["LAST-MODIFIED"].dt


def test_agenda_ics_shows_a_cancelled_meeting_as_cancelled(
    client, meeting, anna, bogdan, bogdan_reg, event
):
    services.cancel_registration(registration=bogdan_reg, by=bogdan)
    client.force_login(anna)

    [vevent] = _parse(client.get(_url("agenda_ics", event.pk))).events

    assert str(vevent["UID"]) == f"meeting-{meeting.pk}@tandem"
    assert str(vevent["STATUS"]) == "CANCELLED"


def test_agenda_ics_online_meeting_has_its_link_as_location(
    client, accepted_request, available, slots, anna, bogdan_reg, event
):
    bogdan_reg.attendance = "online"
    bogdan_reg.save(update_fields=["attendance"])
    meeting = services.book_meeting(request=accepted_request, slot=slots[1], by=anna)
    client.force_login(anna)

    [vevent] = _parse(client.get(_url("agenda_ics", event.pk))).events

    link = f"https://meet.jit.si/tandem-{event.pk}-{meeting.pk}"
    assert str(vevent["LOCATION"]) == link
    assert link in str(vevent["DESCRIPTION"])


def test_agenda_ics_needs_login(client, meeting, event):
    response = client.get(_url("agenda_ics", event.pk))

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_agenda_ics_of_someone_not_registered_is_404(client, meeting, event, owner):
    client.force_login(owner)

    response = client.get(_url("agenda_ics", event.pk))

    assert response.status_code == 404


def test_agenda_ics_queries_do_not_grow(client, event, anna, anna_reg, cluj_org, slots):
    free = iter(slots)
    client.force_login(anna)
    url = _url("agenda_ics", event.pk)

    assert_constant_queries(
        lambda: _book(event, anna_reg, anna, cluj_org, next(free)),
        lambda: client.get(url),
    )
    assert len(_parse(client.get(url)).events) == 3


# --- The event's feed -------------------------------------------------------------


@pytest.fixture
def cluj_event(partnership, cluj_city, other_coordinator):
    event = make_event(
        by=other_coordinator,
        partnership=partnership,
        city=cluj_city,
        title="Matchmaking day Cluj-Napoca",
        time_zone="Europe/Bucharest",
    )
    return services.publish_event(event=event, by=other_coordinator)


def test_event_ics_has_sessions_and_programme_in_bucharest_time(
    client, cluj_event, other_coordinator
):
    session = services.add_session(
        event=cluj_event,
        by=other_coordinator,
        title="Morning",
        date=TODAY,
        start_time=datetime.time(11, 0),
        slot_minutes=20,
        break_minutes=10,
        slot_count=3,
        tables=2,
    )
    item = ProgrammeItem.objects.create(
        event=cluj_event,
        title="Welcome by the mayors",
        place="City Hall",
        starts_at=datetime.datetime.combine(TODAY, datetime.time(9), tzinfo=BUCHAREST),
        ends_at=datetime.datetime.combine(TODAY, datetime.time(10), tzinfo=BUCHAREST),
    )

    response = client.get(_url("event_ics", cluj_event.pk))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    parsed = _parse(response)
    assert [tz.tz_name for tz in parsed.timezones] == ["Europe/Bucharest"]
    assert parsed["REFRESH-INTERVAL"].dt == datetime.timedelta(hours=1)
    events = {str(e["UID"]): e for e in parsed.events}
    assert set(events) == {
        f"session-{session.pk}@tandem",
        f"programme-{item.pk}@tandem",
    }
    block = events[f"session-{session.pk}@tandem"]
    assert block["DTSTART"].params["TZID"] == "Europe/Bucharest"
    assert block.start == datetime.datetime.combine(
        TODAY, datetime.time(11, 0), tzinfo=BUCHAREST
    )
    # three slots of 20 minutes with two breaks of 10
    assert block.end == datetime.datetime.combine(
        TODAY, datetime.time(12, 20), tzinfo=BUCHAREST
    )
    talk = events[f"programme-{item.pk}@tandem"]
    assert talk.start == datetime.datetime.combine(
        TODAY, datetime.time(9), tzinfo=BUCHAREST
    )
    assert str(talk["LOCATION"]) == "City Hall"
    assert str(talk["SUMMARY"]) == "Welcome by the mayors"


def test_event_ics_without_sessions_is_one_all_day_item(client, cluj_event):
    [vevent] = _parse(client.get(_url("event_ics", cluj_event.pk))).events

    assert str(vevent["UID"]) == f"event-{cluj_event.pk}@tandem"
    assert vevent.start == TODAY
    assert vevent.end == TODAY + datetime.timedelta(days=1)


def test_event_ics_of_a_cancelled_event_marks_items_cancelled(
    client, session, event, coordinator
):
    before = _parse(client.get(_url("event_ics", event.pk))).events[0]
    services.cancel_event(event=event, by=coordinator)

    [after] = _parse(client.get(_url("event_ics", event.pk))).events

    assert str(after["STATUS"]) == "CANCELLED"
    assert after["UID"] == before["UID"]


def test_event_ics_of_a_draft_is_404(client, draft_event):
    response = client.get(_url("event_ics", draft_event.pk))

    assert response.status_code == 404


# --- The personal feed ------------------------------------------------------------


def test_personal_feed_without_login_in_the_participants_language(
    client, meeting, anna, anna_reg, bogdan_reg, event
):
    anna.preferred_language = "de"
    anna.save(update_fields=["preferred_language"])
    path = _url("personal_feed", token=calendar.personal_feed_token(anna_reg))

    response = client.get(path)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    [vevent] = _parse(response).events
    assert str(vevent["UID"]) == f"meeting-{meeting.pk}@tandem"
    assert str(vevent["SUMMARY"]) == _summary(bogdan_reg, "de")
    assert str(vevent["URL"]).endswith(_url("agenda", event.pk, language="de"))


def test_personal_feed_token_is_stable_and_its_path_shown(anna_reg):
    token = calendar.personal_feed_token(anna_reg)

    assert calendar.personal_feed_token(anna_reg) == token
    with translation.override("en"):
        assert calendar.personal_feed_path(anna_reg) == f"/en/events/feeds/{token}.ics"


def test_personal_feed_rejects_a_tampered_token(client, meeting, anna_reg, bogdan):
    token = calendar.personal_feed_token(anna_reg)
    payload, signature = token.split(":")
    # Bogdan's user id in Anna's token, with Anna's signature
    forged = calendar.signing.b64_encode(
        f'{{"u":{bogdan.pk},"e":{anna_reg.event_id}}}'.encode()
    ).decode()

    for bad in (
        f"{forged}:{signature}",
        f"{payload}:{signature[:-2]}xy",
        unsubscribe_token(user=anna_reg.user, kind="event_reminder"),
    ):
        response = client.get(_url("personal_feed", token=bad))
        assert response.status_code == 404, bad


def test_personal_feed_after_cancelling_lists_the_meeting_cancelled(
    client, meeting, anna, anna_reg
):
    services.cancel_registration(registration=anna_reg, by=anna)

    response = client.get(
        _url("personal_feed", token=calendar.personal_feed_token(anna_reg))
    )

    [vevent] = _parse(response).events
    assert str(vevent["STATUS"]) == "CANCELLED"


def test_personal_feed_of_an_inactive_user_is_404(client, meeting, anna, anna_reg):
    anna.is_active = False
    anna.save(update_fields=["is_active"])

    response = client.get(
        _url("personal_feed", token=calendar.personal_feed_token(anna_reg))
    )

    assert response.status_code == 404


def test_new_feed_addresses_stop_the_old_ones(client, meeting, anna, anna_reg, event):
    old = _url("personal_feed", token=calendar.personal_feed_token(anna_reg))
    client.force_login(anna)

    response = client.post(_url("feeds_renew", event.pk), follow=True)

    assert response.redirect_chain[-1][0] == _url("agenda", event.pk) + "#calendar"
    assert "Your calendar addresses are new." in response.content.decode()
    new = _url("personal_feed", token=calendar.personal_feed_token(anna_reg))
    assert new != old
    assert new in response.content.decode()
    client.logout()
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200
    # Renewing again stops the second address too.
    services.renew_calendar_feeds(by=anna)
    assert client.get(new).status_code == 404


def test_renewing_feed_addresses_needs_a_logged_in_post(client, anna, event):
    assert client.post(_url("feeds_renew", event.pk)).status_code == 302
    client.force_login(anna)
    assert client.get(_url("feeds_renew", event.pk)).status_code == 405
