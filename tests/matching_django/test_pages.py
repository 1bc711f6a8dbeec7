import csv
import json
from io import StringIO

import pytest
from django.core.management import call_command

from tandem.matching import services
from tandem.matching.models import SuggestionFeedback
from tests.factories import MembershipFactory
from tests.helpers import assert_constant_queries

from .conftest import encode_all, make_cluj

pytestmark = pytest.mark.django_db

PAGE = "/en/organisations/feldsensor/"
SUGGESTIONS = "/en/organisations/feldsensor/suggestions/"
FEEDBACK = "/en/organisations/feldsensor/suggestions/feedback/"


def cluj_farms(city, areas, n):
    return [
        make_cluj(
            f"ferma-{i}",
            "Suntem o fermă de legume din Cluj. Căutăm senzori pentru sol.",
            city=city,
            areas=[areas["agritech"]],
        )
        for i in range(n)
    ]


def test_page_shows_suggestions_with_band_and_reasons(
    client, farm_sensors, cluj_city, areas
):
    cluj_farms(cluj_city, areas, 1)
    encode_all()

    response = client.get(SUGGESTIONS)

    assert response.status_code == 200
    assert "Suggested partners in Cluj-Napoca" in response.text
    assert 'href="/en/organisations/ferma-0/"' in response.text
    assert 'class="band band--' in response.text
    assert "Works in the same areas: “Agriculture” and “Agritech”." in response.text
    # Anonymous readers get no feedback buttons.
    assert FEEDBACK not in response.text


def test_page_says_suggestions_are_being_prepared(
    client, farm_sensors, cluj_city, areas, settings
):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    }
    cluj_farms(cluj_city, areas, 1)

    response = client.get(SUGGESTIONS)

    assert "Suggestions are being prepared." in response.text
    assert 'href="/en/organisations/ferma-0/"' not in response.text


def test_page_queues_the_encoding_and_shows_suggestions_once_it_ran(
    client, farm_sensors, cluj_city, areas, django_capture_on_commit_callbacks
):
    [farm] = cluj_farms(cluj_city, areas, 1)
    services.encode_organisation(organisation_id=farm.pk)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        first = client.get(SUGGESTIONS)
    # The task ran (inline here, in the worker in production): reload.
    second = client.get(SUGGESTIONS)

    assert len(callbacks) == 1
    assert "Suggestions are being prepared." in first.text
    assert 'href="/en/organisations/ferma-0/"' in second.text


def test_member_sees_feedback_buttons_and_feedback_is_saved(
    client, farm_sensors, cluj_city, areas
):
    [farm] = cluj_farms(cluj_city, areas, 1)
    encode_all()
    member = MembershipFactory(organisation=farm_sensors, role="viewer").user
    client.force_login(member)

    page = client.get(SUGGESTIONS)
    response = client.post(
        FEEDBACK, {"target": f"org:{farm.pk}", "value": "interested", "next": PAGE}
    )

    assert 'value="interested"' in page.text
    assert response.status_code == 302
    assert response["Location"] == f"{PAGE}#suggestions"
    feedback = SuggestionFeedback.objects.get()
    assert (feedback.organisation, feedback.target_organisation, feedback.value) == (
        farm_sensors,
        farm,
        "interested",
    )
    assert "You marked it as interesting." in client.get(SUGGESTIONS).text


def test_non_member_feedback_is_forbidden(client, farm_sensors, cluj_city, areas, user):
    [farm] = cluj_farms(cluj_city, areas, 1)
    client.force_login(user)

    response = client.post(
        FEEDBACK, {"target": f"org:{farm.pk}", "value": "interested"}
    )

    assert response.status_code == 403
    assert SuggestionFeedback.objects.count() == 0


def test_feedback_with_bad_input_is_400(client, farm_sensors, owner_of_farm):
    client.force_login(owner_of_farm)

    response = client.post(FEEDBACK, {"target": "org:abc", "value": "interested"})

    assert response.status_code == 400


def test_feedback_can_be_undone(client, farm_sensors, cluj_city, areas, owner_of_farm):
    [farm] = cluj_farms(cluj_city, areas, 1)
    client.force_login(owner_of_farm)
    target = f"org:{farm.pk}"
    client.post(FEEDBACK, {"target": target, "value": "not_relevant"})

    response = client.post(FEEDBACK, {"target": target, "value": "clear"})

    assert response.status_code == 302
    assert response["Location"] == f"{PAGE}#suggestions"
    assert SuggestionFeedback.objects.count() == 0


def test_feedback_on_the_own_city_is_400_and_unknown_target_404(
    client, farm_sensors, owner_of_farm, dortmund_city
):
    from tests.factories import OrganisationFactory

    neighbour = OrganisationFactory(city=dortmund_city)
    client.force_login(owner_of_farm)

    own_city = client.post(
        FEEDBACK, {"target": f"org:{neighbour.pk}", "value": "interested"}
    )
    unknown = client.post(FEEDBACK, {"target": "opp:999999", "value": "interested"})

    assert (own_city.status_code, unknown.status_code) == (400, 404)
    assert SuggestionFeedback.objects.count() == 0


def test_feedback_needs_csrf(farm_sensors, cluj_city, areas, owner_of_farm):
    from django.test import Client

    [farm] = cluj_farms(cluj_city, areas, 1)
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner_of_farm)

    response = client.post(
        FEEDBACK, {"target": f"org:{farm.pk}", "value": "interested"}
    )

    assert response.status_code == 403


@pytest.fixture
def owner_of_farm(farm_sensors):
    return MembershipFactory(organisation=farm_sensors, role="owner").user


