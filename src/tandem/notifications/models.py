from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tandem.notifications import kinds


class Channel(models.TextChoices):
    IN_APP = kinds.IN_APP, _("On Tandem only")
    IMMEDIATE = kinds.IMMEDIATE, _("E-mail at once")
    DIGEST = kinds.DIGEST, _("Daily e-mail digest")
    NONE = kinds.NONE, _("Not at all")


class Notification(models.Model):
    """Something that happened for a user; the text is rendered from kind+params
    in the reader's language when shown or sent."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("kind"), max_length=40)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    # The channel chosen when it was created: digests send the "digest" ones.
    channel = models.CharField(
        _("channel"), max_length=10, choices=Channel.choices, default=Channel.IN_APP
    )
    # Set by notify_expiring_opportunities: "opportunity:<pk>:<expires_on>",
    # unique per user so the daily command notifies once per expiry date.
    marker = models.CharField(_("marker"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # the header count and list: user=… [AND read_at IS NULL] ORDER BY -pk
            models.Index(fields=["user", "read_at", "-id"], name="notif_user_unread"),
            # digests: kind channel digest, emailed_at IS NULL, per user
            models.Index(fields=["emailed_at", "user"], name="notif_unsent"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "marker"],
                condition=~models.Q(marker=""),
                name="notification_marker_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.user_id}"

    @property
    def text(self) -> str:
        """The one-line text in the active language."""
        return kinds.render_text(self.kind, self.params)

    @property
    def is_unread(self) -> bool:
        return self.read_at is None


class NotificationPreference(models.Model):
    """A user's chosen channel for a kind; absent rows mean the kind's default."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("kind"), max_length=40)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        ordering = ["user_id", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"], name="notification_preference_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.kind} → {self.channel}"
