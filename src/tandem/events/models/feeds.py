"""Which addresses of a user's personal calendar feeds work."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CalendarFeedKey(models.Model):
    """Which generation of a user's personal calendar feed addresses works:
    making new addresses stops the old ones in every calendar app."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feed_key",
        verbose_name=_("user"),
    )
    generation = models.PositiveIntegerField(_("generation"), default=0)
    renewed_at = models.DateTimeField(_("renewed at"), default=timezone.now)

    class Meta:
        verbose_name = _("calendar feed key")
        verbose_name_plural = _("calendar feed keys")

    def __str__(self) -> str:
        return f"{self.user} ({self.generation})"
