"""Reads of notifications for pages, the header and the API."""

from django.db.models import QuerySet

from tandem.accounts.models import User
from tandem.notifications import kinds
from tandem.notifications.models import Notification, NotificationPreference


def notifications_of(*, viewer: User) -> QuerySet[Notification]:
    """The viewer's notifications, newest first (texts need no joins)."""
    return Notification.objects.filter(user=viewer).order_by("-created_at", "-pk")


def unread_count(*, viewer: User) -> int:
    return Notification.objects.filter(user=viewer, read_at__isnull=True).count()


def channels_for(*, user: User) -> dict[str, str]:
    """Every kind's channel for the user: their choice, else the kind's default."""
    chosen = dict(
        NotificationPreference.objects.filter(user=user).values_list("kind", "channel")
    )
    return {
        kind.key: chosen.get(kind.key, kind.default_channel)
        for kind in kinds.registered()
    }
