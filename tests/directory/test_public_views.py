"""The public pages of the directory: lists, filters, htmx partials and detail pages."""

import re

import pytest
from django.utils import timezone

from tandem.directory.models import Opportunity, Organisation
from tandem.partnerships.models import Area
from tests.factories import (
    CoordinatorRoleFactory,
    MembershipFactory,
    OpportunityFactory,
    OrganisationFactory,
    UserFactory,
)
from tests.helpers import assert_constant_queries

pytestmark = pytest.mark.django_db

ORGANISATIONS = "/en/organisations/"
OPPORTUNITIES = "/en/opportunities/"
HTMX = {"HTTP_HX_REQUEST": "true"}
Verification = Organisation.Verification
Status = Opportunity.Status


def card_titles(response) -> list[str]:
    """The names on the cards of a list page, in order."""
    return re.findall(r'<h3[^>]*><a href="[^"]*">([^<]+)</a></h3>', response.text)


def detail(organisation: Organisation, language: str = "en") -> str:
    return f"/{language}/organisations/{organisation.slug}/"


def opportunity_url(opportunity: Opportunity) -> str:
    return f"/en/opportunities/{opportunity.pk}/"


# --- Directory -------------------------------------------------------------


def test_directory_lists_only_verified_public_organisations(client, dortmund_city):
    OrganisationFactory(name="Listed", city=dortmund_city)
    OrganisationFactory(
        name="Pending", city=dortmund_city, verification=Verification.PENDING
    )
    OrganisationFactory(
        name="Rejected", city=dortmund_city, verification=Verification.REJECTED
    )
    OrganisationFactory(
        name="Hidden",
        city=dortmund_city,
        visibility=Organisation.Visibility.HIDDEN,
    )

    response = client.get(ORGANISATIONS)

    assert response.status_code == 200
    assert card_titles(response) == ["Listed"]
    assert "1 organisation</h2>" in re.sub(r"\s+", " ", response.text).replace(
        " </h2>", "</h2>"
    )


def test_directory_shows_members_their_pending_organisation(client, dortmund_city):
    OrganisationFactory(name="Listed", city=dortmund_city)
    pending = OrganisationFactory(
        name="Own pending", city=dortmund_city, verification=Verification.PENDING
    )
    client.force_login(MembershipFactory(organisation=pending).user)

    response = client.get(ORGANISATIONS)

    assert card_titles(response) == ["Listed", "Own pending"]


def test_directory_verified_only_hides_members_pending_organisation(
    client, dortmund_city
):
    OrganisationFactory(name="Listed", city=dortmund_city)
    pending = OrganisationFactory(
        name="Own pending", city=dortmund_city, verification=Verification.PENDING
    )
    client.force_login(MembershipFactory(organisation=pending).user)

    response = client.get(ORGANISATIONS, {"verified": "on"})

    assert card_titles(response) == ["Listed"]


def test_directory_filters_by_city(client, dortmund_city, cluj_city):
    OrganisationFactory(name="Dortmund start-up", city=dortmund_city)
    OrganisationFactory(name="Cluj start-up", city=cluj_city, language="ro")

    response = client.get(ORGANISATIONS, {"city": "cluj-napoca"})

    assert card_titles(response) == ["Cluj start-up"]


def test_directory_filters_by_kind(client, dortmund_city):
    OrganisationFactory(name="A university", city=dortmund_city, kind="university")
    OrganisationFactory(name="A start-up", city=dortmund_city, kind="startup")

    response = client.get(ORGANISATIONS, {"kind": "university"})

    assert card_titles(response) == ["A university"]


def test_directory_filters_by_area_and_its_parent(client, dortmund_city):
    iot = OrganisationFactory(name="IoT firm", city=dortmund_city)
    iot.areas.add(Area.objects.get(slug="iot"))
    farm = OrganisationFactory(name="Farm", city=dortmund_city, kind="agricultural")
    farm.areas.add(Area.objects.get(slug="agriculture"))

    by_child = client.get(ORGANISATIONS, {"area": "iot"})
    by_parent = client.get(ORGANISATIONS, {"area": "new-technologies"})

    assert card_titles(by_child) == ["IoT firm"]
    assert card_titles(by_parent) == ["IoT firm"]


