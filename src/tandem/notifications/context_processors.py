from typing import Any

from django.http import HttpRequest

from tandem.notifications.selectors import unread_count


def notifications(request: HttpRequest) -> dict[str, Any]:
    """``unread_notifications``: the header's count of unread notifications.

    A callable, which templates call when they use it: pages that never show
    it run no query, and the count is cached on the request, so it costs one
    query however often a page uses it.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def count() -> int:
        if not hasattr(request, "_unread_notifications"):
            # Per-request cache; HttpRequest has no slot for it.
            request._unread_notifications = unread_count(viewer=user)  # type: ignore[attr-defined]  # a per-request cache
        return int(request._unread_notifications)  # type: ignore[attr-defined]  # set above

    return {"unread_notifications": count}