def test_suggestions_panel_makes_constant_queries(
    client, farm_sensors, cluj_city, areas, owner_of_farm
):
    farms = []

    def add_farm():
        farms.append(
            make_cluj(
                f"ferma-{len(farms)}",
                "Suntem o fermă de legume din Cluj. Căutăm senzori pentru sol.",
                city=cluj_city,
                areas=[areas["agritech"]],
            )
        )
        encode_all()

    def fetch():
        response = client.get(SUGGESTIONS, headers={"HX-Request": "true"})
        assert response.text.count('class="card suggestion"') == len(farms)
        return response

    # A member's panel has the most to show: feedback buttons and contact links.
    client.force_login(owner_of_farm)
    assert_constant_queries(add_farm, fetch)


def test_opportunity_panel_makes_constant_queries(
    client, partnership, cluj_city, dortmund_city
):
    from tests.factories import OpportunityFactory, OrganisationFactory

    mine = OpportunityFactory(
        organisation=OrganisationFactory(city=dortmund_city), kind="technology_request"
    )
    offers = []

    def add_offer():
        offers.append(
            OpportunityFactory(
                organisation=OrganisationFactory(city=cluj_city, language="ro"),
                kind="technology_offer",
                language="ro",
            )
        )
        encode_all()

    def fetch():
        response = client.get(f"/en/opportunities/{mine.pk}/suggestions/")
        assert response.text.count('class="card suggestion"') == len(offers)
        return response

    assert_constant_queries(add_offer, fetch)


def test_opportunity_page_shows_suggestions(
    client, partnership, cluj_city, dortmund_city
):
    from tests.factories import OpportunityFactory, OrganisationFactory

    mine = OpportunityFactory(
        organisation=OrganisationFactory(city=dortmund_city), kind="technology_request"
    )
    theirs = OpportunityFactory(
        organisation=OrganisationFactory(city=cluj_city, language="ro"),
        kind="technology_offer",
        title="Senzori de sol",
        language="ro",
    )
    encode_all()

    response = client.get(f"/en/opportunities/{mine.pk}/suggestions/")

    assert "Suggested partners in Cluj-Napoca" in response.text
    assert f'href="/en/opportunities/{theirs.pk}/" lang="ro"' in response.text


# --- tandem suggest ------------------------------------------------------------


def run_suggest(*args):
    out, err = StringIO(), StringIO()
    call_command("suggest", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_suggest_prints_one_json_line_for_one_organisation(
    farm_sensors, cluj_city, areas
):
    farms = cluj_farms(cluj_city, areas, 2)
    farms[0].external_id = "EXT-1"
    farms[0].save()

    out, err = run_suggest("feldsensor", "--top", "5", "--explain")

    [line] = out.splitlines()
    data = json.loads(line)
    assert data["organisation"] == {"slug": "feldsensor", "external_id": None}
    assert [s["slug"] for s in data["suggestions"]] == ["ferma-0", "ferma-1"]
    assert set(data["suggestions"][0]) == {"slug", "external_id", "score", "reasons"}
    assert data["suggestions"][0]["external_id"] == "EXT-1"
    scores = [s["score"] for s in data["suggestions"]]
    assert scores == sorted(scores, reverse=True)
    assert {"code", "params", "text"} == set(data["suggestions"][0]["reasons"][0])
    assert "Encoder: lexical:" in err


def test_suggest_all_prints_a_line_per_organisation(farm_sensors, cluj_city, areas):
    cluj_farms(cluj_city, areas, 2)

    out, _err = run_suggest("--all")

    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["organisation"]["slug"] for line in lines] == [
        "feldsensor",
        "ferma-0",
        "ferma-1",
    ]
    assert [s["slug"] for s in lines[1]["suggestions"]] == ["feldsensor"]


def test_suggest_csv(farm_sensors, cluj_city, areas):
    cluj_farms(cluj_city, areas, 1)

    out, _err = run_suggest("feldsensor", "--format", "csv")

    header, row = out.splitlines()
    assert header.startswith("organisation_slug,organisation_external_id,rank,slug")
    assert row.startswith("feldsensor,,1,ferma-0,,")


@pytest.mark.parametrize(
    "args",
    [("nobody",), (), ("feldsensor", "--all"), ("feldsensor", "--top", "0")],
)
def test_suggest_refuses_bad_arguments(farm_sensors, args):
    from django.core.management import CommandError

    with pytest.raises(CommandError):
        run_suggest(*args)


def test_organisation_page_loads_the_suggestions_panel(client, farm_sensors):
    response = client.get(PAGE)

    # htmx loads the panel in place; without JavaScript the link opens it.
    assert f'hx-get="{SUGGESTIONS}"' in response.text
    assert f'<a href="{SUGGESTIONS}">' in response.text


def test_panel_comes_alone_for_htmx_and_as_a_page_without(
    client, farm_sensors, cluj_city, areas
):
    cluj_farms(cluj_city, areas, 1)
    encode_all()

    panel = client.get(SUGGESTIONS, headers={"HX-Request": "true"})
    page = client.get(SUGGESTIONS)

    assert 'href="/en/organisations/ferma-0/"' in panel.text
    assert "<html" not in panel.text
    assert 'href="/en/organisations/ferma-0/"' in page.text
    assert "<html" in page.text
    assert "<h1>Suggested partners for Feldsensor</h1>" in page.text


def test_suggest_csv_cells_never_run_as_formulas(farm_sensors, cluj_city, areas):
    [farm] = cluj_farms(cluj_city, areas, 1)
    farm.external_id = '=HYPERLINK("http://evil")'
    farm.save(update_fields=["external_id"])

    out, _err = run_suggest("feldsensor", "--format", "csv")

    _header, row = csv.reader(out.splitlines())
    assert row[3:5] == ["ferma-0", '\'=HYPERLINK("http://evil")']
