"""Writes of notifications: creating them, reading, preferences, e-mail.

``notify`` and ``notify_many`` (many readers, each their own parameters) are
the one door the other apps use: call them inside the caller's transaction;
e-mails go out after commit, per each recipient's preference.
"""

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from tandem.accounts.models import User
from tandem.errors import PermissionDenied, ValidationError
from tandem.notifications import kinds
from tandem.notifications.emails import send_digest_email
from tandem.notifications.models import Channel, Notification, NotificationPreference
from tandem.notifications.selectors import channels_for
from tandem.notifications.tasks import send_notification_email


def _channels_of(users: list[User], kind: str) -> dict[int, str]:
    chosen = dict(
        NotificationPreference.objects.filter(user__in=users, kind=kind).values_list(
            "user_id", "channel"
        )
    )
    default = kinds.default_channel(kind)
    return {user.pk: chosen.get(user.pk, default) for user in users}


@dataclass(frozen=True)
class Notice:
    """One notification to store for ``user``, with its own parameters and link.

    ``marker`` (optional) makes it once-only per user: a user who already has a
    notification with that marker is skipped.
    """

    user: User
    params: Mapping[str, Any]
    url: str = ""
    marker: str = ""


def notify(
    *,
    recipients: Iterable[User],
    kind: str,
    params: Mapping[str, Any],
    url: str = "",
    actor: User | None = None,
    marker: str = "",
) -> None:
    """Store the same notification for each recipient, once for one listed
    twice, by the rules of ``notify_many``: inactive users, ``actor`` and those
    who chose "none" for the kind are skipped; immediate e-mails are queued
    after commit.

    Raises ValueError for an unknown kind.
    """
    seen: set[int] = set()
    notices = []
    for user in recipients:
        if user.pk not in seen:
            seen.add(user.pk)
            notices.append(Notice(user, params, url, marker))
    notify_many(kind=kind, notices=notices, actor=actor)


def notify_many(
    *, kind: str, notices: Iterable[Notice], actor: User | None = None
) -> None:
    """Store a notification of ``kind`` for each notice; queue immediate e-mails
    after commit.

    Skipped: notices to inactive users, to ``actor``, to users who chose "none"
    for the kind, and marked ones a user already has. A user may get several
    (one per notice). One query for the preferences (and one for the markers)
    and one insert, however many notices.

    Raises ValueError for an unknown kind.
    """
    if not kinds.is_kind(kind):
        raise ValueError(f"Unknown notification kind {kind!r}")
    wanted = [
        notice
        for notice in notices
        if notice.user.is_active and (actor is None or notice.user.pk != actor.pk)
    ]
    if not wanted:
        return
    if any(notice.marker for notice in wanted):
        wanted = _unmarked(wanted)
    users = {notice.user.pk: notice.user for notice in wanted}
    channels = _channels_of(list(users.values()), kind)
    link = kinds.get(kind).link
    rows = [
        Notification(
            user=notice.user,
            kind=kind,
            params=dict(notice.params),
            url=notice.url or (link(notice.params) if link else ""),
            actor=actor,
            marker=notice.marker,
            channel=channels[notice.user.pk],
        )
        for notice in wanted
        if channels[notice.user.pk] != Channel.NONE
    ]
    for row in rows:
        row.full_clean(exclude=["user", "actor"])
    with transaction.atomic():
        created = Notification.objects.bulk_create(rows)
    immediate = [n.pk for n in created if n.channel == Channel.IMMEDIATE]
    if immediate:

        def enqueue() -> None:
            for pk in immediate:
                send_notification_email.enqueue(pk)

        transaction.on_commit(enqueue)


def _unmarked(notices: list[Notice]) -> list[Notice]:
    """The notices without a marker, and those whose marker their user has not
    had yet (once, if two notices share a user and a marker)."""
    done = set(
        Notification.objects.filter(
            user__in={notice.user.pk for notice in notices if notice.marker},
            marker__in={notice.marker for notice in notices if notice.marker},
        ).values_list("user_id", "marker")
    )
    kept = []
    for notice in notices:
        if notice.marker:
            key = (notice.user.pk, notice.marker)
            if key in done:
                continue
            done.add(key)
        kept.append(notice)
    return kept


@transaction.atomic
def mark_read(*, notification: Notification, by: User) -> Notification:
    """Raises PermissionDenied when the notification is someone else's."""
    if notification.user_id != by.pk:
        raise PermissionDenied
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


@transaction.atomic
def mark_all_read(*, by: User) -> int:
    """Mark all the user's unread notifications read; returns how many."""
    return Notification.objects.filter(user=by, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic
def set_preferences(*, by: User, channels: Mapping[str, str]) -> dict[str, str]:
    """Raises ValidationError for an unknown kind or channel; returns all channels."""
    errors = {}
    for kind, channel in channels.items():
        if not kinds.is_kind(kind):
            errors[kind] = ValidationError("Unknown kind.", code="unknown_kind")
        elif channel not in Channel.values:
            errors[kind] = ValidationError("Unknown channel.", code="invalid_channel")
    if errors:
        raise ValidationError(errors)
    for kind, channel in channels.items():
        NotificationPreference.objects.update_or_create(
            user=by, kind=kind, defaults={"channel": channel}
        )
    return channels_for(user=by)


@transaction.atomic
def unsubscribe(*, user: User, kind: str) -> NotificationPreference:
    """Stop notifications of this kind for the user (channel "none")."""
    if not kinds.is_kind(kind):
        raise ValidationError("Unknown kind.", code="unknown_kind")
    preference, _created = NotificationPreference.objects.update_or_create(
        user=user, kind=kind, defaults={"channel": Channel.NONE}
    )
    return preference


def send_digests(*, now: datetime.datetime | None = None) -> int:
    """Send each user one e-mail with their unsent digest notifications created
    up to ``now``; marks them e-mailed, so a second run sends nothing.
    Returns the number of e-mails sent."""
    now = now or timezone.now()
    user_ids = (
        Notification.objects.filter(
            channel=Channel.DIGEST, emailed_at__isnull=True, created_at__lte=now
        )
        .values_list("user_id", flat=True)
        .distinct()
        .order_by("user_id")
    )
    sent = 0
    for user_id in list(user_ids):
        with transaction.atomic():
            pending = list(
                Notification.objects.select_for_update(of=("self",))
                .filter(
                    user_id=user_id,
                    channel=Channel.DIGEST,
                    emailed_at__isnull=True,
                    created_at__lte=now,
                )
                .select_related("user")
                .order_by("created_at", "pk")
            )
            if not pending:
                continue
            user = pending[0].user
            # A kind switched off or to in-app since is left out (and not sent later).
            current = channels_for(user=user)
            wanted = [
                n
                for n in pending
                if current.get(n.kind) in {Channel.DIGEST, Channel.IMMEDIATE}
            ]
            Notification.objects.filter(pk__in=[n.pk for n in pending]).update(
                emailed_at=now
            )
            if wanted and user.is_active and user.email:
                send_digest_email(user=user, notifications=wanted)
                sent += 1
    return sent
