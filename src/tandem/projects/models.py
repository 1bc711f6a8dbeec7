"""Joint projects of organisations of the two partner cities.

A partner row keeps the organisation's name and city, so the project's history
stays readable after the organisation is deleted ("former partner").
"""

from django.conf import settings
from django.core.validators import MaxLengthValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tandem.i18n import for_reader, translations_field

LANGUAGE_CHOICES = settings.LANGUAGES
# The longest texts people write here, in characters: forms, API and
# services (the importer too) refuse longer ones.
SUMMARY_MAX_LENGTH = 5000
NOTE_MAX_LENGTH = 2000


class FundingSource(models.TextChoices):
    OWN = "own", _("Own funds")
    CITY = "city", _("City funding")
    NATIONAL = "national", _("National funding")
    HORIZON_EUROPE = "horizon_europe", _("Horizon Europe")
    INTERREG = "interreg", _("Interreg")
    ERASMUS_PLUS = "erasmus_plus", _("Erasmus+")
    CERV_TOWN_TWINNING = "cerv_town_twinning", _("CERV town twinning")
    PRIVATE = "private", _("Private funding")
    OTHER = "other", _("Other funding")


class Currency(models.TextChoices):
    EUR = "EUR", _("Euro (EUR)")
    RON = "RON", _("Romanian leu (RON)")


