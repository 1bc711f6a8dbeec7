from django.conf import settings
from django.core.validators import (
    MaxLengthValidator,
    MaxValueValidator,
    MinValueValidator,
)
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tandem.i18n import for_reader, translations_field

LANGUAGE_CHOICES = settings.LANGUAGES
# The longest texts people write here, in characters: forms, API and
# services (the importer too) refuse longer ones.
DESCRIPTION_MAX_LENGTH = 5000
REASON_MAX_LENGTH = 2000


class OrganisationKind(models.TextChoices):
    STARTUP = "startup", _("Start-up")
    COMPANY = "company", _("Company")
    IT_SERVICES = "it_services", _("IT services")
    UNIVERSITY = "university", _("University")
    RESEARCH_INSTITUTE = "research_institute", _("Research institute")
    AGRICULTURAL = "agricultural", _("Agricultural enterprise")
    CLUSTER = "cluster", _("Cluster or association")
    CHAMBER = "chamber", _("Chamber")
    NGO = "ngo", _("NGO")
    MUNICIPAL = "municipal", _("Municipal department")
    OTHER = "other", _("Other")


class SizeBand(models.TextChoices):
    MICRO = "micro", _("1–9 people")
    SMALL = "small", _("10–49 people")
    MEDIUM = "medium", _("50–249 people")
    LARGE = "large", _("250 people or more")


class Organisation(models.Model):
    class Verification(models.TextChoices):
        PENDING = "pending", _("Waiting for verification")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Rejected")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public: listed in the directory once verified")
        HIDDEN = "hidden", _("Hidden: only members and coordinators see it")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=OrganisationKind.choices)
    city = models.ForeignKey(
        "partnerships.City",
        on_delete=models.PROTECT,
        related_name="organisations",
        verbose_name=_("city"),
    )
    areas = models.ManyToManyField(
        "partnerships.Area",
        blank=True,
        related_name="organisations",
        verbose_name=_("areas"),
    )
    description = models.TextField(
        _("description"),
        max_length=DESCRIPTION_MAX_LENGTH,
        validators=[MaxLengthValidator(DESCRIPTION_MAX_LENGTH)],
    )
    language = models.CharField(
        _("language of the description"), max_length=8, choices=LANGUAGE_CHOICES
    )
    description_translations = translations_field(
        _("translations of the description"), max_length=DESCRIPTION_MAX_LENGTH
    )
    languages_spoken = models.JSONField(_("languages spoken"), default=list, blank=True)
    website = models.URLField(_("website"), blank=True)
    size_band = models.CharField(
        _("size"), max_length=10, choices=SizeBand.choices, blank=True
    )
    founded_year = models.PositiveSmallIntegerField(
        _("year founded"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1000), MaxValueValidator(2100)],
    )
    external_id = models.CharField(
        _("external ID"), max_length=100, unique=True, null=True, blank=True
    )
    verification = models.CharField(
        _("verification"),
        max_length=20,
        choices=Verification.choices,
        default=Verification.PENDING,
    )
    review_reason = models.TextField(
        _("reason given by the coordinator"),
        max_length=REASON_MAX_LENGTH,
        blank=True,
        validators=[MaxLengthValidator(REASON_MAX_LENGTH)],
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    # A verified organisation's new name, kind or website waits here for the
    # coordinators' approval (``services.update_organisation``): field -> value.
    pending_changes = models.JSONField(
        _("changes waiting for review"), default=dict, blank=True
    )
    pending_changes_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changes proposed by"),
    )
    pending_changes_at = models.DateTimeField(
        _("changes proposed at"), null=True, blank=True
    )
    visibility = models.CharField(
        _("visibility"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name", "pk"]
        indexes = [
            # The public directory: verified, public organisations of a city.
            models.Index(
                fields=["verification", "visibility", "city"],
                name="org_public_by_city",
            ),
            # A coordinator's queue: organisations of a city waiting for review.
            models.Index(fields=["city", "verification"], name="org_queue_by_city"),
            # A coordinator's queue: verified organisations' changes to review.
            models.Index(
                fields=["city", "pending_changes_at"], name="org_changes_by_city"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("directory:organisation_detail", kwargs={"slug": self.slug})

    @property
    def is_public(self) -> bool:
        return (
            self.verification == self.Verification.VERIFIED
            and self.visibility == self.Visibility.PUBLIC
        )

    def description_for_reader(self) -> tuple[str, str]:
        """(text, language): the reader's translation if there is one."""
        return for_reader(self, "description")

    @property
    def pending_change_rows(self) -> list[tuple[str, str, str]]:
        """(field's label, verified value, proposed value) of each change that
        waits for review, as people read them."""
        rows = []
        for field, value in self.pending_changes.items():
            if field == "kind":
                before = self.get_kind_display()
                after = str(OrganisationKind(value).label)
            else:
                before, after = str(getattr(self, field)), str(value)
            model_field = self._meta.get_field(field)
            assert isinstance(model_field, models.Field)  # name, kind, website
            rows.append((str(model_field.verbose_name).capitalize(), before, after))
        return rows


class OpportunityKind(models.TextChoices):
    BUSINESS_OFFER = "business_offer", _("Business offer")
    BUSINESS_REQUEST = "business_request", _("Business request")
    TECHNOLOGY_OFFER = "technology_offer", _("Technology offer")
    TECHNOLOGY_REQUEST = "technology_request", _("Technology request")
    RESEARCH_OFFER = "research_offer", _("Research cooperation offer")
    RESEARCH_REQUEST = "research_request", _("Research cooperation request")
    KNOWLEDGE_OFFER = "knowledge_offer", _("Knowledge offer")
    KNOWLEDGE_REQUEST = "knowledge_request", _("Knowledge request")


class Opportunity(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Waiting for review")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        REJECTED = "rejected", _("Rejected")
        PUBLISHED = "published", _("Published")
        CLOSED = "closed", _("Closed")
        EXPIRED = "expired", _("Expired")

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="opportunities",
        verbose_name=_("organisation"),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=OpportunityKind.choices)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=500)
    description = models.TextField(
        _("description"),
        max_length=DESCRIPTION_MAX_LENGTH,
        validators=[MaxLengthValidator(DESCRIPTION_MAX_LENGTH)],
    )
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGE_CHOICES)
    areas = models.ManyToManyField(
        "partnerships.Area",
        blank=True,
        related_name="opportunities",
        verbose_name=_("areas"),
    )
    partner_kinds = models.JSONField(
        _("kinds of partner sought"), default=list, blank=True
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    review_reason = models.TextField(
        _("reason given by the coordinator"),
        max_length=REASON_MAX_LENGTH,
        blank=True,
        validators=[MaxLengthValidator(REASON_MAX_LENGTH)],
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    external_id = models.CharField(
        _("external ID"), max_length=100, unique=True, null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("opportunity")
        verbose_name_plural = _("opportunities")
        ordering = ["-published_at", "-pk"]
        indexes = [
            # Public lists: published opportunities, newest first, not yet expired.
            models.Index(
                fields=["status", "-published_at", "expires_at"],
                name="opp_published",
            ),
            # Expiry sweep: published opportunities past their expiry date.
            models.Index(fields=["status", "expires_at"], name="opp_expiry"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("directory:opportunity_detail", kwargs={"pk": self.pk})

    @property
    def is_public(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and (self.expires_at is None or self.expires_at > timezone.now())
            and self.organisation.is_public
        )

    @property
    def is_offer(self) -> bool:
        return self.kind.endswith("_offer")