def test_directory_filters_by_language_spoken_or_written(
    client, dortmund_city, cluj_city
):
    OrganisationFactory(name="German only", city=dortmund_city, language="de")
    OrganisationFactory(
        name="Speaks Romanian",
        city=dortmund_city,
        language="de",
        languages_spoken=["de", "ro"],
    )
    OrganisationFactory(name="Writes Romanian", city=cluj_city, language="ro")

    response = client.get(ORGANISATIONS, {"language": "ro"})

    assert card_titles(response) == ["Speaks Romanian", "Writes Romanian"]


def test_directory_searches_name_and_description(client, dortmund_city):
    OrganisationFactory(name="Sensor GmbH", city=dortmund_city, description="Boden")
    OrganisationFactory(
        name="Farm", city=dortmund_city, description="Wir nutzen Sensoren."
    )
    OrganisationFactory(name="Bakery", city=dortmund_city, description="Brot")

    response = client.get(ORGANISATIONS, {"q": "sensor"})

    assert card_titles(response) == ["Farm", "Sensor GmbH"]


@pytest.mark.parametrize(
    "params",
    [
        {"city": "atlantis"},
        {"kind": "dragon"},
        {"area": "no-such-area"},
        {"language": "xx"},
        {"page": "abc"},
        {"page": "999"},
        {"page": "-1"},
        {"q": "x" * 500},
    ],
)
def test_directory_ignores_bad_filter_values(client, dortmund_city, params):
    OrganisationFactory(name="Listed", city=dortmund_city)

    response = client.get(ORGANISATIONS, params)

    assert response.status_code == 200
    assert card_titles(response) == ["Listed"]


def test_directory_htmx_request_gets_only_the_results(client, dortmund_city):
    OrganisationFactory(name="Listed", city=dortmund_city)

    response = client.get(ORGANISATIONS, {"q": "List"}, **HTMX)

    assert response.status_code == 200
    assert card_titles(response) == ["Listed"]
    assert response.text.lstrip().startswith('<h2 id="results-count">')
    assert "<html" not in response.text
    assert "<form" not in response.text


def test_directory_htmx_history_restore_gets_the_whole_page(client, dortmund_city):
    OrganisationFactory(name="Listed", city=dortmund_city)

    response = client.get(ORGANISATIONS, HTTP_HX_HISTORY_RESTORE_REQUEST="true", **HTMX)

    assert "<html" in response.text


def test_directory_paginates_and_keeps_filters(client, dortmund_city, settings):
    settings.TANDEM_PAGE_SIZE = 2
    for name in ["Alpha", "Beta", "Gamma"]:
        OrganisationFactory(name=name, city=dortmund_city)

    first = client.get(ORGANISATIONS, {"city": "dortmund"})
    second = client.get(ORGANISATIONS, {"city": "dortmund", "page": "2"})

    assert card_titles(first) == ["Alpha", "Beta"]
    assert 'href="?city=dortmund&amp;page=2"' in first.text
    assert card_titles(second) == ["Gamma"]
    assert 'href="?city=dortmund&amp;page=1"' in second.text


def test_directory_shows_an_empty_state(client, dortmund_city):
    response = client.get(ORGANISATIONS, {"q": "nothing-matches"})

    assert card_titles(response) == []
    assert 'class="empty"' in response.text


def test_directory_names_cities_in_the_readers_language(client, partnership, cluj_city):
    OrganisationFactory(name="Cluj firm", city=cluj_city, language="ro")

    romanian = client.get("/ro/organisations/")
    german = client.get("/de/organisations/")

    assert "Cluj-Napoca" in romanian.text
    assert "Klausenburg" not in romanian.text
    assert "Klausenburg" in german.text
    assert "Cluj-Napoca" not in german.text


def test_directory_card_marks_the_description_language(client, cluj_city):
    OrganisationFactory(
        name="Cluj firm", city=cluj_city, language="ro", description="Dezvoltăm."
    )

    response = client.get(ORGANISATIONS)

    assert '<p lang="ro">Dezvoltăm.</p>' in response.text


@pytest.mark.parametrize("as_member", [False, True])
def test_directory_queries_do_not_grow_with_rows(client, dortmund_city, as_member):
    def add_row() -> None:
        organisation = OrganisationFactory(city=dortmund_city)
        organisation.areas.add(*Area.objects.filter(slug__in=["iot", "ai-data"]))
        if as_member:
            MembershipFactory(organisation=organisation, user=user)

    user = UserFactory()
    if as_member:
        client.force_login(user)

    assert_constant_queries(add_row, lambda: client.get(ORGANISATIONS))

    assert len(card_titles(client.get(ORGANISATIONS))) == 3


