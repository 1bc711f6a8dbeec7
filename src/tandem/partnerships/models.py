from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tandem.i18n import check_complete_translations, translated, translations_field


class City(models.Model):
    slug = models.SlugField(_("slug"), unique=True)
    name_translations = translations_field(
        _("name in every language"), help_text=_("By language code: de, ro and en.")
    )
    country = models.CharField(
        _("country"), max_length=2, help_text=_("ISO 3166 code, e.g. DE or RO.")
    )
    languages = models.JSONField(
        _("languages"), default=list, help_text=_('Language codes, e.g. ["de"].')
    )
    time_zone = models.CharField(_("time zone"), max_length=64)

    class Meta:
        verbose_name = _("city")
        verbose_name_plural = _("cities")
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        check_complete_translations(self.name_translations, field="name_translations")

    @property
    def name(self) -> str:
        return translated(self, "name")


class Area(models.Model):
    """A cooperation area; top-level areas come from the agreement."""

    slug = models.SlugField(_("slug"), unique=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent area"),
    )
    name_translations = translations_field(
        _("name in every language"), help_text=_("By language code: de, ro and en.")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["position", "slug"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        check_complete_translations(self.name_translations, field="name_translations")

    @property
    def name(self) -> str:
        return translated(self, "name")


class Partnership(models.Model):
    class Kind(models.TextChoices):
        TWINNING = "twinning", _("Town twinning")
        PROJECT = "project", _("Project partnership")
        FRIENDSHIP = "friendship", _("City friendship")

    class SigningMethod(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        VIDEO_CONFERENCE = "video_conference", _("By video conference")
        CORRESPONDENCE = "correspondence", _("By exchange of letters")

    class Status(models.TextChoices):
        ACTIVE = "active", pgettext_lazy("partnership status", "Active")
        SUSPENDED = "suspended", _("Suspended")
        ENDED = "ended", _("Ended")

    slug = models.SlugField(_("slug"), unique=True)
    city_a = models.ForeignKey(
        City, on_delete=models.PROTECT, related_name="+", verbose_name=_("first city")
    )
    city_b = models.ForeignKey(
        City, on_delete=models.PROTECT, related_name="+", verbose_name=_("second city")
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.PROJECT
    )
    signed_on = models.DateField(_("signed on"))
    signing_method = models.CharField(
        _("how it was signed"), max_length=20, choices=SigningMethod.choices
    )
    agreement_summary_translations = translations_field(
        _("agreement summary in every language"),
        help_text=_("By language code: de, ro and en."),
    )
    focus_areas = models.ManyToManyField(
        Area, related_name="partnerships", verbose_name=_("focus areas")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["signed_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(city_a=models.F("city_b")),
                name="partnership_two_different_cities",
            ),
            models.UniqueConstraint(
                fields=["city_a", "city_b"], name="partnership_unique_pair"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.city_a} ↔ {self.city_b}"

    def clean(self) -> None:
        check_complete_translations(
            self.agreement_summary_translations,
            field="agreement_summary_translations",
        )

    @property
    def agreement_summary(self) -> str:
        return translated(self, "agreement_summary")

    def partner_of(self, city: City) -> City:
        return self.city_b if city.pk == self.city_a_id else self.city_a
