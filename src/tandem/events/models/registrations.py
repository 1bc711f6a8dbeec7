"""Registrations: a person taking part for an organisation, and when they can meet."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from tandem.events.models.events import Event, Slot


class Registration(models.Model):
    """A person taking part for an organisation."""

    class Attendance(models.TextChoices):
        ON_SITE = "on_site", _("On site")
        ONLINE = "online", _("Online")

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", pgettext_lazy("registration state", "Cancelled")

    event = models.ForeignKey(
        Event,
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=_("event"),
    )
    # Empty once the registration's retention ended (``purge_expired``) or the
    # user row went: the organisers' figures still count it.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_registrations",
        verbose_name=_("participant"),
    )
    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.CASCADE,
        related_name="event_registrations",
        verbose_name=_("organisation"),
    )
    offer = models.CharField(_("what I offer"), max_length=300, blank=True)
    seek = models.CharField(_("what I seek"), max_length=300, blank=True)
    languages = models.JSONField(
        _("languages"), default=list, blank=True, help_text=_('E.g. ["de", "en"].')
    )
    attendance = models.CharField(
        _("attendance"),
        max_length=10,
        choices=Attendance.choices,
        default=Attendance.ON_SITE,
    )
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING
    )
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    reminded_at = models.DateTimeField(
        _("reminder sent at"),
        null=True,
        blank=True,
        help_text=_("When the e-mail reminder before the event went out."),
    )

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=~Q(state="cancelled"),
                name="registration_once",
                violation_error_code="already_registered",
                violation_error_message=_("You are already registered."),
            ),
        ]
        indexes = [
            # Counting places and promoting the first of the waiting list.
            models.Index(
                fields=["event", "state", "created_at"], name="registration_queue"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.event}"

    @property
    def is_approved(self) -> bool:
        return self.state == self.State.APPROVED

    @property
    def person_name(self) -> str:
        """The person's name; "a former member" once they deleted their
        account; empty without a name or once retention removed the person."""
        if self.user is None:
            return ""
        if self.user.deleted_at is not None:
            return str(self.user)
        return str(self.user.get_full_name())

    @property
    def public_name(self) -> str:
        """The person's name, never their e-mail address (contact details stay
        private until both sides agree); without a name, their organisation's.
        A deleted account reads "a former member"."""
        name = self.person_name.strip()
        if name:
            return str(name)
        return gettext("A participant of %(organisation)s") % {
            "organisation": self.organisation.name
        }


class Availability(models.Model):
    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="availabilities",
        verbose_name=_("registration"),
    )
    slot = models.ForeignKey(
        Slot,
        on_delete=models.CASCADE,
        related_name="availabilities",
        verbose_name=_("slot"),
    )

    class Meta:
        verbose_name = _("availability")
        verbose_name_plural = _("availabilities")
        ordering = ["slot__starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "slot"], name="availability_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.registration} @ {self.slot}"