# --- Organisation page -----------------------------------------------------


def test_organisation_page_shows_public_organisation(client, organisation):
    organisation.areas.add(Area.objects.get(slug="iot"))

    response = client.get(detail(organisation))

    assert response.status_code == 200
    assert f"<h1>{organisation.name}</h1>" in response.text
    assert '<li class="tag">Internet of Things</li>' in response.text
    assert '<div class="user-text" lang="de">' in response.text


def test_organisation_page_hides_pending_organisation_from_the_public(
    client, dortmund_city
):
    pending = OrganisationFactory(city=dortmund_city, verification=Verification.PENDING)

    response = client.get(detail(pending))

    assert response.status_code == 404


def test_organisation_page_shows_pending_organisation_to_member(client, dortmund_city):
    pending = OrganisationFactory(city=dortmund_city, verification=Verification.PENDING)
    client.force_login(MembershipFactory(organisation=pending, role="viewer").user)

    response = client.get(detail(pending))

    assert response.status_code == 200
    assert 'class="status status--pending">Waiting for verification<' in (response.text)


def test_organisation_page_hides_pending_organisation_from_other_city_coordinator(
    client, dortmund_city, other_coordinator
):
    pending = OrganisationFactory(city=dortmund_city, verification=Verification.PENDING)
    client.force_login(other_coordinator)

    response = client.get(detail(pending))

    assert response.status_code == 404


def test_organisation_page_offers_review_to_its_city_coordinator(
    client, dortmund_city, coordinator
):
    pending = OrganisationFactory(city=dortmund_city, verification=Verification.PENDING)
    client.force_login(coordinator)

    response = client.get(detail(pending))

    assert f'href="/en/review/organisations/{pending.slug}/"' in response.text
    assert "/edit/" not in response.text


def test_organisation_page_shows_no_actions_to_anonymous(client, organisation):
    response = client.get(detail(organisation))

    assert 'role="group" aria-label="Actions"' not in response.text
    assert "/join/" not in response.text


def test_organisation_page_offers_owner_edit_members_and_new_opportunity(
    client, organisation, owner
):
    client.force_login(owner)

    response = client.get(detail(organisation))

    slug = organisation.slug
    assert f'href="/en/organisations/{slug}/edit/"' in response.text
    assert f'href="/en/organisations/{slug}/members/"' in response.text
    assert f'href="/en/organisations/{slug}/opportunities/new/"' in response.text
    assert "/join/" not in response.text


def test_organisation_page_offers_viewer_no_edit(client, organisation):
    viewer = MembershipFactory(organisation=organisation, role="viewer").user
    client.force_login(viewer)

    response = client.get(detail(organisation))

    assert "/edit/" not in response.text
    assert "/members/" not in response.text
    assert "/join/" not in response.text


def test_organisation_page_offers_non_member_to_ask_to_join(client, organisation, user):
    client.force_login(user)

    response = client.get(detail(organisation))

    assert (
        f'<form method="post" action="/en/organisations/{organisation.slug}/join/">'
        in response.text
    )
    assert "/edit/" not in response.text


def test_organisation_page_tells_who_asked_that_the_request_waits(client, organisation):
    asked = MembershipFactory(organisation=organisation, state="pending").user
    client.force_login(asked)

    response = client.get(detail(organisation))

    assert "/join/" not in response.text
    assert "You asked to join" in response.text


def test_organisation_page_shows_member_the_reason_for_changes(client, dortmund_city):
    organisation = OrganisationFactory(
        city=dortmund_city,
        verification=Verification.CHANGES_REQUESTED,
        review_reason="Please describe your products.",
    )
    client.force_login(MembershipFactory(organisation=organisation).user)

    response = client.get(detail(organisation))

    assert "<p>Please describe your products.</p>" in response.text


def test_organisation_page_shows_translation_with_the_original(client, cluj_city):
    organisation = OrganisationFactory(
        city=cluj_city,
        language="ro",
        description="Dezvoltăm senzori.",
        description_translations={"de": "Wir entwickeln Sensoren."},
    )

    german = client.get(detail(organisation, "de"))
    romanian = client.get(detail(organisation, "ro"))

    assert '<div class="user-text" lang="de"><p>Wir entwickeln Sensoren.</p>' in (
        german.text
    )
    assert '<div class="user-text" lang="ro"><p>Dezvoltăm senzori.</p>' in german.text
    assert "<details>" in german.text
    assert "<details>" not in romanian.text
    assert "Wir entwickeln" not in romanian.text


