"""Stored embeddings of profiles, and members' feedback on suggestions.

The vector indexes under ``DATA_DIR/matching/`` are derived from ``Embedding``
rows and can be rebuilt from them at any time.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Embedding(models.Model):
    """The vectors of one profile's text, for one encoder.

    ``text_hash`` (of the encoder's name and the normalised text) tells whether
    the text changed since it was encoded; rows of different encoders never mix
    because every read filters by ``encoder``.
    """

    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="embeddings",
        verbose_name=_("organisation"),
    )
    opportunity = models.ForeignKey(
        "directory.Opportunity",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="embeddings",
        verbose_name=_("opportunity"),
    )
    encoder = models.CharField(_("encoder"), max_length=200)
    text_hash = models.CharField(_("text hash"), max_length=64)
    language = models.CharField(_("language"), max_length=8)
    dim = models.PositiveIntegerField(_("dimensions"))
    # float32, ``dim`` values, L2-normalised.
    vector = models.BinaryField(_("vector"))
    sentences = models.JSONField(_("sentences"), default=list)
    # float32, len(sentences) × dim, for the matching sentence pair of a reason.
    sentence_vectors = models.BinaryField(_("sentence vectors"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("embedding")
        verbose_name_plural = _("embeddings")
        ordering = ["encoder", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(organisation__isnull=False, opportunity__isnull=True)
                    | Q(organisation__isnull=True, opportunity__isnull=False)
                ),
                name="embedding_one_profile",
            ),
            models.UniqueConstraint(
                fields=["encoder", "organisation"],
                condition=Q(organisation__isnull=False),
                name="embedding_unique_organisation",
            ),
            models.UniqueConstraint(
                fields=["encoder", "opportunity"],
                condition=Q(opportunity__isnull=False),
                name="embedding_unique_opportunity",
            ),
        ]

    def __str__(self) -> str:
        profile = (
            f"organisation {self.organisation_id}"
            if self.organisation_id
            else f"opportunity {self.opportunity_id}"
        )
        return f"{self.encoder}: {profile}"


class SuggestionFeedback(models.Model):
    """What an organisation's members said about a suggested organisation or
    opportunity; it lifts or lowers that target in the organisation's suggestions."""

    class Value(models.TextChoices):
        INTERESTED = "interested", _("Interested")
        NOT_RELEVANT = "not_relevant", _("Not relevant")

    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.CASCADE,
        related_name="suggestion_feedback",
        verbose_name=_("organisation giving the feedback"),
    )
    target_organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("suggested organisation"),
    )
    target_opportunity = models.ForeignKey(
        "directory.Opportunity",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("suggested opportunity"),
    )
    value = models.CharField(_("feedback"), max_length=20, choices=Value.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("given by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("feedback on a suggestion")
        verbose_name_plural = _("feedback on suggestions")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        target_organisation__isnull=False,
                        target_opportunity__isnull=True,
                    )
                    | Q(
                        target_organisation__isnull=True,
                        target_opportunity__isnull=False,
                    )
                ),
                name="feedback_one_target",
            ),
            models.UniqueConstraint(
                fields=["organisation", "target_organisation"],
                condition=Q(target_organisation__isnull=False),
                name="feedback_unique_organisation",
            ),
            models.UniqueConstraint(
                fields=["organisation", "target_opportunity"],
                condition=Q(target_opportunity__isnull=False),
                name="feedback_unique_opportunity",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} → {self.target_key}: {self.value}"

    @property
    def target_key(self) -> str:
        if self.target_organisation_id:
            return f"org:{self.target_organisation_id}"
        return f"opp:{self.target_opportunity_id}"
