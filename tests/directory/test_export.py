import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.forms.models import model_to_dict
from django.utils import timezone

from tandem.directory.importing import import_records
from tandem.directory.importing.reading import read_csv, read_jsonl
from tandem.directory.models import Opportunity, Organisation
from tandem.partnerships.models import Area
from tests.factories import OpportunityFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(dortmund_city, cluj_city):
    areas = {area.slug: area for area in Area.objects.all()}
    first = OrganisationFactory(
        external_id="b-org",
        name='Feld, "Acker" & Co',
        city=dortmund_city,
        description="Zeile eins.\nZeile zwei, mit Komma.",
        description_translations={"en": "Line one.", "ro": "Rândul unu, cu ș și ț."},
        languages_spoken=["de", "en"],
        website="https://example.org/feld",
        size_band="small",
        founded_year=2019,
        verification=Organisation.Verification.REJECTED,
        review_reason="Unklar",
    )
    first.areas.set([areas["agritech"], areas["ai-data"]])
    second = OrganisationFactory(
        external_id="a-org", name="Ferma Someș", city=cluj_city, language="ro"
    )
    third = OrganisationFactory(name="Ohne ID", city=dortmund_city)
    published = OpportunityFactory(
        external_id="opp-b",
        organisation=first,
        partner_kinds=["university"],
        deadline=datetime.date(2031, 1, 31),
        published_at=timezone.now().replace(microsecond=123456),
    )
    published.areas.set([areas["agritech"]])
    OpportunityFactory(
        external_id="opp-a",
        organisation=third,
        status=Opportunity.Status.CHANGES_REQUESTED,
        published_at=None,
        expires_at=None,
    )
    return first, second, third


def export(kind: str, format: str) -> str:
    out = io.StringIO()
    call_command("export_records", kind, "--format", format, stdout=out)
    return out.getvalue()


def snapshot(model):
    return {
        obj.pk: (
            model_to_dict(obj, exclude=["areas"]),
            sorted(obj.areas.values_list("slug", flat=True)),
            obj.updated_at,
        )
        for obj in model.objects.all()
    }


def test_export_csv_orders_by_external_id_and_writes_import_columns(records):
    lines = export("organisations", "csv").splitlines()

    assert lines[0] == (
        "external_id,name,kind,city,areas,description,language,description_de,"
        "description_ro,description_en,languages_spoken,website,size_band,"
        "founded_year,visibility,verification"
    )
    assert lines[1].startswith("a-org,Ferma Someș,startup,cluj-napoca,")
    assert lines[2].startswith(
        'b-org,"Feld, ""Acker"" & Co",startup,dortmund,agritech|ai-data,'
    )


def test_export_jsonl_writes_lists_and_nulls(records):
    rows = [json.loads(line) for line in export("opportunities", "jsonl").splitlines()]

    assert [row["external_id"] for row in rows] == ["opp-a", "opp-b"]
    assert rows[0]["organisation"] == records[2].slug
    assert rows[0]["published_at"] is None
    assert rows[1]["areas"] == ["agritech"]
    assert rows[1]["deadline"] == "2031-01-31"


def test_organisation_without_external_id_is_exported_with_an_empty_one(records):
    rows = [json.loads(line) for line in export("organisations", "jsonl").splitlines()]

    assert [row["external_id"] for row in rows] == ["a-org", "b-org", ""]


@pytest.mark.parametrize("format", ["csv", "jsonl"])
def test_round_trip_changes_nothing(records, format):
    read = read_csv if format == "csv" else read_jsonl
    records[2].external_id = "c-org"
    records[2].save()
    before = (snapshot(Organisation), snapshot(Opportunity))

    results = []
    for kind in ("organisations", "opportunities"):
        text = export(kind, format)
        results.append(
            import_records(kind=kind, rows=read(io.StringIO(text), kind=kind))
        )

    assert [(r.created, r.updated, r.unchanged, r.errors) for r in results] == [
        (0, 0, 3, []),
        (0, 0, 2, []),
    ]
    assert (snapshot(Organisation), snapshot(Opportunity)) == before


def test_export_to_a_file(records, tmp_path):
    path = tmp_path / "orgs.jsonl"

    call_command(
        "export_records",
        "organisations",
        "--format",
        "jsonl",
        "--output",
        str(path),
        stderr=io.StringIO(),
    )

    assert len(path.read_text(encoding="utf-8").splitlines()) == 3
