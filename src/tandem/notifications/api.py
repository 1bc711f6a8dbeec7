"""The token user's notifications: list them, mark one read."""

import datetime
from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from ninja import Router, Schema
from ninja.pagination import paginate

from tandem.accounts.api import token_auth
from tandem.accounts.http import ApiRequest
from tandem.api.common import LIST_ERRORS, PK, READ_ERRORS, ErrorOut, Pagination
from tandem.notifications import selectors, services
from tandem.notifications.links import absolute_url, localised_path
from tandem.notifications.models import Notification

router = Router(tags=["notifications"])


class NotificationOut(Schema):
    id: int
    kind: str
    params: dict[str, Any]
    text: str
    url: str
    created_at: datetime.datetime
    read_at: datetime.datetime | None

    @staticmethod
    def resolve_text(obj: Notification) -> str:
        return obj.text

    @staticmethod
    def resolve_url(obj: Notification) -> str:
        return absolute_url(localised_path(obj.url, get_language() or "en"))


@router.get(
    "/notifications",
    response={200: list[NotificationOut], **LIST_ERRORS},
    auth=token_auth,
)
@paginate(Pagination)
def list_notifications(
    request: ApiRequest, unread: bool = False
) -> QuerySet[Notification]:
    """Your notifications, newest first; ``unread=true`` for the unread only.
    ``text`` is in the request's language (``Accept-Language``)."""
    notifications = selectors.notifications_of(viewer=request.auth)
    if unread:
        notifications = notifications.filter(read_at__isnull=True)
    return notifications


@router.post(
    "/notifications/{id}/read",
    # 403: a read-only token cannot mark a notification read.
    response={200: NotificationOut, **READ_ERRORS, 403: ErrorOut},
    auth=token_auth,
)
def read_notification(request: ApiRequest, id: PK) -> Notification:
    """Mark one of your notifications read (again: no change)."""
    notification = get_object_or_404(
        selectors.notifications_of(viewer=request.auth), pk=id
    )
    return services.mark_read(notification=notification, by=request.auth)
