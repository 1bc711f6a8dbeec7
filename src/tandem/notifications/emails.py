"""Building and sending notification e-mails in the recipient's language."""

from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from tandem.accounts.models import User
from tandem.notifications import kinds
from tandem.notifications.links import absolute_url, localised_path, unsubscribe_token
from tandem.notifications.models import Channel, Notification
from tandem.notifications.selectors import channels_for


def language_of(user: User) -> str:
    return user.preferred_language or settings.LANGUAGE_CODE


def _absolute(path: str) -> str:
    """The link in the active language (stored paths carry the actor's prefix)."""
    return absolute_url(localised_path(path, translation.get_language()))


def _unsubscribe_url(user: User, kind: str) -> str:
    token = unsubscribe_token(user=user, kind=kind)
    return _absolute(reverse("notifications:unsubscribe", kwargs={"token": token}))


def _send(
    *,
    user: User,
    subject: str,
    template: str,
    context: dict[str, Any],
    unsubscribe: str,
) -> None:
    language = language_of(user)
    context = {
        **context,
        "user": user,
        "language": language,
        "unsubscribe_url": unsubscribe,
    }
    prefix = getattr(settings, "ACCOUNT_EMAIL_SUBJECT_PREFIX", "")
    message = EmailMultiAlternatives(
        subject=prefix + subject,
        body=render_to_string(f"notifications/email/{template}.txt", context),
        to=[user.email],
        headers={
            "Content-Language": language,
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(
        render_to_string(f"notifications/email/{template}.html", context), "text/html"
    )
    message.send()


def send_notification_email(*, notification_id: int) -> bool:
    """Send the notification's e-mail unless already sent; True when sent."""
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(of=("self",))
            .select_related("user")
            .filter(pk=notification_id, emailed_at__isnull=True)
            .first()
        )
        if notification is None:
            return False
        user = notification.user
        if not user.is_active or not user.email:
            return False
        # A preference changed since (unsubscribed, in-app only) wins.
        if channels_for(user=user).get(notification.kind) != Channel.IMMEDIATE:
            return False
        with translation.override(language_of(user)):
            _send(
                user=user,
                subject=kinds.render_subject(notification.kind, notification.params),
                template="notification",
                context={
                    "notification": notification,
                    "text": notification.text,
                    "link": _absolute(notification.url),
                    "settings_url": _absolute(reverse("notifications:settings")),
                },
                unsubscribe=_unsubscribe_url(user, notification.kind),
            )
        notification.emailed_at = timezone.now()
        notification.save(update_fields=["emailed_at"])
    return True


def send_digest_email(*, user: User, notifications: list[Notification]) -> None:
    """One e-mail listing the notifications (sent inside the caller's transaction)."""
    with translation.override(language_of(user)):
        items = [
            {"text": n.text, "link": _absolute(n.url), "created_at": n.created_at}
            for n in notifications
        ]
        kinds_in = sorted({n.kind for n in notifications})
        _send(
            user=user,
            subject=gettext("Your daily Tandem digest"),
            template="digest",
            context={
                "items": items,
                "settings_url": _absolute(reverse("notifications:settings")),
            },
            # The header unsubscribes from the first kind; the body links settings.
            unsubscribe=_unsubscribe_url(user, kinds_in[0]),
        )
