from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppendOnly(Exception):
    """An audit entry was about to be changed or deleted."""


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnly("Audit entries cannot be changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnly("Audit entries cannot be deleted.")


class AuditEntry(models.Model):
    """One privileged act: when, who (or the system), what, on which object.

    Append-only: the trail is written by ``tandem.audit.services.record`` and
    never changed. The actor is kept as a reference only: when the person's
    account is deleted the entry stays and reads "a former member".
    """

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    by_system = models.BooleanField(_("by the system"), default=False)
    action = models.CharField(_("what"), max_length=64, db_index=True)
    target_type = models.CharField(_("type of object"), max_length=100)
    target_id = models.CharField(_("object id"), max_length=64, blank=True)
    target_label = models.CharField(_("object"), max_length=300, blank=True)
    # Whose coordinators may read the entry; none: staff only.
    city = models.ForeignKey(
        "partnerships.City",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("city"),
    )
    # The other city of a partnership, for acts both cities' coordinators
    # may read (an online event belongs to both).
    also_city = models.ForeignKey(
        "partnerships.City",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("also the city"),
    )
    # {"field": [before, after], ...}: values as stored (codes, not labels).
    changes = models.JSONField(_("before → after"), default=dict, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    objects: ClassVar[models.Manager["AuditEntry"]] = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.target_label}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The one invariant no caller may break: an entry, once written, stays.
        if self.pk is not None:
            raise AppendOnly("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnly("Audit entries cannot be deleted.")
