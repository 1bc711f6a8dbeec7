"""The importers of organisations and of opportunities: a row's columns onto a record."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.utils import timezone

from tandem.directory import permissions
from tandem.directory.importing.importer import Importer, Prepared, chunks
from tandem.directory.importing.reading import RowError, SourceRow
from tandem.directory.importing.values import (
    Invalid,
    imported_state,
    parse_date_value,
    parse_datetime_value,
    parse_list,
    parse_text,
    parse_year,
    reference_id,
    set_value,
)
from tandem.directory.models import Opportunity, Organisation, OrganisationKind
from tandem.directory.services import (
    LANGUAGE_CODE_RE,
    opportunity_lifetime,
    unique_slug,
)
from tandem.i18n import language_codes
from tandem.partnerships.models import City

# Values an import may set; other states come from a coordinator's review and are
# accepted only when they equal the record's current state (a round trip).
IMPORTABLE_VERIFICATION = {
    Organisation.Verification.PENDING,
    Organisation.Verification.VERIFIED,
}
IMPORTABLE_STATUS = {
    Opportunity.Status.DRAFT,
    Opportunity.Status.SUBMITTED,
    Opportunity.Status.PUBLISHED,
    Opportunity.Status.CLOSED,
    Opportunity.Status.EXPIRED,
}

ORGANISATION_FIELDS = (
    "name",
    "kind",
    "city_id",
    "description",
    "language",
    "description_translations",
    "languages_spoken",
    "website",
    "size_band",
    "founded_year",
    "visibility",
    "verification",
)
OPPORTUNITY_FIELDS = (
    "organisation_id",
    "kind",
    "title",
    "summary",
    "description",
    "language",
    "partner_kinds",
    "deadline",
    "status",
    "published_at",
    "expires_at",
)
# Organisations -----------------------------------------------------------------


def _translations(
    values: Mapping[str, Any],
    translations: Mapping[str, str],
    errors: list[RowError],
    line: int,
) -> dict[str, str]:
    """The description's translations after the row's ``description_<code>``
    columns: a text sets one, an empty one removes it."""
    result = dict(translations)
    for language in language_codes():
        column = f"description_{language}"
        if column not in values:
            continue
        try:
            text = parse_text(values[column])
        except Invalid as exc:
            errors.append(RowError(line, column, str(exc)))
            continue
        if text:
            result[language] = text
        else:
            result.pop(language, None)
    return result


class OrganisationImporter(Importer):
    model = Organisation
    fields = ORGANISATION_FIELDS

    def __init__(self, rows: Iterable[SourceRow], *, progress: bool) -> None:
        super().__init__(rows, progress=progress)
        self.cities: dict[str, int] = {}
        for city in City.objects.all():
            for name in (city.slug, *city.name_translations.values()):
                self.cities[name.casefold()] = city.pk

    def prepare(self, row: SourceRow, external_id: str) -> Prepared:
        values, line = row.values, row.line
        errors: list[RowError] = []
        org: Organisation = self.start(external_id)
        is_new = org.pk is None
        for column in ("name", "kind", "description", "language", "website"):
            set_value(org, values, column, parse_text, errors, line)
        for column in ("size_band", "visibility"):
            set_value(org, values, column, parse_text, errors, line)
        set_value(org, values, "founded_year", parse_year, errors, line)
        set_value(org, values, "languages_spoken", parse_list, errors, line)
        if bad := [
            c for c in org.languages_spoken if not LANGUAGE_CODE_RE.fullmatch(c)
        ]:
            message = "expected language codes such as de, ro, en, not "
            errors.append(
                RowError(line, "languages_spoken", message + ", ".join(map(repr, bad)))
            )
        org.description_translations = _translations(
            values, org.description_translations or {}, errors, line
        )
        city = reference_id(
            values, "city", self.cities, errors, line, required=is_new, casefold=True
        )
        if city is not None:
            org.city_id = city
        verification = imported_state(
            values,
            "verification",
            errors,
            line,
            default=Organisation.Verification.PENDING,
            importable=IMPORTABLE_VERIFICATION,
            current=None if is_new else org.verification,
            expected="expected pending or verified",
        )
        if verification is not None:
            org.verification = verification
        return self.finish(row, external_id, org, errors, exclude=["city"])

    def before_create(self, objs: list[Any]) -> None:
        """Give new organisations unique slugs from their names, without a query each."""
        if not objs:
            return
        taken = set(
            Organisation.objects.values_list("slug", flat=True).iterator(
                chunk_size=5000
            )
        )
        for org in objs:
            org.slug = unique_slug(org.name, taken=taken.__contains__)
            taken.add(org.slug)


# Opportunities -----------------------------------------------------------------


class OpportunityImporter(Importer):
    model = Opportunity
    fields = OPPORTUNITY_FIELDS

    def before_validation(self, rows: list[SourceRow]) -> None:
        """Find the organisations the rows name, by external ID or else by slug."""
        refs = set()
        for row in rows:
            value = row.values.get("organisation")
            if isinstance(value, str) and value.strip():
                refs.add(value.strip())
        self.organisations: dict[str, int] = {}
        by_slug: dict[str, int] = {}
        for chunk in chunks(sorted(refs)):
            for external_id, pk in Organisation.objects.filter(
                external_id__in=chunk
            ).values_list("external_id", "pk"):
                self.organisations[str(external_id)] = pk
            by_slug.update(
                Organisation.objects.filter(slug__in=chunk).values_list("slug", "pk")
            )
        for slug, pk in by_slug.items():
            self.organisations.setdefault(slug, pk)

    def prepare(self, row: SourceRow, external_id: str) -> Prepared:
        values, line = row.values, row.line
        errors: list[RowError] = []
        opp: Opportunity = self.start(external_id)
        is_new, old_deadline = opp.pk is None, opp.deadline
        for column in ("kind", "title", "summary", "description", "language"):
            set_value(opp, values, column, parse_text, errors, line)
        set_value(opp, values, "partner_kinds", parse_list, errors, line)
        if unknown := sorted(set(opp.partner_kinds) - set(OrganisationKind.values)):
            message = "unknown kind " + ", ".join(map(repr, unknown))
            errors.append(RowError(line, "partner_kinds", message))
        set_value(opp, values, "deadline", parse_date_value, errors, line)
        set_value(opp, values, "published_at", parse_datetime_value, errors, line)
        set_value(opp, values, "expires_at", parse_datetime_value, errors, line)
        organisation = reference_id(
            values, "organisation", self.organisations, errors, line, required=is_new
        )
        if organisation is not None:
            opp.organisation_id = organisation
        status = imported_state(
            values,
            "status",
            errors,
            line,
            default=Opportunity.Status.DRAFT,
            importable=IMPORTABLE_STATUS,
            current=None if is_new else opp.status,
            expected=f"expected one of {', '.join(sorted(IMPORTABLE_STATUS))}",
        )
        if status is not None:
            opp.status = status
        if opp.status == Opportunity.Status.PUBLISHED:
            opp.published_at = opp.published_at or timezone.now()
            opp.expires_at = opp.expires_at or opp.published_at + opportunity_lifetime()
        # An unchanged deadline imports again even once it has passed.
        if (
            opp.deadline
            and (is_new or opp.deadline != old_deadline)
            and opp.deadline < timezone.localdate()
            and permissions.is_unpublished(opp)
        ):
            errors.append(RowError(line, "deadline", "the deadline is in the past"))
        return self.finish(row, external_id, opp, errors, exclude=["organisation"])


IMPORTERS: dict[str, type[Importer]] = {
    "organisations": OrganisationImporter,
    "opportunities": OpportunityImporter,
}
