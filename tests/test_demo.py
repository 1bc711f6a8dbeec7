import io
import re
import zoneinfo

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from tandem.accounts.models import CoordinatorRole, Membership, User
from tandem.demo import data
from tandem.directory.models import Opportunity, OpportunityKind, Organisation
from tandem.events.models import Event
from tandem.events.selectors import agenda
from tandem.partnerships.models import Area, City, Partnership

pytestmark = pytest.mark.django_db

TOP_LEVEL = {
    "new-technologies",
    "start-ups",
    "agriculture",
    "municipal-innovation",
    "knowledge-transfer",
}


def load() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {
        "cities": City.objects.count(),
        "partnerships": Partnership.objects.count(),
        "organisations": Organisation.objects.count(),
        "opportunities": Opportunity.objects.count(),
        "users": User.objects.count(),
        "memberships": Membership.objects.count(),
        "coordinators": CoordinatorRole.objects.count(),
    }


def test_load_demo_creates_the_partnership_and_both_cities():
    load()

    partnership = Partnership.objects.get(slug="dortmund-cluj-napoca")
    assert (partnership.city_a.slug, partnership.city_b.slug) == (
        "dortmund",
        "cluj-napoca",
    )
    assert partnership.signed_on.isoformat() == "2020-07-31"
    assert partnership.signing_method == Partnership.SigningMethod.VIDEO_CONFERENCE
    assert set(partnership.focus_areas.values_list("slug", flat=True)) == TOP_LEVEL
    assert City.objects.get(slug="cluj-napoca").name_translations["de"] == "Klausenburg"


def test_load_demo_creates_at_least_25_organisations_per_city():
    load()

    for slug in ("dortmund", "cluj-napoca"):
        organisations = Organisation.objects.filter(city__slug=slug)
        assert organisations.count() >= 25
        pending = organisations.filter(verification=Organisation.Verification.PENDING)
        assert 1 <= pending.count() <= 2


def test_load_demo_publishes_40_opportunities_of_every_kind_and_area():
    load()

    published = Opportunity.objects.filter(
        status=Opportunity.Status.PUBLISHED,
        organisation__verification=Organisation.Verification.VERIFIED,
    )
    assert published.count() >= 40
    assert set(published.values_list("kind", flat=True)) == set(OpportunityKind.values)
    areas = Area.objects.filter(opportunities__in=published).select_related("parent")
    assert {
        area.parent.slug if area.parent else area.slug for area in areas
    } == TOP_LEVEL
    assert all(opportunity.is_public for opportunity in published)
    waiting = Opportunity.objects.filter(status=Opportunity.Status.SUBMITTED)
    assert set(waiting.values_list("organisation__city__slug", flat=True)) == {
        "dortmund",
        "cluj-napoca",
    }


def test_opportunities_are_written_in_their_city_language_and_marked_as_examples():
    load()

    languages = {
        (o.organisation.city.slug, o.language)
        for o in Opportunity.objects.select_related("organisation__city")
    }
    assert languages == {
        ("dortmund", "de"),
        ("dortmund", "en"),
        ("cluj-napoca", "ro"),
        ("cluj-napoca", "en"),
    }
    for opportunity in Opportunity.objects.all():
        assert opportunity.description.endswith(data.EXAMPLE[opportunity.language])


def test_every_invented_organisation_is_marked_and_has_no_real_website():
    load()

    invented = [
        org
        for org in Organisation.objects.all()
        if org.description.endswith(data.EXAMPLE[org.language])
    ]
    assert len(invented) == 30
    for org in invented:
        assert org.website == "" or re.match(
            r"^https://[a-z0-9.-]+\.example\.(org|com)/", org.website
        )


def test_load_demo_twice_keeps_the_same_counts():
    load()
    first = counts()

    out = load()

    assert counts() == first
    assert "nothing to add" in out


def test_load_demo_prints_the_accounts():
    out = load()

    for account in data.ACCOUNTS:
        assert re.search(rf"{re.escape(account['email'])}\s+{data.PASSWORD}", out)


def test_demo_accounts_can_log_in(client):
    load()

    for account in data.ACCOUNTS:
        assert client.login(username=account["email"], password=data.PASSWORD)
        client.logout()
    user = User.objects.get(email="koordination@dortmund.example.org")
    assert user.emailaddress_set.get().verified
    assert user.preferred_language == "de"


def test_coordinator_logs_in_through_the_login_page(client):
    load()

    with translation.override("de"):
        url = reverse("account_login")
    response = client.post(
        url,
        {"login": "coordonare@cluj-napoca.example.org", "password": data.PASSWORD},
    )

    assert response.status_code == 302
    assert "confirm-email" not in response["Location"]
    assert (
        CoordinatorRole.objects.get(
            user__email="coordonare@cluj-napoca.example.org"
        ).city.slug
        == "cluj-napoca"
    )


