"""Organisations the coordinators allowed to organise events."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AllowedOrganiser(models.Model):
    """An organisation a coordinator of its city allowed to create, publish and
    run events of its own."""

    organisation = models.OneToOneField(
        "directory.Organisation",
        on_delete=models.CASCADE,
        related_name="event_permit",
        verbose_name=_("organisation"),
    )
    allowed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("allowed by"),
    )
    allowed_at = models.DateTimeField(_("allowed at"), default=timezone.now)

    class Meta:
        verbose_name = _("allowed event organiser")
        verbose_name_plural = _("allowed event organisers")
        ordering = ["organisation__name", "pk"]

    def __str__(self) -> str:
        return str(self.organisation)
