"""Every write to organisations and opportunities, and their review."""

import datetime
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypedDict, Unpack

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.db.models import Field
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from tandem.accounts.models import Membership, User
from tandem.accounts.permissions import is_active_user
from tandem.accounts.selectors import members_of_organisation
from tandem.audit.services import record
from tandem.directory import audit_actions, notification_kinds, permissions
from tandem.directory.models import Opportunity, Organisation, OrganisationKind
from tandem.directory.selectors import city_reviewers
from tandem.directory.signals import profile_changed
from tandem.errors import PermissionDenied, ValidationError, field_error
from tandem.i18n import clean_translations
from tandem.notifications.models import Notification
from tandem.notifications.services import notify
from tandem.partnerships.models import Area, City
from tandem.updates import check_known, model_update

Verification = Organisation.Verification
Status = Opportunity.Status
# ISO 639 codes of languages spoken, e.g. "de" or "hu".
LANGUAGE_CODE_RE = re.compile(r"[a-z]{2,3}")


class OrganisationDetails(TypedDict, total=False):
    """What an organisation may have besides its name, kind, city and description."""

    areas: Iterable[Area]
    description_translations: Mapping[str, str]
    languages_spoken: Sequence[str]
    website: str
    size_band: str
    founded_year: int | None
    visibility: str
    external_id: str | None


class OrganisationChanges(OrganisationDetails, total=False):
    """What ``update_organisation`` changes: the fields given."""

    name: str
    kind: str
    city: City
    description: str
    language: str


class OpportunityDetails(TypedDict, total=False):
    areas: Iterable[Area]
    partner_kinds: Sequence[str]
    deadline: datetime.date | None
    external_id: str | None


class OpportunityChanges(OpportunityDetails, total=False):
    """What ``update_opportunity`` changes: the fields given."""

    kind: str
    title: str
    summary: str
    description: str
    language: str


def _stripped(values: dict[str, Any], *fields: str) -> None:
    for field in fields:
        if field in values:
            values[field] = values[field].strip()
    if "external_id" in values:
        values["external_id"] = values["external_id"] or None


def _slug_in_use(slug: str) -> bool:
    return Organisation.objects.filter(slug=slug).exists()


def unique_slug(name: str, *, taken: Callable[[str], bool] = _slug_in_use) -> str:
    """An organisation's address from its name: the name's slug, else with
    -2, -3, ... until one is not ``taken`` (by default, by an organisation)."""
    base = slugify(name)[:200] or "organisation"
    slug, n = base, 1
    while taken(slug):
        n += 1
        slug = f"{base}-{n}"
    return slug


# --- Organisations -------------------------------------------------------------


def _organisation_values(
    organisation: Organisation, changes: Mapping[str, Any]
) -> dict[str, Any]:
    """``changes`` as stored: texts stripped, the translations cleaned against
    the (new) language of the description, the languages spoken checked.

    Raises ValidationError."""
    values = dict(changes)
    _stripped(values, "name", "description")
    # A blank translation under any code is no translation, as the API has
    # always taken it; the description itself is the text in its language.
    values["description_translations"] = clean_translations(
        values.get("description_translations", organisation.description_translations),
        field="description_translations",
        language=values.get("language", organisation.language),
        drop_blank_first=True,
    )
    if "languages_spoken" in values:
        spoken = values["languages_spoken"]
        if isinstance(spoken, str) or not all(
            isinstance(code, str) and LANGUAGE_CODE_RE.fullmatch(code)
            for code in spoken
        ):
            raise field_error(
                "languages_spoken",
                _("Give languages as ISO 639-1 codes, e.g. de."),
                code="invalid_language_code",
            )
        values["languages_spoken"] = list(dict.fromkeys(spoken))
    return values


@transaction.atomic
def create_organisation(
    *,
    by: User,
    name: str,
    kind: str,
    city: City,
    description: str,
    language: str,
    **details: Unpack[OrganisationDetails],
) -> Organisation:
    """Create an organisation owned by ``by``; its city's coordinator verifies it.

    Raises PermissionDenied (not logged in) or ValidationError.
    """
    if not is_active_user(by):
        raise PermissionDenied
    check_known(details, OrganisationDetails.__optional_keys__)
    values = _organisation_values(
        Organisation(),
        {
            "name": name,
            "kind": kind,
            "city": city,
            "description": description,
            "language": language,
            **details,
        },
    )
    areas = values.pop("areas", ())
    organisation = Organisation(slug=unique_slug(values["name"]), **values)
    organisation.full_clean()
    organisation.save()
    organisation.areas.set(areas)
    Membership.objects.create(
        user=by,
        organisation=organisation,
        role=Membership.Role.OWNER,
        state=Membership.State.ACTIVE,
    )
    profile_changed.send(Organisation, pk=organisation.pk)
    return organisation


# What the city's badge vouches for: who the organisation is and where its
# own site is. A verified organisation could otherwise rename itself
# "Stadt Dortmund" and keep the badge.
IDENTITY_FIELDS = ("name", "kind", "website")


