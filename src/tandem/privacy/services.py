"""Every write to people's own data: the archive of it, the deletion of an
account, and the retention sweep."""

import datetime
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.accounts import personal_data
from tandem.accounts.models import CoordinatorRole, Membership, User
from tandem.accounts.permissions import is_active_user
from tandem.audit.services import record
from tandem.collaboration.models import ContactRequest
from tandem.directory.models import Organisation
from tandem.errors import PermissionDenied, ValidationError
from tandem.events.models import Availability, MeetingRequest, Registration
from tandem.events.services.registrations import cancel_registration
from tandem.notifications.models import Notification
from tandem.notifications.services import notify
from tandem.privacy.audit_actions import ACCOUNT_DELETED, DATA_EXPORTED
from tandem.privacy.models import DataExport
from tandem.privacy.notification_kinds import (
    DATA_EXPORT_READY,
    ORGANISATION_HANDED_OVER,
)

# --- Download my data ------------------------------------------------------


def export_path(export: DataExport) -> Path:
    """Where the archive lies: under MEDIA_ROOT/private, never served as is."""
    return Path(settings.MEDIA_ROOT) / "private" / "exports" / f"{export.key}.zip"


@transaction.atomic
def request_data_export(*, by: User) -> DataExport:
    """Ask for an archive of everything Tandem holds about ``by``; it is built
    in the background and ``by`` is notified when it is ready. While one is
    being built, that one is returned.

    Raises PermissionDenied (not an active user).
    """
    if not is_active_user(by):
        raise PermissionDenied
    # One archive at a time: asking again while it is being built (a second
    # click, a reload) queues no more work; one stuck for an hour is retried.
    building = DataExport.objects.filter(
        user=by,
        ready_at__isnull=True,
        created_at__gt=timezone.now() - datetime.timedelta(hours=1),
    ).first()
    if building is not None:
        return building
    export = DataExport.objects.create(user=by)
    record(action=DATA_EXPORTED, actor=by, target=export)
    from tandem.privacy.tasks import build_data_export  # tasks import this

    transaction.on_commit(lambda: build_data_export.enqueue(export.pk))
    return export


def build_data_export(*, export_id: int) -> DataExport | None:
    """Write the archive and notify its owner; once only (a retry of a built
    or removed export does nothing). None when the export is gone."""
    export = DataExport.objects.select_related("user").filter(pk=export_id).first()
    if export is None or export.is_ready:
        return export
    content = personal_data.build_archive(export.user)
    path = export_path(export)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    hours = settings.TANDEM_DATA_EXPORT_HOURS
    with transaction.atomic():
        now = timezone.now()
        export.ready_at = now
        export.expires_at = now + datetime.timedelta(hours=hours)
        export.size = len(content)
        export.save(update_fields=["ready_at", "expires_at", "size"])
        notify(
            recipients=[export.user],
            kind=DATA_EXPORT_READY,
            params={"hours": hours},
        )
    return export


def _remove_exports(exports: models.QuerySet[DataExport]) -> int:
    """Delete the rows now and their files once the transaction commits."""
    paths = [export_path(export) for export in exports]
    exports.delete()

    def unlink() -> None:
        for path in paths:
            path.unlink(missing_ok=True)

    transaction.on_commit(unlink)
    return len(paths)


# --- Delete my account -----------------------------------------------------


def sole_owned_organisations(user: User) -> list[Organisation]:
    """The organisations ``user`` is the only active administrator of: they
    hand them over before their account can go."""
    others = Membership.objects.filter(
        organisation=models.OuterRef("pk"),
        role=Membership.Role.OWNER,
        state=Membership.State.ACTIVE,
        user__is_active=True,
    ).exclude(user=user)
    return list(
        Organisation.objects.filter(
            memberships__user=user,
            memberships__role=Membership.Role.OWNER,
            memberships__state=Membership.State.ACTIVE,
        )
        .exclude(models.Exists(others))
        .select_related("city")
        .order_by("name", "pk")
    )


def _hand_over(organisation: Organisation, *, by: User) -> None:
    """The city's coordinators become the organisation's administrators."""
    coordinators = [
        role.user
        for role in CoordinatorRole.objects.filter(
            city_id=organisation.city_id, user__is_active=True
        )
        .exclude(user=by)
        .select_related("user")
    ]
    if not coordinators:
        message = _(
            "%(organisation)s has no coordinator in its city to take it over. "
            "Make another member its administrator first."
        ) % {"organisation": organisation.name}
        raise ValidationError(
            {"hand_over": ValidationError(message, code="no_coordinator")}
        )
    for coordinator in coordinators:
        Membership.objects.update_or_create(
            user=coordinator,
            organisation=organisation,
            defaults={"role": Membership.Role.OWNER, "state": Membership.State.ACTIVE},
        )
    notify(
        recipients=coordinators,
        kind=ORGANISATION_HANDED_OVER,
        params={"organisation": organisation.name, "slug": organisation.slug},
    )


def _delete_personal_rows(user: User) -> None:
    """Delete every row that would go with the user row (``on_delete=CASCADE``):
    each is the person's own (see docs/personal-data.md). Rows with
    ``SET_NULL`` belong to others too and keep "a former member"."""
    _remove_exports(DataExport.objects.filter(user=user))
    for relation in user._meta.related_objects:
        model = relation.related_model
        if relation.on_delete is models.CASCADE and isinstance(model, type):
            model._default_manager.filter(**{relation.field.name: user}).delete()