def test_organisation_page_lists_only_public_opportunities_for_the_public(
    client, organisation
):
    OpportunityFactory(organisation=organisation, title="Published one")
    OpportunityFactory(organisation=organisation, title="Draft", status=Status.DRAFT)

    response = client.get(detail(organisation))

    assert card_titles(response) == ["Published one"]


def test_organisation_page_lists_all_opportunities_for_members(
    client, organisation, owner
):
    OpportunityFactory(organisation=organisation, title="Published one")
    OpportunityFactory(
        organisation=organisation,
        title="Draft",
        status=Status.DRAFT,
        published_at=None,
    )
    client.force_login(owner)

    response = client.get(detail(organisation))

    assert card_titles(response) == ["Published one", "Draft"]
    assert '<span class="status status--draft">Draft</span>' in response.text


# --- Opportunities -----------------------------------------------------------


def test_opportunity_list_shows_only_public_opportunities(client, dortmund_city):
    public = OrganisationFactory(city=dortmund_city)
    pending = OrganisationFactory(city=dortmund_city, verification=Verification.PENDING)
    OpportunityFactory(organisation=public, title="Published")
    OpportunityFactory(organisation=public, title="Draft", status=Status.DRAFT)
    OpportunityFactory(organisation=public, title="Closed", status=Status.CLOSED)
    OpportunityFactory(
        organisation=public,
        title="Past expiry",
        expires_at=timezone.now() - timezone.timedelta(days=1),
    )
    OpportunityFactory(organisation=pending, title="Of a pending organisation")

    response = client.get(OPPORTUNITIES)

    assert response.status_code == 200
    assert card_titles(response) == ["Published"]


def test_opportunity_list_is_newest_first(client, organisation):
    now = timezone.now()
    OpportunityFactory(
        organisation=organisation, title="Older", published_at=now.replace(year=2024)
    )
    OpportunityFactory(organisation=organisation, title="Newer", published_at=now)

    response = client.get(OPPORTUNITIES)

    assert card_titles(response) == ["Newer", "Older"]


def test_opportunity_list_filters_by_kind(client, organisation):
    OpportunityFactory(organisation=organisation, title="Offer")
    OpportunityFactory(
        organisation=organisation, title="Request", kind="research_request"
    )

    response = client.get(OPPORTUNITIES, {"kind": "research_request"})

    assert card_titles(response) == ["Request"]


def test_opportunity_list_filters_by_parent_area(client, organisation):
    tech = OpportunityFactory(organisation=organisation, title="Tech")
    tech.areas.add(Area.objects.get(slug="ai-data"))
    OpportunityFactory(organisation=organisation, title="No area")

    response = client.get(OPPORTUNITIES, {"area": "new-technologies"})

    assert card_titles(response) == ["Tech"]


def test_opportunity_list_filters_by_city(client, dortmund_city, cluj_city):
    OpportunityFactory(
        organisation=OrganisationFactory(city=dortmund_city), title="Dortmund"
    )
    OpportunityFactory(organisation=OrganisationFactory(city=cluj_city), title="Cluj")

    response = client.get(OPPORTUNITIES, {"city": "dortmund"})

    assert card_titles(response) == ["Dortmund"]


def test_opportunity_list_searches_text(client, organisation):
    OpportunityFactory(organisation=organisation, title="Drohnen", summary="Luft")
    OpportunityFactory(organisation=organisation, title="Sensoren", summary="Boden")

    response = client.get(OPPORTUNITIES, {"q": "drohne"})

    assert card_titles(response) == ["Drohnen"]


@pytest.mark.parametrize(
    "params",
    [{"city": "atlantis"}, {"kind": "x"}, {"area": "x"}, {"page": "zz"}],
)
def test_opportunity_list_ignores_bad_filter_values(client, organisation, params):
    OpportunityFactory(organisation=organisation, title="Published")

    response = client.get(OPPORTUNITIES, params)

    assert response.status_code == 200
    assert card_titles(response) == ["Published"]


def test_opportunity_list_htmx_request_gets_only_the_results(client, organisation):
    OpportunityFactory(organisation=organisation, title="Published")

    response = client.get(OPPORTUNITIES, {"kind": "technology_offer"}, **HTMX)

    assert card_titles(response) == ["Published"]
    assert response.text.lstrip().startswith('<h2 id="results-count">')
    assert "<html" not in response.text


