from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tandem.i18n import translated


class LegalText(models.Model):
    """One version of the imprint, the privacy notice or the accessibility
    statement, in every language of the site.

    A version is never changed once saved: a change is a new version, so a
    person's consent names the exact text they accepted.  The version in force
    is the highest one whose publication time has come.
    """

    class Kind(models.TextChoices):
        IMPRINT = "imprint", _("Imprint")
        PRIVACY = "privacy", _("Privacy notice")
        ACCESSIBILITY = "accessibility", _("Accessibility statement")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    version = models.PositiveIntegerField(_("version"))
    published_at = models.DateTimeField(
        _("published at"),
        help_text=_("The text is in force from this moment; it may be in the future."),
    )
    # Plain text by language code: paragraphs separated by a blank line,
    # "## " starts a heading, "- " a list item (see legal.rendering).
    body_translations = models.JSONField(_("text"), default=dict)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        verbose_name = _("legal text")
        verbose_name_plural = _("legal texts")
        ordering = ["kind", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "version"], name="legal_text_version_once_per_kind"
            ),
            models.CheckConstraint(
                condition=models.Q(version__gte=1), name="legal_text_version_from_1"
            ),
        ]
        indexes = [
            # current_text: WHERE kind = ? AND published_at <= ? ORDER BY version DESC
            models.Index(fields=["kind", "-version"], name="legal_text_kind_version"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.version}"

    @property
    def body(self) -> str:
        """The text in the reader's language."""
        return translated(self, "body")
