from typing import Any

from django import forms
from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from tandem.forms import TranslatedText, TranslationsMixin
from tandem.i18n import language_codes
from tandem.legal.models import LegalText
from tandem.legal.rendering import render_legal_text
from tandem.legal.selectors import current_text
from tandem.legal.services import publish_legal_text

HELP = _(
    "Plain text: a blank line between paragraphs; a line starting with "
    "“## ” is a heading, lines starting with “- ” form a list."
)


class LegalTextForm(TranslationsMixin, forms.ModelForm):  # type: ignore[type-arg]  # ModelForm[LegalText] is not subscriptable at run time
    """A new version: the text in every language, one field each."""

    TRANSLATED = {
        "body": TranslatedText(
            labels={
                "de": capfirst(_("text in German")),
                "ro": capfirst(_("text in Romanian")),
                "en": capfirst(_("text in English")),
            },
            rows=20,
            required=True,
        )
    }

    class Meta:
        model = LegalText
        fields = ["kind", "published_at"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, value in self.translations_initial(self.instance).items():
            self.fields[key].initial = value
        for code in language_codes():
            self.fields[f"body_{code}"].help_text = HELP


@admin.register(LegalText)
class LegalTextAdmin(admin.ModelAdmin[LegalText]):
    """Each save adds a new version; saved versions are kept as they were,
    since people's consent names them."""

    form = LegalTextForm
    list_display = ["kind", "version", "published_at", "created_by"]
    list_filter = ["kind"]
    ordering = ["kind", "-version"]

    def get_fields(self, request: HttpRequest, obj: LegalText | None = None) -> Any:
        if obj is None:
            return super().get_fields(request, obj)
        return ["kind", "version", "published_at", "created_by", "created_at", "texts"]

    @admin.display(description=_("text"))
    def texts(self, obj: LegalText) -> str:
        return format_html_join(
            "\n",
            '<section lang="{}"><h3>{}</h3>{}</section>',
            (
                (code, name, render_legal_text(obj.body_translations.get(code, "")))
                for code, name in settings.LANGUAGES
            ),
        )

    def has_change_permission(
        self, request: HttpRequest, obj: LegalText | None = None
    ) -> bool:
        return False

    def has_delete_permission(
        self, request: HttpRequest, obj: LegalText | None = None
    ) -> bool:
        return False

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        """The version in force of the kind asked for (``?kind=``), to edit."""
        initial: dict[str, Any] = {**super().get_changeform_initial_data(request)}
        initial.setdefault("published_at", timezone.now())
        kind = request.GET.get("kind", "")
        if kind in LegalText.Kind.values and (text := current_text(kind=kind)):
            initial |= {
                f"body_{code}": body for code, body in text.body_translations.items()
            }
        return initial

    def save_model(
        self, request: HttpRequest, obj: LegalText, form: Any, change: bool
    ) -> None:
        saved = publish_legal_text(
            kind=obj.kind,
            body_translations=form.translations("body"),
            published_at=obj.published_at,
            by=request.user,  # type: ignore[arg-type]  # staff only reach the admin
        )
        obj.pk, obj.version = saved.pk, saved.version