@transaction.atomic
def delete_account(
    *, user: User, by: User, password: str, hand_over: bool = False
) -> User:
    """Delete ``user``'s account; only they may, with their password.

    The user row stays, emptied (no e-mail address, name, password): what
    others rely on keeps it as its author, read "a former member" (messages,
    contact requests, meetings). Everything personal goes: memberships,
    coordinator roles, tokens, notifications and their preferences, contact
    card, calendar feed, e-mail addresses, archives of their data. Their
    registrations for events still to come are cancelled (the others are
    told); past ones stay, for the organisers' figures, without what they
    wrote. Organisations they alone administer are handed over first:
    ``hand_over`` gives them to their city's coordinators, who are notified.

    Raises PermissionDenied, or ValidationError ``wrong_password``,
    ``sole_owner`` (organisations to hand over) or ``no_coordinator``.
    """
    if not is_active_user(by) or by.pk != user.pk:
        raise PermissionDenied
    if not password or not check_password(password, user.password):
        message = _("This is not your password.")
        raise ValidationError(
            {"password": ValidationError(message, code="wrong_password")}
        )
    owned = sole_owned_organisations(user)
    if owned and not hand_over:
        message = _(
            "You are the only administrator of %(organisations)s. Make another "
            "member administrator, or hand it over to the city's coordinators."
        ) % {"organisations": ", ".join(org.name for org in owned)}
        raise ValidationError(
            {"hand_over": ValidationError(message, code="sole_owner")}
        )
    for organisation in owned:
        _hand_over(organisation, by=user)
    today = timezone.localdate()
    for registration in Registration.objects.filter(
        user=user, event__ends_on__gte=today
    ).exclude(state=Registration.State.CANCELLED):
        cancel_registration(registration=registration, by=user)
    registrations = Registration.objects.filter(user=user)
    Availability.objects.filter(registration__in=registrations).delete()
    registrations.update(offer="", seek="", languages=[])
    _delete_personal_rows(user)
    now = timezone.now()
    user.email = f"former-member-{user.pk}@deleted.invalid"
    user.first_name = user.last_name = user.preferred_language = ""
    user.set_unusable_password()
    user.is_active = user.is_staff = user.is_superuser = False
    user.last_login = None
    user.date_joined = now
    user.deleted_at = now
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    # After the row is emptied: the entry names "a former member", not them.
    record(action=ACCOUNT_DELETED, actor=user, target=user)
    return user


# --- Retention -------------------------------------------------------------


@dataclass(frozen=True)
class Purged:
    """What the retention sweep removed (or, in a dry run, would remove)."""

    data_exports: int
    contact_request_texts: int
    notifications: int
    registrations: int


def _days_ago(now: datetime.datetime, days: int) -> datetime.datetime:
    return now - datetime.timedelta(days=days)


@transaction.atomic
def purge_expired(*, now: datetime.datetime, dry_run: bool = False) -> Purged:
    """Remove what is past its retention period (settings ``TANDEM_RETENTION_*``
    and ``TANDEM_DATA_EXPORT_HOURS``):

    - archives of people's data past their expiry, files included;
    - the texts of contact requests that expired, were declined or withdrawn
      longer ago than ``TANDEM_RETENTION_EXPIRED_REQUEST_DAYS`` (the request
      stays: reports count it);
    - notifications read longer ago than ``TANDEM_RETENTION_NOTIFICATION_DAYS``;
    - registrations of events over for longer than
      ``TANDEM_RETENTION_EVENT_REGISTRATION_DAYS`` lose their person, what they
      wrote and their availability; the organisers' figures (per city, state
      and attendance, meetings and ratings) still count them.
    """
    # Expired archives, and those never built within their lifetime.
    export_hours = datetime.timedelta(hours=settings.TANDEM_DATA_EXPORT_HOURS)
    exports = DataExport.objects.filter(
        Q(expires_at__lt=now)
        | Q(ready_at__isnull=True, created_at__lt=now - export_hours)
    )
    closed = [
        ContactRequest.State.EXPIRED,
        ContactRequest.State.DECLINED,
        ContactRequest.State.WITHDRAWN,
    ]
    request_cutoff = _days_ago(now, settings.TANDEM_RETENTION_EXPIRED_REQUEST_DAYS)
    requests = (
        ContactRequest.objects.filter(state__in=closed)
        .filter(
            Q(answered_at__lt=request_cutoff)
            | Q(answered_at__isnull=True, expires_at__lt=request_cutoff)
        )
        .exclude(message="", decline_reason="")
    )
    notifications = Notification.objects.filter(
        read_at__lt=_days_ago(now, settings.TANDEM_RETENTION_NOTIFICATION_DAYS)
    )
    event_cutoff = _days_ago(now, settings.TANDEM_RETENTION_EVENT_REGISTRATION_DAYS)
    registrations = Registration.objects.filter(
        event__ends_on__lt=event_cutoff.date(), user__isnull=False
    )
    purged = Purged(
        data_exports=exports.count(),
        contact_request_texts=requests.count(),
        notifications=notifications.count(),
        registrations=registrations.count(),
    )
    if dry_run:
        return purged
    _remove_exports(exports)
    requests.update(message="", decline_reason="")
    notifications.delete()
    registration_ids = list(registrations.values_list("pk", flat=True))
    Availability.objects.filter(registration_id__in=registration_ids).delete()
    MeetingRequest.objects.filter(requester_id__in=registration_ids).update(message="")
    Registration.objects.filter(pk__in=registration_ids).update(
        user=None, offer="", seek="", languages=[]
    )
    return purged
