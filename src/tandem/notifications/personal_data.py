"""The notifications app's part of "Download my data": notifications and the
chosen channels."""

from typing import Any

from tandem.accounts.models import User
from tandem.notifications.models import Notification, NotificationPreference


def export(user: User) -> dict[str, Any]:
    return {
        "notifications": [
            {
                "kind": n.kind,
                "text": n.text,
                "url": n.url,
                "created_at": n.created_at,
                "read_at": n.read_at,
                "emailed_at": n.emailed_at,
            }
            for n in Notification.objects.filter(user=user).order_by("pk")
        ],
        "preferences": {
            p.kind: p.channel
            for p in NotificationPreference.objects.filter(user=user).order_by("kind")
        },
    }