def _texts() -> list[str]:
    texts: list[str] = list(data.PARTNERSHIP["agreement_summary_translations"].values())
    for row in [*data.ORGANISATIONS, *data.OPPORTUNITIES]:
        texts += [str(value) for value in row.values() if isinstance(value, str)]
    return texts


def test_romanian_text_uses_comma_below_not_cedilla():
    load()

    texts = _texts()
    texts += [o.description for o in Organisation.objects.all()]
    texts += [
        f"{o.title} {o.summary} {o.description}" for o in Opportunity.objects.all()
    ]
    assert [t for t in texts if re.search("[\u015e\u015f\u0162\u0163]", t)] == []
    assert any("ș" in t for t in texts) and any("ț" in t for t in texts)


def test_every_email_in_the_demo_is_on_an_example_domain():
    load()

    emails = set(User.objects.values_list("email", flat=True))
    for text in _texts():
        emails |= set(re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", text))
    assert emails
    for email in emails:
        domain = email.rsplit("@", 1)[1]
        assert re.fullmatch(r"(.+\.)?example\.(org|com)", domain), email


@pytest.mark.django_db
def test_demo_has_the_real_joint_project_and_an_example_from_a_contact():
    from tandem.collaboration.models import ContactRequest
    from tandem.demo.loader import load_demo
    from tandem.projects.models import Project

    load_demo()
    load_demo()

    projects = {p.title: p for p in Project.objects.all()}
    assert len(projects) == 2
    real = projects["iResilience goes Europe"]
    assert real.status == "completed"
    assert sorted(p.organisation.city.slug for p in real.partners.all()) == [
        "cluj-napoca",
        "dortmund",
    ]
    example = projects["Hackroboter für Gemüsebetriebe bei Cluj-Napoca (Beispiel)"]
    assert (example.status, example.milestones.count(), example.outcomes.count()) == (
        "running",
        2,
        1,
    )
    # The example project's contact; the online session's follow-up is another.
    contact = ContactRequest.objects.get(sender__external_id="demo-do-ackerwerk")
    assert contact.state == "accepted"


# --- Events


def _matchmaking_day() -> Event:
    return Event.objects.get(title=data.MATCHMAKING_DAY["event"]["title"])


def _online_session() -> Event:
    return Event.objects.get(title=data.ONLINE_SESSION["event"]["title"])


def _member_emails() -> list[str]:
    return [a["email"] for a in data.ACCOUNTS if a["role"] in {"owner", "editor"}]


def test_demo_has_an_upcoming_hybrid_matchmaking_day_in_dortmund():
    load()

    event = _matchmaking_day()
    berlin_today = timezone.localdate(timezone=zoneinfo.ZoneInfo("Europe/Berlin"))
    assert event.starts_on > berlin_today
    assert (
        event.status,
        event.kind,
        event.city.slug,
        event.online,
        event.time_zone,
        event.booking_mode,
        event.language,
    ) == (
        "published",
        "matchmaking_day",
        "dortmund",
        True,
        "Europe/Berlin",
        "organiser_scheduled",
        "de",
    )
    assert set(event.title_translations) == {"ro", "en"}
    assert set(event.description_translations) == {"ro", "en"}
    assert event.registration_is_open()
    assert event.meeting_url_template == "https://meet.jit.si/tandem-{event}-{meeting}"
    sessions = list(event.sessions.all())
    assert [(s.slot_minutes, s.break_minutes, s.tables) for s in sessions] == [
        (20, 5, 8),
        (20, 5, 8),
    ]
    assert [s.slots.count() for s in sessions] == [6, 6]
    assert event.programme.count() == 3
    registrations = event.registrations.select_related("user", "organisation__city")
    assert {r.user.email for r in registrations} == set(_member_emails())
    assert {r.organisation.city.slug for r in registrations} == {
        "dortmund",
        "cluj-napoca",
    }
    assert {r.attendance for r in registrations} == {"on_site", "online"}
    assert all(r.state == "approved" for r in registrations)
    assert 1 <= sum(r.availabilities.exists() for r in registrations) < 6


def test_matchmaking_day_requests_were_answered_and_some_set_by_the_organiser():
    load()

    requests = _matchmaking_day().meeting_requests.all()
    states = sorted(requests.values_list("state", flat=True))
    assert states == ["accepted"] * 7 + ["declined", "pending"]
    assert set(requests.values_list("priority", flat=True)) == {"must", "like"}
    by_organiser = requests.filter(set_by_organiser=True)
    assert by_organiser.count() == 2
    assert set(by_organiser.values_list("state", flat=True)) == {"accepted"}


def test_matchmaking_day_has_a_published_plan_that_keeps_every_rule():
    load()

    event = _matchmaking_day()
    assert event.plan_version == 1
    run = event.plan_runs.get()
    assert (run.state, run.objective) == ("published", run.bound)
    meetings = list(
        event.meetings.select_related(
            "slot__session", "request__requester", "request__invitee"
        )
    )
    accepted = event.meeting_requests.filter(state="accepted")
    assert sorted(m.request_id for m in meetings) == sorted(
        accepted.values_list("pk", flat=True)
    )
    busy: set[tuple[int, int]] = set()
    tables: set[tuple[int, int]] = set()
    for meeting in meetings:
        assert (meeting.state, meeting.plan_version) == ("scheduled", 1)
        people = [meeting.request.requester, meeting.request.invitee]
        if any(p.attendance == "online" for p in people):
            assert (meeting.online, meeting.table) == (True, None)
            assert meeting.meeting_url == (
                f"https://meet.jit.si/tandem-{event.pk}-{meeting.pk}"
            )
        else:
            assert not meeting.online
            assert 1 <= meeting.table <= meeting.slot.session.tables
            assert (meeting.slot_id, meeting.table) not in tables
            tables.add((meeting.slot_id, meeting.table))
        for person in people:
            ticked = set(person.availabilities.values_list("slot_id", flat=True))
            assert not ticked or meeting.slot_id in ticked
            assert (meeting.slot_id, person.pk) not in busy
            busy.add((meeting.slot_id, person.pk))
    assert any(m.online for m in meetings) and any(m.table for m in meetings)


def test_every_demo_member_finds_meetings_on_the_matchmaking_day_agenda(client):
    load()
    event = _matchmaking_day()

    for email in _member_emails():
        user = User.objects.get(email=email)
        meetings = list(agenda(viewer=user, event=event))
        assert meetings, email
        with translation.override(user.preferred_language):
            url = reverse("events:agenda", args=[event.pk])
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, email
        page = response.content.decode()
        for meeting in meetings:
            other = (
                meeting.request.invitee
                if meeting.request.requester.user_id == user.pk
                else meeting.request.requester
            )
            assert escape(other.organisation.name) in page, email
            if meeting.online:
                assert meeting.meeting_url in page, email
        client.logout()


def test_demo_has_a_past_online_session_with_held_rated_meetings():
    load()

    event = _online_session()
    bucharest_today = timezone.localdate(timezone=zoneinfo.ZoneInfo("Europe/Bucharest"))
    assert event.ends_on < bucharest_today
    assert (
        event.kind,
        event.city,
        event.online,
        event.time_zone,
        event.booking_mode,
        event.created_by.email,
    ) == (
        "online_session",
        None,
        True,
        "Europe/Bucharest",
        "self_booking",
        "coordonare@cluj-napoca.example.org",
    )
    assert not event.registration_is_open()
    meetings = list(event.meetings.select_related("slot"))
    assert len(meetings) == 3
    for meeting in meetings:
        assert (meeting.state, meeting.plan_version, meeting.online) == (
            "held",
            0,
            True,
        )
        assert meeting.slot.ends_at < timezone.now()
        assert meeting.requester_rating is not None
        assert meeting.meeting_url.startswith("https://meet.jit.si/tandem-")
    follow_ups = [m.follow_up for m in meetings if m.follow_up is not None]
    assert [(c.sender.external_id, c.recipient.external_id) for c in follow_ups] == [
        ("demo-do-emscher-data", "demo-cj-somes-analytics")
    ]


def test_event_texts_use_comma_below_and_are_marked_as_examples():
    load()

    for event in (_matchmaking_day(), _online_session()):
        texts = [
            event.title,
            event.description,
            *event.title_translations.values(),
            *event.description_translations.values(),
        ]
        assert [t for t in texts if re.search("[\u015e\u015f\u0162\u0163]", t)] == []
        descriptions = {
            event.language: event.description,
            **event.description_translations,
        }
        for language, description in descriptions.items():
            assert description.endswith(data.EXAMPLE[language])


def test_load_demo_twice_keeps_one_of_each_event():
    load()
    load()

    assert Event.objects.count() == 2
    assert _matchmaking_day().plan_runs.count() == 1
    assert _online_session().meetings.count() == 3


def test_demo_has_an_organisation_that_creates_events_of_its_own(client):
    load()
    load()

    owner = User.objects.get(email="team@emscher-data.example.com")
    client.force_login(owner)
    response = client.get(reverse("events:event_create"))
    assert response.status_code == 200
    assert [o.name for o in response.context["form"].fields["organiser"].queryset] == [
        "Emscher Data Labs GmbH"
    ]
