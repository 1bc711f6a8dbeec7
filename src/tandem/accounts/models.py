from typing import Any, ClassVar, TypeAlias

from django.conf import settings
from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _


class UserManager(DjangoUserManager["User"]):
    """Users log in with their e-mail address; there is no username."""

    def _create_user_object(
        self, email: str, password: str | None, **extra_fields: Any
    ) -> "User":
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.password = ""
        user.set_password(password)
        return user

    def _create_user(
        self, email: str, password: str | None, **extra_fields: Any
    ) -> "User":
        user = self._create_user_object(email, password, **extra_fields)
        user.save(using=self._db)
        return user

    def create_user(  # type: ignore[override]  # no username argument
        self, email: str, password: str | None = None, **extra_fields: Any
    ) -> "User":
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(  # type: ignore[override]  # no username argument
        self, email: str, password: str | None = None, **extra_fields: Any
    ) -> "User":
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    username = None  # type: ignore[assignment]  # e-mail is the login
    email = models.EmailField(_("e-mail address"), unique=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("Tandem's pages and e-mails use this language."),
    )
    # Set when the person deleted their account: the row stays, emptied of
    # everything personal, so what others rely on (their messages, meetings,
    # registrations counted by the organisers) keeps its author as "a former
    # member".
    deleted_at = models.DateTimeField(_("deleted at"), null=True, blank=True)
    # The version of the privacy notice (tandem.legal) the person accepted;
    # 0: the example notice of a site whose operator has written none yet.
    privacy_notice_version = models.PositiveIntegerField(
        _("privacy notice accepted (version)"), default=0
    )
    privacy_notice_accepted_at = models.DateTimeField(
        _("privacy notice accepted at"), null=True, blank=True
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects: ClassVar[UserManager] = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        if self.deleted_at is not None:
            return str(FORMER_MEMBER)
        # Never the e-mail address: str(user) ends up on pages others read.
        return self.get_full_name().strip() or gettext("a Tandem member")


# How Tandem names the author of what a deleted account left behind.
FORMER_MEMBER = _("a former member")

# Whoever reads a page or calls the API: signed in, or not.
Viewer: TypeAlias = User | AnonymousUser


# The longest message with a request to join an organisation, in characters.
MEMBERSHIP_MESSAGE_MAX_LENGTH = 2000


class Membership(models.Model):
    """A user's role in an organisation; a pending membership is a request to join."""

    class Role(models.TextChoices):
        OWNER = "owner", _("Owner")
        EDITOR = "editor", _("Editor")
        VIEWER = "viewer", _("Viewer")

    class State(models.TextChoices):
        PENDING = "pending", _("Asked to join")
        ACTIVE = "active", pgettext_lazy("membership state", "Active")

    user = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(
        _("role"), max_length=10, choices=Role.choices, default=Role.VIEWER
    )
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.ACTIVE
    )
    message = models.TextField(
        _("message"),
        max_length=MEMBERSHIP_MESSAGE_MAX_LENGTH,
        blank=True,
        validators=[MaxLengthValidator(MEMBERSHIP_MESSAGE_MAX_LENGTH)],
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation_id", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="membership_once_per_user"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"


class CoordinatorRole(models.Model):
    """The user coordinates the partnership for this city's international office."""

    user = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        related_name="coordinator_roles",
        verbose_name=_("user"),
    )
    city = models.ForeignKey(
        "partnerships.City",
        on_delete=models.CASCADE,
        related_name="coordinator_roles",
        verbose_name=_("city"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("coordinator role")
        verbose_name_plural = _("coordinator roles")
        ordering = ["city_id", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "city"], name="coordinator_once_per_city"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.city}"


class ApiToken(models.Model):
    """A personal API token; only its SHA-256 hash is kept."""

    class Scope(models.TextChoices):
        READ = "read", _("Read only")
        READ_WRITE = "read_write", _("Read and write")

    class RevokedBecause(models.TextChoices):
        OWNER = "owner", _("Revoked by its owner")
        PASSWORD_CHANGED = "password_changed", _("Revoked when the password changed")

    user = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("user"),
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=12)
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True)
    scope = models.CharField(_("access"), max_length=10, choices=Scope.choices)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_because = models.CharField(
        _("revoked because"),
        max_length=20,
        choices=RevokedBecause.choices,
        blank=True,
    )

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def read_only(self) -> bool:
        return self.scope == self.Scope.READ
