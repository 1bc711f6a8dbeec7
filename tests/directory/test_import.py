import datetime
import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tandem.directory.importing import import_records
from tandem.directory.importing.reading import SourceRow, read_csv, read_jsonl
from tandem.directory.models import Opportunity, Organisation
from tandem.directory.signals import profile_changed
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

HEADER = "external_id,name,kind,city,areas,description,language,languages_spoken\n"


def org_line(n: int, **overrides: str) -> str:
    values = {
        "external_id": f"org-{n}",
        "name": f"Firma {n}",
        "kind": "startup",
        "city": "dortmund",
        "areas": "ai-data|agritech",
        "description": "Wir bauen Sensoren.",
        "language": "de",
        "languages_spoken": "de|en",
    } | overrides
    return ",".join(values.values()) + "\n"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def run_import(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_records", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def cities(dortmund_city, cluj_city):
    return dortmund_city, cluj_city


def test_import_csv_creates_organisations(tmp_path, cities):
    path = write(
        tmp_path, "orgs.csv", HEADER + org_line(1) + org_line(2, city="Klausenburg")
    )

    out, _ = run_import("organisations", str(path))

    assert out.strip() == "Organisations: 2 created, 0 updated, 0 unchanged."
    org = Organisation.objects.get(external_id="org-2")
    assert org.city == cities[1]
    assert org.slug == "firma-2"
    assert sorted(org.areas.values_list("slug", flat=True)) == ["agritech", "ai-data"]
    assert org.languages_spoken == ["de", "en"]
    assert org.verification == Organisation.Verification.PENDING


def test_import_with_bad_rows_imports_nothing_and_lists_them(tmp_path, cities):
    lines = [
        org_line(1),
        org_line(2, kind="spaceship"),  # line 3
        org_line(3),
        org_line(4, city="Paris"),  # line 5
        org_line(5),
        org_line(6, areas="ai-data|unknown-area"),  # line 7
    ]
    path = write(tmp_path, "orgs.csv", HEADER + "".join(lines))

    with pytest.raises(CommandError):
        run_import("organisations", str(path))

    assert Organisation.objects.count() == 0
    with path.open() as file:
        result = import_records(
            kind="organisations", rows=read_csv(file, kind="organisations")
        )
    assert [(e.line, e.field) for e in result.errors] == [
        (3, "kind"),
        (5, "city"),
        (7, "areas"),
    ]
    assert (result.created, result.updated) == (0, 0)


def test_import_command_prints_every_bad_row(tmp_path, cities, capsys):
    path = write(
        tmp_path, "orgs.csv", HEADER + org_line(1, name="") + org_line(2, city="")
    )
    err = io.StringIO()

    with pytest.raises(CommandError):
        call_command("import_records", "organisations", str(path), stderr=err)

    assert err.getvalue().splitlines() == [
        "line 2: name: This field cannot be blank.",
        "line 3: city: this field is required",
    ]


def test_import_skip_invalid_imports_the_good_rows(tmp_path, cities):
    path = write(
        tmp_path,
        "orgs.csv",
        HEADER + org_line(1) + org_line(2, language="fr") + org_line(3),
    )

    out, err = run_import("organisations", str(path), "--skip-invalid")

    assert sorted(Organisation.objects.values_list("external_id", flat=True)) == [
        "org-1",
        "org-3",
    ]
    assert err.splitlines()[0].startswith("line 3: language: ")
    assert (
        out.strip()
        == "Organisations: 2 created, 0 updated, 0 unchanged, 1 invalid row(s) skipped."
    )


def test_reimport_updates_by_external_id(tmp_path, cities):
    run_import(
        "organisations",
        str(write(tmp_path, "a.csv", HEADER + org_line(1) + org_line(2))),
    )
    slug = Organisation.objects.get(external_id="org-1").slug

    path = write(
        tmp_path,
        "b.csv",
        HEADER + org_line(1, name="Neuer Name", areas="iot") + org_line(2),
    )
    out, _ = run_import("organisations", str(path))

    assert out.strip() == "Organisations: 0 created, 1 updated, 1 unchanged."
    org = Organisation.objects.get(external_id="org-1")
    assert (org.name, org.slug) == ("Neuer Name", slug)
    assert list(org.areas.values_list("slug", flat=True)) == ["iot"]
    assert Organisation.objects.count() == 2


def test_reimport_leaves_columns_the_file_lacks(tmp_path, cities):
    OrganisationFactory(
        external_id="org-1", website="https://example.org/", city=cities[0]
    )
    path = write(tmp_path, "a.csv", "external_id,name\norg-1,Umbenannt\n")

    run_import("organisations", str(path))

    org = Organisation.objects.get(external_id="org-1")
    assert (org.name, org.website, org.verification) == (
        "Umbenannt",
        "https://example.org/",
        "verified",
    )


def test_duplicate_external_id_in_one_file(tmp_path, cities):
    rows = [{"external_id": "x", "name": "A"}, {"external_id": "x", "name": "B"}]
    result = import_records(
        kind="organisations",
        rows=[
            SourceRow(2, {**base_org(), **rows[0]}),
            SourceRow(3, {**base_org(), **rows[1]}),
        ],
    )

    assert [str(e) for e in result.errors] == [
        "line 3: external_id: duplicate of line 2"
    ]
    assert Organisation.objects.count() == 0


def base_org() -> dict:
    return {
        "external_id": "org",
        "name": "Firma",
        "kind": "company",
        "city": "cluj-napoca",
        "areas": ["iot"],
        "description": "Dezvoltăm senzori.",
        "language": "ro",
    }


def test_import_jsonl_with_malformed_line(tmp_path, cities):
    text = (
        "\n".join(
            [
                json.dumps(base_org() | {"external_id": "a"}),
                '{"external_id": "b", "name": ',
                "",
                json.dumps(base_org() | {"external_id": "c", "city": "NOWHERE"}),
                "[1, 2]",
            ]
        )
        + "\n"
    )
    path = write(tmp_path, "orgs.jsonl", text)

    with path.open() as file:
        result = import_records(
            kind="organisations", rows=read_jsonl(file, kind="organisations")
        )

    assert [(e.line, e.field) for e in result.errors] == [
        (2, "json"),
        (4, "city"),
        (5, "json"),
    ]
    assert Organisation.objects.count() == 0


def test_import_jsonl_command_guesses_format(tmp_path, cities):
    path = write(
        tmp_path, "orgs.ndjson", json.dumps(base_org() | {"founded_year": 2019}) + "\n"
    )

    out, _ = run_import("organisations", str(path))

    assert out.strip() == "Organisations: 1 created, 0 updated, 0 unchanged."
    assert Organisation.objects.get().founded_year == 2019


def test_unknown_csv_column_is_refused(tmp_path, cities):
    path = write(tmp_path, "orgs.csv", "external_id,name,colour\nx,A,blue\n")

    with pytest.raises(CommandError, match="line 1: header: unknown column 'colour'"):
        run_import("organisations", str(path))


def test_csv_row_with_wrong_number_of_values(tmp_path, cities):
    path = write(tmp_path, "orgs.csv", HEADER + org_line(1) + "org-2,too,few\n")

    with path.open() as file:
        result = import_records(
            kind="organisations", rows=read_csv(file, kind="organisations")
        )

    assert [(e.line, e.field) for e in result.errors] == [(3, "row")]


def test_verification_cannot_be_set_to_rejected(cities):
    result = import_records(
        kind="organisations", rows=[base_org() | {"verification": "rejected"}]
    )

    assert [(e.line, e.field) for e in result.errors] == [(1, "verification")]


def test_new_slugs_are_unique(cities):
    OrganisationFactory(slug="firma", city=cities[0])
    rows = [base_org() | {"external_id": f"o{n}"} for n in range(3)]

    import_records(kind="organisations", rows=rows)

    slugs = Organisation.objects.filter(external_id__isnull=False).values_list(
        "slug", flat=True
    )
    assert sorted(slugs) == ["firma-2", "firma-3", "firma-4"]


def opp(**overrides) -> dict:
    return {
        "external_id": "opp-1",
        "organisation": "org",
        "kind": "technology_offer",
        "title": "Senzori de umiditate",
        "summary": "Oferim senzori.",
        "description": "Oferim senzori de umiditate pentru ferme.",
        "language": "ro",
        "areas": "agritech",
        "partner_kinds": "agricultural|university",
        "status": "published",
    } | overrides


def test_import_opportunities_by_organisation_external_id_or_slug(cities):
    import_records(kind="organisations", rows=[base_org()])
    slug = Organisation.objects.get().slug

    result = import_records(
        kind="opportunities",
        rows=[opp(), opp(external_id="opp-2", organisation=slug, status="draft")],
    )

    assert (result.created, result.errors) == (2, [])
    published = Opportunity.objects.get(external_id="opp-1")
    assert published.expires_at - published.published_at == datetime.timedelta(days=365)
    assert published.partner_kinds == ["agricultural", "university"]
    assert Opportunity.objects.get(external_id="opp-2").published_at is None


def test_opportunity_with_unknown_organisation(cities):
    result = import_records(kind="opportunities", rows=[opp(organisation="nobody")])

    assert [str(e) for e in result.errors] == [
        "line 1: organisation: unknown organisation 'nobody'"
    ]
    assert Opportunity.objects.count() == 0


def test_opportunity_with_unknown_partner_kind_and_bad_deadline(cities):
    import_records(kind="organisations", rows=[base_org()])

    result = import_records(
        kind="opportunities", rows=[opp(partner_kinds="alien", deadline="31.12.2030")]
    )

    assert [(e.line, e.field) for e in result.errors] == [
        (1, "partner_kinds"),
        (1, "deadline"),
    ]


def test_published_opportunity_lives_as_long_as_the_services_say(cities, settings):
    settings.TANDEM_OPPORTUNITY_LIFETIME_DAYS = 30
    import_records(kind="organisations", rows=[base_org()])

    import_records(kind="opportunities", rows=[opp()])

    published = Opportunity.objects.get()
    assert published.expires_at - published.published_at == datetime.timedelta(days=30)


def test_changed_past_deadline_of_changes_requested_one_is_refused(cities):
    import_records(kind="organisations", rows=[base_org()])
    import_records(kind="opportunities", rows=[opp(status="draft")])
    Opportunity.objects.update(status=Opportunity.Status.CHANGES_REQUESTED)

    result = import_records(
        kind="opportunities",
        rows=[opp(status="changes_requested", deadline="2001-01-01")],
    )

    assert [(e.line, e.field) for e in result.errors] == [(1, "deadline")]


def test_translation_columns_are_the_sites_languages(tmp_path, cities, settings):
    settings.LANGUAGES = [("de", "German"), ("en", "English")]
    path = write(
        tmp_path,
        "orgs.csv",
        HEADER.strip() + ",description_ro\n" + org_line(1).strip() + ",Senzori\n",
    )

    with pytest.raises(CommandError) as exc_info:
        run_import("organisations", str(path))

    assert str(exc_info.value) == "line 1: header: unknown column 'description_ro'"


def test_import_tells_matching_of_every_new_or_changed_profile(cities):
    sent: list[tuple[type, int]] = []

    def receiver(sender, *, pk, **kwargs):
        sent.append((sender, pk))

    profile_changed.connect(receiver)
    try:
        import_records(kind="organisations", rows=[base_org()])
        import_records(kind="organisations", rows=[base_org()])  # unchanged
        import_records(kind="organisations", rows=[base_org() | {"name": "Neu"}])
        import_records(kind="opportunities", rows=[opp()])
    finally:
        profile_changed.disconnect(receiver)

    organisation, opportunity = Organisation.objects.get(), Opportunity.objects.get()
    assert sent == [
        (Organisation, organisation.pk),
        (Organisation, organisation.pk),
        (Opportunity, opportunity.pk),
    ]


def test_import_queues_the_encoding_of_what_it_wrote(
    cities, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        import_records(
            kind="organisations",
            rows=[base_org(), base_org() | {"external_id": "org-2"}],
        )

    assert len(callbacks) == 2