def _checked_identity(
    organisation: Organisation, proposed: Mapping[str, Any]
) -> dict[str, Any]:
    """The proposed identity values as the fields would store them.

    Raises ValidationError keyed by field, as ``full_clean`` would."""
    errors: dict[str, list[DjangoValidationError]] = {}
    cleaned = {}
    for field, value in proposed.items():
        model_field = Organisation._meta.get_field(field)
        assert isinstance(model_field, Field)  # one of IDENTITY_FIELDS
        try:
            cleaned[field] = model_field.clean(value, organisation)
        except DjangoValidationError as exc:
            errors[field] = exc.error_list
    if errors:
        raise ValidationError(errors)
    return cleaned


def _set_aside_identity(
    organisation: Organisation, values: dict[str, Any], *, by: User
) -> bool:
    """Moves a verified organisation's new name, kind or website from
    ``values`` to its pending changes, for the coordinators' review.

    Why the change waits (rather than applying it and taking the badge
    away): a public body's profile must never show a name the city has not
    checked under the city's badge, and the organisation stays verified and
    visible meanwhile. The coordinators approve (the change applies) or
    reject it (it is discarded and the editors are told why); see
    ``review_organisation_changes``. Returns whether something new waits.

    Raises ValidationError for a proposed value the field refuses.
    """
    if organisation.verification != Verification.VERIFIED:
        return False
    pending = dict(organisation.pending_changes)
    proposed = {}
    for field in IDENTITY_FIELDS:
        if field not in values:
            continue
        value = values.pop(field)
        if value == getattr(organisation, field):
            pending.pop(field, None)  # back to what the city verified
        elif pending.get(field) != value:
            proposed[field] = value
    pending |= _checked_identity(organisation, proposed)
    values["pending_changes"] = pending
    if not pending:
        values["pending_changes_by"] = None
        values["pending_changes_at"] = None
    elif proposed:
        values["pending_changes_by"] = by
        values["pending_changes_at"] = timezone.now()
    return bool(proposed)


@transaction.atomic
def update_organisation(
    *, organisation: Organisation, by: User, **changes: Unpack[OrganisationChanges]
) -> Organisation:
    """Edit an organisation: the fields given change (``areas`` replaces them).

    A verified organisation's new name, kind or website waits for its city's
    coordinators (``pending_changes``; they are notified); the other fields
    change at once. A change to a rejected organisation, or one asked to
    change, sends it back to its coordinator's queue; so does a move to
    another city, whose coordinator has not verified it. Raises
    PermissionDenied or ValidationError, leaving ``organisation`` as it was.
    """
    if not permissions.can_edit_organisation(by, organisation):
        raise PermissionDenied
    check_known(changes, OrganisationChanges.__optional_keys__)
    values = _organisation_values(organisation, changes)
    moves = "city" in values and values["city"].pk != organisation.city_id
    if organisation.verification in {
        Verification.REJECTED,
        Verification.CHANGES_REQUESTED,
    } or (moves and organisation.verification == Verification.VERIFIED):
        values["verification"] = Verification.PENDING
        values |= {
            "pending_changes": {},
            "pending_changes_by": None,
            "pending_changes_at": None,
        }
    proposed = not moves and _set_aside_identity(organisation, values, by=by)
    if model_update(organisation, values):
        profile_changed.send(Organisation, pk=organisation.pk)
    if proposed:
        notify(
            recipients=city_reviewers(city=organisation.city),
            kind=notification_kinds.ORGANISATION_CHANGES_PROPOSED,
            params={"organisation": organisation.name},
            url=reverse(
                "directory:organisation_changes_review",
                kwargs={"slug": organisation.slug},
            ),
            actor=by,
        )
    return organisation