def test_opportunity_list_paginates(client, organisation, settings):
    settings.TANDEM_PAGE_SIZE = 2
    now = timezone.now()
    for days, title in enumerate(["First", "Second", "Third"]):
        OpportunityFactory(
            organisation=organisation,
            title=title,
            published_at=now - timezone.timedelta(days=days),
        )

    second = client.get(OPPORTUNITIES, {"page": "2"})

    assert card_titles(second) == ["Third"]


def test_opportunity_list_queries_do_not_grow_with_rows(client, dortmund_city):
    def add_row() -> None:
        opportunity = OpportunityFactory(
            organisation=OrganisationFactory(city=dortmund_city)
        )
        opportunity.areas.add(Area.objects.get(slug="iot"))

    assert_constant_queries(add_row, lambda: client.get(OPPORTUNITIES))

    assert len(card_titles(client.get(OPPORTUNITIES))) == 3


def test_opportunity_page_shows_public_opportunity(client, organisation):
    opportunity = OpportunityFactory(
        organisation=organisation,
        title="Bodensensoren",
        partner_kinds=["agricultural", "university"],
        deadline=timezone.datetime(2030, 3, 1).date(),
    )

    response = client.get(opportunity_url(opportunity))

    assert response.status_code == 200
    assert '<h1 lang="de">Bodensensoren</h1>' in response.text
    assert "<li>Agricultural enterprise</li><li>University</li>" in response.text
    assert "March 1, 2030" in response.text
    assert 'class="status' not in response.text
    assert "/edit/" not in response.text


@pytest.mark.parametrize(
    "status", [Status.DRAFT, Status.SUBMITTED, Status.CLOSED, Status.REJECTED]
)
def test_opportunity_page_hides_unpublished_from_the_public(
    client, organisation, status
):
    opportunity = OpportunityFactory(organisation=organisation, status=status)

    response = client.get(opportunity_url(opportunity))

    assert response.status_code == 404


def test_opportunity_page_offers_submit_for_a_draft(client, organisation, owner):
    opportunity = OpportunityFactory(organisation=organisation, status=Status.DRAFT)
    client.force_login(owner)

    response = client.get(opportunity_url(opportunity))

    pk = opportunity.pk
    assert response.status_code == 200
    assert f'action="/en/opportunities/{pk}/submit/"' in response.text
    assert f'action="/en/opportunities/{pk}/close/"' in response.text
    assert f'href="/en/opportunities/{pk}/edit/"' in response.text
    assert f"/en/opportunities/{pk}/renew/" not in response.text
    assert '<span class="status status--draft">Draft</span>' in response.text


def test_opportunity_page_offers_renew_and_close_when_published(
    client, organisation, owner
):
    opportunity = OpportunityFactory(organisation=organisation)
    client.force_login(owner)

    response = client.get(opportunity_url(opportunity))

    pk = opportunity.pk
    assert f'action="/en/opportunities/{pk}/renew/"' in response.text
    assert f'action="/en/opportunities/{pk}/close/"' in response.text
    assert f"/en/opportunities/{pk}/submit/" not in response.text


def test_opportunity_page_offers_viewer_no_actions(client, organisation):
    opportunity = OpportunityFactory(organisation=organisation, status=Status.DRAFT)
    client.force_login(MembershipFactory(organisation=organisation, role="viewer").user)

    response = client.get(opportunity_url(opportunity))

    assert response.status_code == 200
    assert 'role="group" aria-label="Actions"' not in response.text


def test_opportunity_page_offers_review_to_city_coordinator_when_submitted(
    client, organisation, coordinator
):
    opportunity = OpportunityFactory(organisation=organisation, status=Status.SUBMITTED)
    client.force_login(coordinator)

    response = client.get(opportunity_url(opportunity))

    assert f'href="/en/review/opportunities/{opportunity.pk}/"' in response.text
    assert "/submit/" not in response.text


def test_opportunity_page_hides_submitted_from_other_city_coordinator(
    client, organisation, cluj_city
):
    opportunity = OpportunityFactory(organisation=organisation, status=Status.SUBMITTED)
    client.force_login(CoordinatorRoleFactory(city=cluj_city).user)

    response = client.get(opportunity_url(opportunity))

    assert response.status_code == 404


def test_organisation_page_offers_coordinator_no_join_on_pending_organisation(
    client, dortmund_city, coordinator
):
    pending = OrganisationFactory(city=dortmund_city, verification=Verification.PENDING)
    client.force_login(coordinator)

    response = client.get(detail(pending))

    assert "/join/" not in response.text
