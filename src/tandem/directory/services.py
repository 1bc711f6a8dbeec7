"""Every write to organisations, memberships and opportunities."""

import datetime
import re
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from tandem.accounts.models import Membership, User
from tandem.accounts.selectors import members_of_organisation
from tandem.directory import notification_kinds, permissions
from tandem.directory.models import Opportunity, Organisation
from tandem.directory.signals import profile_changed
from tandem.errors import PermissionDenied, ValidationError, field_error
from tandem.i18n import check_translation_languages
from tandem.notifications.models import Notification
from tandem.notifications.services import notify
from tandem.partnerships.models import Area, City

Verification = Organisation.Verification
Status = Opportunity.Status
Role = Membership.Role
# ISO 639 codes of languages spoken, e.g. "de" or "hu".
LANGUAGE_CODE_RE = re.compile(r"[a-z]{2,3}")

ORGANISATION_FIELDS = (
    "name",
    "kind",
    "city",
    "description",
    "language",
    "description_translations",
    "languages_spoken",
    "website",
    "size_band",
    "founded_year",
    "visibility",
    "external_id",
)
OPPORTUNITY_FIELDS = (
    "kind",
    "title",
    "summary",
    "description",
    "language",
    "partner_kinds",
    "deadline",
    "external_id",
)