@transaction.atomic
def review_organisation_changes(
    *, organisation: Organisation, by: User, decision: str, reason: str = ""
) -> Organisation:
    """Approve (they apply) or reject (they are discarded) the name, kind or
    website a verified organisation proposed, as its city's coordinator; the
    organisation's owners and editors are told, with the reason for a
    rejection.

    ``decision`` is "approved" or "rejected"; rejecting needs a reason.
    Raises PermissionDenied or ValidationError (nothing waits, bad decision).
    """
    if not permissions.can_review(by, organisation.city):
        raise PermissionDenied
    if decision not in {"approved", "rejected"}:
        raise field_error(
            "decision", _("Choose approve or reject."), code="invalid_decision"
        )
    reason = reason.strip()
    if decision == "rejected" and not reason:
        raise field_error(
            "reason", _("Tell the organisation why."), code="reason_required"
        )
    organisation = Organisation.objects.select_for_update(of=("self",)).get(
        pk=organisation.pk
    )
    pending = dict(organisation.pending_changes)
    if not pending:
        raise ValidationError(
            _("This organisation has no changes waiting for review."),
            code="nothing_pending",
        )
    before = {field: getattr(organisation, field) for field in pending}
    values: dict[str, Any] = {
        "pending_changes": {},
        "pending_changes_by": None,
        "pending_changes_at": None,
    }
    if decision == "approved":
        values |= pending
    model_update(organisation, values)
    record(
        action=(
            audit_actions.ORGANISATION_CHANGES_APPROVED
            if decision == "approved"
            else audit_actions.ORGANISATION_CHANGES_REJECTED
        ),
        actor=by,
        target=organisation,
        city=organisation.city,
        changes={field: (before[field], value) for field, value in pending.items()},
        reason=reason,
    )
    if decision == "approved":
        profile_changed.send(Organisation, pk=organisation.pk)
    notify(
        recipients=members_of_organisation(organisation, acting=True),
        kind=notification_kinds.ORGANISATION_CHANGES_REVIEWED,
        params={
            "organisation": organisation.name,
            "decision": decision,
            "reason": reason,
        },
        url=organisation.get_absolute_url(),
        actor=by,
    )
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
    before = organisation.verification
    model_update(
        organisation,
        {
            "verification": decision,
            "review_reason": reason,
            "reviewed_by": by,
            "reviewed_at": timezone.now(),
        },
    )
    record(
        action=audit_actions.ORGANISATION_DECISIONS[decision],
        actor=by,
        target=organisation,
        city=organisation.city,
        changes={"verification": (before, decision)},
        reason=reason,
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


# --- Opportunities -------------------------------------------------------------


def opportunity_lifetime() -> datetime.timedelta:
    """How long a published opportunity stays published, unless renewed."""
    return datetime.timedelta(days=settings.TANDEM_OPPORTUNITY_LIFETIME_DAYS)


def _opportunity_values(
    opportunity: Opportunity, changes: Mapping[str, Any]
) -> dict[str, Any]:
    """``changes`` as stored: texts stripped, the kinds of partner and the
    deadline checked. Raises ValidationError."""
    values = dict(changes)
    _stripped(values, "title", "summary", "description")
    if "partner_kinds" in values:
        values["partner_kinds"] = list(values["partner_kinds"])
        if set(values["partner_kinds"]) - set(OrganisationKind.values):
            raise field_error(
                "partner_kinds",
                _("Choose kinds of partner from the list."),
                code="invalid_partner_kind",
            )
    deadline = values.get("deadline", opportunity.deadline)
    if (
        deadline
        and deadline < timezone.localdate()
        and permissions.is_unpublished(opportunity)
    ):
        raise field_error(
            "deadline", _("The deadline cannot be in the past."), code="deadline_past"
        )
    return values


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
    **details: Unpack[OpportunityDetails],
) -> Opportunity:
    """Create a draft opportunity for an organisation the user may edit.

    Raises PermissionDenied or ValidationError."""
    if not permissions.can_edit_organisation(by, organisation):
        raise PermissionDenied
    check_known(details, OpportunityDetails.__optional_keys__)
    values = _opportunity_values(
        Opportunity(),
        {
            "kind": kind,
            "title": title,
            "summary": summary,
            "description": description,
            "language": language,
            **details,
        },
    )
    areas = values.pop("areas", ())
    opportunity = Opportunity(organisation=organisation, created_by=by, **values)
    opportunity.full_clean()
    opportunity.save()
    opportunity.areas.set(areas)
    profile_changed.send(Opportunity, pk=opportunity.pk)
    return opportunity


@transaction.atomic
def update_opportunity(
    *, opportunity: Opportunity, by: User, **changes: Unpack[OpportunityChanges]
) -> Opportunity:
    """Edit an opportunity: the fields given change (``areas`` replaces them).
    Editing a published one keeps it published.

    Raises PermissionDenied or ValidationError (not editable in its status,
    invalid values), leaving ``opportunity`` as it was.
    """
    if not permissions.can_edit_organisation(by, opportunity.organisation):
        raise PermissionDenied
    if not permissions.is_editable(opportunity):
        raise ValidationError(
            _("A closed, expired or rejected opportunity cannot be edited."),
            code="not_editable",
        )
    check_known(changes, OpportunityChanges.__optional_keys__)
    if model_update(opportunity, _opportunity_values(opportunity, changes)):
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
    model_update(opportunity, {"status": Status.SUBMITTED})
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
    changes: dict[str, object] = {
        "status": decision,
        "review_reason": reason,
        "reviewed_by": by,
        "reviewed_at": now,
    }
    before = opportunity.status
    if decision == Status.PUBLISHED:
        changes |= {"published_at": now, "expires_at": now + opportunity_lifetime()}
    model_update(opportunity, changes)
    record(
        action=audit_actions.OPPORTUNITY_DECISIONS[decision],
        actor=by,
        target=opportunity,
        city=opportunity.organisation.city,
        changes={"status": (before, decision)},
        reason=reason,
    )
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
    model_update(opportunity, {"status": Status.CLOSED})
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
    model_update(
        opportunity,
        {
            "status": Status.PUBLISHED,
            "expires_at": timezone.now() + opportunity_lifetime(),
        },
    )
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
