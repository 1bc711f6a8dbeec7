import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from tandem.accounts.models import CoordinatorRole, Membership, User
from tandem.demo import data
from tandem.directory.models import Opportunity, OpportunityKind, Organisation
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
    assert City.objects.get(slug="cluj-napoca").name_de == "Klausenburg"


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
    texts: list[str] = [
        data.PARTNERSHIP[f"agreement_summary_{lang}"] for lang in ("de", "ro", "en")
    ]
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
    assert ContactRequest.objects.get().state == "accepted"
