"""Reads of notifications for pages, the header and the API."""

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from tandem.notifications.models import Notification

if TYPE_CHECKING:
    from tandem.accounts.models import User


def notifications_of(*, viewer: "User") -> QuerySet[Notification]:
    """The viewer's notifications, newest first (texts need no joins)."""
    return Notification.objects.filter(user=viewer).order_by("-created_at", "-pk")


def unread_count(*, viewer: "User") -> int:
    return Notification.objects.filter(user=viewer, read_at__isnull=True).count()