def unique_slug(name: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(name)[:200] or "organisation"
    slug, n = base, 1
    taken = Organisation.objects.all()
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    while taken.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _require_login(by: Any) -> None:
    if not by.is_authenticated or not by.is_active:
        raise PermissionDenied


def _clean_translations(translations: dict[str, str] | None) -> dict[str, str]:
    """Drop empty translations; whitespace alone is no translation.

    Runs before ``_validate_organisation`` checks the language codes, so an
    empty text under an unknown code is dropped, not refused (unlike
    ``tandem.i18n.clean_translations``).
    """
    cleaned = {}
    for language, text in (translations or {}).items():
        if text and text.strip():
            cleaned[language] = text.strip()
    return cleaned


def _set_fields(obj: Any, fields: Iterable[str], values: dict[str, Any]) -> list[str]:
    """Copy the given ``values`` onto ``obj``; unknown keys are a caller's bug."""
    unknown = set(values) - set(fields)
    if unknown:
        raise TypeError(f"Unexpected fields: {', '.join(sorted(unknown))}")
    changed = []
    for field in fields:
        if field in values:
            value = values[field]
            if field == "external_id":
                value = value or None
            if field == "description_translations":
                value = _clean_translations(value)
            setattr(obj, field, value)
            changed.append(field)
    return changed


def _validate_organisation(organisation: Organisation) -> None:
    translations = organisation.description_translations
    check_translation_languages(translations, field="description_translations")
    # The description itself is the text in its own language.
    translations.pop(organisation.language, None)
    spoken = organisation.languages_spoken
    if not isinstance(spoken, list) or not all(
        isinstance(code, str) and LANGUAGE_CODE_RE.fullmatch(code) for code in spoken
    ):
        raise field_error(
            "languages_spoken",
            _("Give languages as ISO 639-1 codes, e.g. de."),
            code="invalid_language_code",
        )
    organisation.languages_spoken = list(dict.fromkeys(spoken))


@transaction.atomic
def create_organisation(
    *,
    by: User,
    name: str,
    kind: str,
    city: City,
    description: str,
    language: str,
    areas: Iterable[Area] = (),
    **fields: Any,
) -> Organisation:
    """Create an organisation owned by ``by``; its city's coordinator verifies it.

    Raises PermissionDenied (not logged in) or ValidationError.
    """
    _require_login(by)
    organisation = Organisation(
        name=name.strip(),
        kind=kind,
        city=city,
        description=description.strip(),
        language=language,
        slug=unique_slug(name),
    )
    _set_fields(organisation, ORGANISATION_FIELDS, fields)
    _validate_organisation(organisation)
    organisation.full_clean()
    organisation.save()
    organisation.areas.set(areas)
    Membership.objects.create(
        user=by,
        organisation=organisation,
        role=Role.OWNER,
        state=Membership.State.ACTIVE,
    )
    profile_changed.send(Organisation, pk=organisation.pk)
    return organisation


@transaction.atomic
def update_organisation(
    *,
    organisation: Organisation,
    by: User,
    areas: Iterable[Area] | None = None,
    **fields: Any,
) -> Organisation:
    """Edit an organisation. Raises PermissionDenied or ValidationError.

    A change to a rejected organisation, or one asked to change, sends it back
    to its coordinator's queue; so does a move to another city, whose
    coordinator has not verified it.
    """
    if not permissions.can_edit_organisation(by, organisation):
        raise PermissionDenied
    old_city_id = organisation.city_id
    changed = _set_fields(organisation, ORGANISATION_FIELDS, fields)
    for field in ("name", "description"):
        if field in fields:
            setattr(organisation, field, getattr(organisation, field).strip())
    if organisation.verification in {
        Verification.REJECTED,
        Verification.CHANGES_REQUESTED,
    } or (
        organisation.city_id != old_city_id
        and organisation.verification == Verification.VERIFIED
    ):
        organisation.verification = Verification.PENDING
        changed.append("verification")
    _validate_organisation(organisation)
    organisation.full_clean()
    # Validation may normalise these even when they were not passed.
    changed += ["description_translations", "languages_spoken", "updated_at"]
    organisation.save(update_fields=list(dict.fromkeys(changed)))
    if areas is not None:
        organisation.areas.set(areas)
    profile_changed.send(Organisation, pk=organisation.pk)
    return organisation


@transaction.atomic
def review_organisation(
    *, organisation: Organisation, by: User, decision: str, reason: str = ""
) -> Organisation:
    """Verify or reject an organisation, or ask for changes, as its city's coordinator.

    ``decision`` is a ``Verification`` value other than pending; rejecting or
    asking for changes needs a reason.  Raises PermissionDenied or ValidationError.
    """
    if not permissions.can_review(by, organisation.city):
        raise PermissionDenied
    allowed = {
        Verification.VERIFIED,
        Verification.REJECTED,
        Verification.CHANGES_REQUESTED,
    }
    if decision not in allowed:
        raise field_error(
            "decision",
            _("Choose verify, reject or ask for changes."),
            code="invalid_decision",
        )
    reason = reason.strip()
    if decision != Verification.VERIFIED and not reason:
        raise field_error(
            "reason", _("Tell the organisation why."), code="reason_required"
        )
    organisation = Organisation.objects.select_for_update(of=("self",)).get(
        pk=organisation.pk
    )
    organisation.verification = decision
    organisation.review_reason = reason
    organisation.reviewed_by = by
    organisation.reviewed_at = timezone.now()
    organisation.save(
        update_fields=[
            "verification",
            "review_reason",
            "reviewed_by",
            "reviewed_at",
            "updated_at",
        ]
    )
    profile_changed.send(Organisation, pk=organisation.pk)
    notify(
        recipients=members_of_organisation(organisation),
        kind=notification_kinds.ORGANISATION_REVIEWED,
        params={
            "organisation": organisation.name,
            "decision": decision,
            "reason": reason,
        },
        url=organisation.get_absolute_url(),
        actor=by,
    )
    return organisation


def _lifetime() -> datetime.timedelta:
    return datetime.timedelta(days=settings.TANDEM_OPPORTUNITY_LIFETIME_DAYS)


@transaction.atomic
def create_opportunity(
    *,
    organisation: Organisation,
    by: User,
    kind: str,
    title: str,
    summary: str,
    description: str,
    language: str,
    areas: Iterable[Area] = (),
    **fields: Any,
) -> Opportunity:
    """Create a draft opportunity for an organisation the user may edit."""
    if not permissions.can_edit_organisation(by, organisation):
        raise PermissionDenied
    opportunity = Opportunity(
        organisation=organisation,
        kind=kind,
        title=title.strip(),
        summary=summary.strip(),
        description=description.strip(),
        language=language,
        created_by=by,
    )
    _set_fields(opportunity, OPPORTUNITY_FIELDS, fields)
    _validate_opportunity(opportunity)
    opportunity.full_clean()
    opportunity.save()
    opportunity.areas.set(areas)
    profile_changed.send(Opportunity, pk=opportunity.pk)
    return opportunity


def _validate_opportunity(opportunity: Opportunity) -> None:
    from tandem.directory.models import OrganisationKind

    unknown = set(opportunity.partner_kinds) - set(OrganisationKind.values)
    if unknown:
        raise field_error(
            "partner_kinds",
            _("Choose kinds of partner from the list."),
            code="invalid_partner_kind",
        )
    if (
        opportunity.deadline
        and opportunity.deadline < timezone.localdate()
        and permissions.is_unpublished(opportunity)
    ):
        raise field_error(
            "deadline", _("The deadline cannot be in the past."), code="deadline_past"
        )


@transaction.atomic
def update_opportunity(
    *,
    opportunity: Opportunity,
    by: User,
    areas: Iterable[Area] | None = None,
    **fields: Any,
) -> Opportunity:
    """Edit an opportunity. Editing a published one keeps it published."""
    if not permissions.can_edit_organisation(by, opportunity.organisation):
        raise PermissionDenied
    if not permissions.is_editable(opportunity):
        raise ValidationError(
            _("A closed, expired or rejected opportunity cannot be edited."),
            code="not_editable",
        )
    changed = _set_fields(opportunity, OPPORTUNITY_FIELDS, fields)
    _validate_opportunity(opportunity)
    opportunity.full_clean()
    opportunity.save(update_fields=[*changed, "updated_at"])
    if areas is not None:
        opportunity.areas.set(areas)
    profile_changed.send(Opportunity, pk=opportunity.pk)
    return opportunity


@transaction.atomic
def submit_opportunity(*, opportunity: Opportunity, by: User) -> Opportunity:
    """Send a draft to the city's coordinator for review."""
    if not permissions.can_edit_organisation(by, opportunity.organisation):
        raise PermissionDenied
    if not permissions.is_submittable(opportunity):
        raise ValidationError(
            _(
                "Only a draft or an opportunity with requested changes can be submitted."
            ),
            code="invalid_status",
        )
    opportunity.status = Status.SUBMITTED
    opportunity.save(update_fields=["status", "updated_at"])
    return opportunity


@transaction.atomic
def review_opportunity(
    *, opportunity: Opportunity, by: User, decision: str, reason: str = ""
) -> Opportunity:
    """Publish or reject a submitted opportunity, or ask for changes.

    ``decision`` is published, rejected or changes_requested; the last two need
    a reason.  Publishing needs a verified organisation.
    """
    if not permissions.can_review(by, opportunity.organisation.city):
        raise PermissionDenied
    opportunity = Opportunity.objects.select_for_update(of=("self",)).get(
        pk=opportunity.pk
    )
    if not permissions.awaits_review(opportunity):
        raise ValidationError(
            _("This opportunity is not waiting for review."), code="invalid_status"
        )
    if decision not in {Status.PUBLISHED, Status.REJECTED, Status.CHANGES_REQUESTED}:
        raise field_error(
            "decision",
            _("Choose publish, reject or ask for changes."),
            code="invalid_decision",
        )
    reason = reason.strip()
    if decision != Status.PUBLISHED and not reason:
        raise field_error(
            "reason", _("Tell the organisation why."), code="reason_required"
        )
    if (
        decision == Status.PUBLISHED
        and opportunity.organisation.verification != Verification.VERIFIED
    ):
        raise ValidationError(
            _("Verify the organisation before publishing its opportunities."),
            code="organisation_not_verified",
        )
    now = timezone.now()
    opportunity.status = decision
    opportunity.review_reason = reason
    opportunity.reviewed_by = by
    opportunity.reviewed_at = now
    fields = ["status", "review_reason", "reviewed_by", "reviewed_at", "updated_at"]
    if decision == Status.PUBLISHED:
        opportunity.published_at = now
        opportunity.expires_at = now + _lifetime()
        fields += ["published_at", "expires_at"]
    opportunity.save(update_fields=fields)
    profile_changed.send(Opportunity, pk=opportunity.pk)
    return opportunity


@transaction.atomic
def close_opportunity(*, opportunity: Opportunity, by: User) -> Opportunity:
    """Close an opportunity: it leaves the public lists."""
    if not permissions.can_edit_organisation(by, opportunity.organisation):
        raise PermissionDenied
    if not permissions.is_closable(opportunity):
        raise ValidationError(
            _("This opportunity is already closed."), code="invalid_status"
        )
    opportunity.status = Status.CLOSED
    opportunity.save(update_fields=["status", "updated_at"])
    profile_changed.send(Opportunity, pk=opportunity.pk)
    return opportunity


@transaction.atomic
def renew_opportunity(*, opportunity: Opportunity, by: User) -> Opportunity:
    """Publish a published or expired opportunity for another full lifetime."""
    if not permissions.can_edit_organisation(by, opportunity.organisation):
        raise PermissionDenied
    if not permissions.is_renewable(opportunity):
        raise ValidationError(
            _("Only a published or expired opportunity can be renewed."),
            code="invalid_status",
        )
    # Renewing republishes without review: only for a still verified organisation.
    if opportunity.organisation.verification != Verification.VERIFIED:
        raise ValidationError(
            _("Only opportunities of a verified organisation can be renewed."),
            code="organisation_not_verified",
        )
    opportunity.status = Status.PUBLISHED
    opportunity.expires_at = timezone.now() + _lifetime()
    opportunity.save(update_fields=["status", "expires_at", "updated_at"])
    profile_changed.send(Opportunity, pk=opportunity.pk)
    return opportunity


def expire_opportunities(*, now: datetime.datetime | None = None) -> int:
    """Mark published opportunities past their expiry date as expired."""
    return Opportunity.objects.filter(
        status=Status.PUBLISHED, expires_at__lte=now or timezone.now()
    ).update(status=Status.EXPIRED, updated_at=timezone.now())


def notify_expiring_opportunities(*, today: datetime.date | None = None) -> int:
    """Notify the members of organisations whose published opportunities expire
    within 30 days; once per opportunity and expiry date. Returns rows created."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=30)
    opportunities = Opportunity.objects.filter(
        status=Opportunity.Status.PUBLISHED,
        expires_at__date__gte=today,
        expires_at__date__lte=horizon,
    ).select_related("organisation")
    before = Notification.objects.filter(
        kind=notification_kinds.OPPORTUNITY_EXPIRING
    ).count()
    for opportunity in opportunities:
        expires_on = timezone.localdate(opportunity.expires_at).isoformat()
        try:
            with transaction.atomic():
                notify(
                    recipients=members_of_organisation(opportunity.organisation),
                    kind=notification_kinds.OPPORTUNITY_EXPIRING,
                    params={"title": opportunity.title, "expires_on": expires_on},
                    url=opportunity.get_absolute_url(),
                    marker=f"opportunity:{opportunity.pk}:{expires_on}",
                )
        except IntegrityError:  # a concurrent run got there first
            continue
    return (
        Notification.objects.filter(
            kind=notification_kinds.OPPORTUNITY_EXPIRING
        ).count()
        - before
    )