class Project(models.Model):
    class Status(models.TextChoices):
        IDEA = "idea", _("Idea")
        PREPARING = "preparing", _("In preparation")
        RUNNING = "running", pgettext_lazy("project status", "Running")
        COMPLETED = "completed", pgettext_lazy("project status", "Completed")
        STOPPED = "stopped", pgettext_lazy("project status", "Stopped")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public: everybody sees the project page")
        PARTNERS = "partners", _("Partners only: members of the partner organisations")

    partnership = models.ForeignKey(
        "partnerships.Partnership",
        on_delete=models.PROTECT,
        related_name="projects",
        verbose_name=_("partnership"),
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(
        _("summary"),
        max_length=SUMMARY_MAX_LENGTH,
        validators=[MaxLengthValidator(SUMMARY_MAX_LENGTH)],
    )
    language = models.CharField(
        _("language of the title and summary"),
        max_length=8,
        choices=LANGUAGE_CHOICES,
    )
    title_translations = translations_field(
        _("translations of the title"), max_length=200
    )
    summary_translations = translations_field(
        _("translations of the summary"), max_length=SUMMARY_MAX_LENGTH
    )
    areas = models.ManyToManyField(
        "partnerships.Area",
        blank=True,
        related_name="projects",
        verbose_name=_("areas"),
    )
    start_on = models.DateField(_("start date"), null=True, blank=True)
    end_on = models.DateField(_("end date"), null=True, blank=True)
    funding_source = models.CharField(
        _("funding source"), max_length=30, choices=FundingSource.choices, blank=True
    )
    funding_amount = models.DecimalField(
        _("funding amount"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.EUR
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.IDEA
    )
    visibility = models.CharField(
        _("visibility"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
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
        verbose_name = _("joint project")
        verbose_name_plural = _("joint projects")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_on__isnull=True)
                | Q(end_on__isnull=True)
                | Q(end_on__gte=F("start_on")),
                name="project_ends_after_start",
                violation_error_code="end_before_start",
                violation_error_message=_("The end date is before the start date."),
            ),
            models.CheckConstraint(
                condition=Q(funding_amount__isnull=True) | Q(funding_amount__gte=0),
                name="project_funding_not_negative",
            ),
        ]
        indexes = [
            # The public list and the home page counts: public projects by status.
            models.Index(fields=["visibility", "status"], name="project_public_status"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("projects:project_detail", kwargs={"pk": self.pk})

    @property
    def is_public(self) -> bool:
        return self.visibility == self.Visibility.PUBLIC

    @property
    def is_closed(self) -> bool:
        return self.status in {self.Status.COMPLETED, self.Status.STOPPED}

    def title_for_reader(self) -> tuple[str, str]:
        """(text, language): the reader's translation of the title if there is one."""
        return for_reader(self, "title")

    def summary_for_reader(self) -> tuple[str, str]:
        return for_reader(self, "summary")


class ProjectPartner(models.Model):
    """An organisation's place in a project: invited, active, declined, left, or
    invited and then withdrawn by the project's managers."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead partner")
        PARTNER = "partner", _("Partner")
        ASSOCIATED = "associated", _("Associated partner")

    class State(models.TextChoices):
        INVITED = "invited", _("Invited")
        ACTIVE = "active", pgettext_lazy("project partner state", "Active")
        DECLINED = "declined", _("Declined")
        LEFT = "left", _("Left the project")
        WITHDRAWN = "withdrawn", _("Invitation withdrawn")

    project = models.ForeignKey(
        Project,
        on_delete=models.CASCADE,
        related_name="partners",
        verbose_name=_("project"),
    )
    # SET_NULL: a deleted organisation stays in the project as a former partner.
    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="project_partners",
        verbose_name=_("organisation"),
    )
    organisation_name = models.CharField(_("name of the organisation"), max_length=200)
    organisation_city = models.ForeignKey(
        "partnerships.City",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("city of the organisation"),
    )
    role = models.CharField(
        _("role"), max_length=12, choices=Role.choices, default=Role.PARTNER
    )
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.INVITED
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    invited_at = models.DateTimeField(_("invited at"), default=timezone.now)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("project partner")
        verbose_name_plural = _("project partners")
        ordering = ["project_id", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organisation"],
                condition=Q(organisation__isnull=False),
                name="project_partner_once",
                violation_error_code="already_partner",
                violation_error_message=_(
                    "This organisation is already in the project."
                ),
            ),
            models.UniqueConstraint(
                fields=["project"],
                condition=Q(role="lead"),
                name="project_one_lead",
            ),
        ]
        indexes = [
            # Projects of an organisation, and invitations waiting for it.
            models.Index(fields=["organisation", "state"], name="project_partner_org"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_name} – {self.project}"

    @property
    def is_former(self) -> bool:
        """The organisation was deleted; its name and city are kept."""
        return self.organisation_id is None


class Milestone(models.Model):
    project = models.ForeignKey(
        Project,
        on_delete=models.CASCADE,
        related_name="milestones",
        verbose_name=_("project"),
    )
    title = models.CharField(_("title"), max_length=200)
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    owner = models.ForeignKey(
        ProjectPartner,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="milestones",
        verbose_name=_("owner organisation"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.title


class Indicator(models.TextChoices):
    JOBS_CREATED = "jobs_created", _("Jobs created")
    PILOTS_DEPLOYED = "pilots_deployed", _("Pilots deployed")
    STUDENTS_EXCHANGED = "students_exchanged", _("Students exchanged")
    PUBLICATIONS = "publications", _("Publications")
    FUNDING_OBTAINED = "funding_obtained", _("Funding obtained")
    EVENTS_HELD = "events_held", _("Events held")
    OTHER = "other", _("Other result")


class Outcome(models.Model):
    project = models.ForeignKey(
        Project,
        on_delete=models.CASCADE,
        related_name="outcomes",
        verbose_name=_("project"),
    )
    indicator = models.CharField(
        _("indicator"), max_length=30, choices=Indicator.choices
    )
    number = models.DecimalField(
        _("number"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    unit = models.CharField(
        _("unit"),
        max_length=40,
        blank=True,
        help_text=_("For example “people”, “EUR” or “pilots”."),
    )
    note = models.TextField(
        _("note"),
        max_length=NOTE_MAX_LENGTH,
        blank=True,
        validators=[MaxLengthValidator(NOTE_MAX_LENGTH)],
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        ordering = ["indicator", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(number__gte=0), name="outcome_number_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_indicator_display()}: {self.number}"


class ProjectChange(models.Model):
    """One entry of a project's history: who changed what, with before and after."""

    project = models.ForeignKey(
        Project,
        on_delete=models.CASCADE,
        related_name="changes",
        verbose_name=_("project"),
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    at = models.DateTimeField(_("changed at"), default=timezone.now)
    what = models.CharField(_("what changed"), max_length=40)
    before = models.JSONField(_("before"), default=dict, blank=True)
    after = models.JSONField(_("after"), default=dict, blank=True)

    class Meta:
        verbose_name = _("project change")
        verbose_name_plural = _("project changes")
        ordering = ["-at", "-pk"]
        indexes = [
            # A project's history, newest first.
            models.Index(fields=["project", "-at"], name="project_change_history"),
        ]

    def __str__(self) -> str:
        return f"{self.project} – {self.what}"
