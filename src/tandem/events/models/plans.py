"""Scheduler runs: the plans the organisers read and publish."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tandem.events.models.events import Event


class PlanRun(models.Model):
    """One run of the scheduler: the plan it found and how good it is.

    Organisers publish a finished run; ``based_on_version`` guards against a
    plan published by someone else in between.
    """

    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting to run")
        RUNNING = "running", _("Running")
        FINISHED = "finished", _("Finished")
        FAILED = "failed", _("Failed")
        PUBLISHED = "published", pgettext_lazy("plan state", "Published")

    event = models.ForeignKey(
        Event,
        on_delete=models.CASCADE,
        related_name="plan_runs",
        verbose_name=_("event"),
    )
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.QUEUED
    )
    based_on_version = models.PositiveIntegerField(_("based on plan version"))
    time_limit_seconds = models.PositiveSmallIntegerField(
        _("time limit in seconds"),
        default=20,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
    )
    # request id → [slot id, table or null]
    assignment = models.JSONField(_("assignment"), default=dict, blank=True)
    objective = models.PositiveIntegerField(_("total weight"), default=0)
    bound = models.PositiveIntegerField(_("upper bound"), default=0)
    greedy_objective = models.PositiveIntegerField(_("greedy weight"), default=0)
    solver_status = models.CharField(_("solver status"), max_length=12, blank=True)
    moved = models.PositiveIntegerField(_("meetings moved"), default=0)
    idle_gaps = models.PositiveIntegerField(_("idle slots between meetings"), default=0)
    seconds = models.FloatField(_("seconds"), default=0)
    # [{"code": ..., "request_ids": [...], "slot_ids": [...], "participant_ids": [...]}]
    messages = models.JSONField(_("messages"), default=list, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("scheduler run")
        verbose_name_plural = _("scheduler runs")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.event} #{self.pk}"

    @property
    def share_of_bound(self) -> float:
        return 1.0 if self.bound <= 0 else self.objective / self.bound

    @property
    def greedy_share_of_bound(self) -> float:
        return 1.0 if self.bound <= 0 else self.greedy_objective / self.bound

    @property
    def percent_of_bound(self) -> float:
        return 100 * self.share_of_bound

    @property
    def greedy_percent_of_bound(self) -> float:
        return 100 * self.greedy_share_of_bound
