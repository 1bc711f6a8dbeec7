import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def _new_key() -> str:
    return secrets.token_urlsafe(24)


class DataExport(models.Model):
    """An archive of what Tandem holds about a person, built in the background,
    downloadable by them alone until it expires; then removed.

    The file lies under ``MEDIA_ROOT/private/`` with a random name (``key``),
    never served as a static file: only ``privacy:export_download`` serves it.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="data_exports",
        verbose_name=_("user"),
    )
    key = models.CharField(_("key"), max_length=64, unique=True, default=_new_key)
    created_at = models.DateTimeField(_("asked for at"), default=timezone.now)
    ready_at = models.DateTimeField(_("ready at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)

    class Meta:
        verbose_name = _("data export")
        verbose_name_plural = _("data exports")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The sweep of expired archives: expires_at < now.
            models.Index(fields=["expires_at"], name="data_export_expiry"),
        ]

    def __str__(self) -> str:
        return f"Data export {self.pk}"

    @property
    def is_ready(self) -> bool:
        return self.ready_at is not None
