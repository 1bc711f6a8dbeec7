from typing import Any, TypeVar

from django.contrib import admin
from django.db.models import Count, Model
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from tandem.matching import indexing
from tandem.matching.models import Embedding, SuggestionFeedback

_M = TypeVar("_M", bound=Model)


class ReadOnlyAdmin(admin.ModelAdmin[_M]):
    """Derived or member-given data: shown, never edited here."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(
        self, request: HttpRequest, obj: _M | None = None
    ) -> bool:
        return False


@admin.register(Embedding)
class EmbeddingAdmin(ReadOnlyAdmin[Embedding]):
    list_display = ["encoder", "organisation", "opportunity", "language", "created_at"]
    list_filter = ["encoder", "language"]
    raw_id_fields = ["organisation", "opportunity"]
    exclude = ["vector", "sentence_vectors"]

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        try:
            in_use = indexing.encoder_name()
        except indexing.EncoderUnavailable as exc:
            in_use = str(exc)
        counts = ", ".join(
            f"{row['encoder']}: {row['n']}"
            for row in Embedding.objects.values("encoder")
            .annotate(n=Count("pk"))
            .order_by("encoder")
        )
        title = _("Embeddings. Encoder in use: %(encoder)s (stored: %(counts)s)") % {
            "encoder": in_use,
            "counts": counts or "0",
        }
        return super().changelist_view(
            request, {**(extra_context or {}), "title": title}
        )


@admin.register(SuggestionFeedback)
class SuggestionFeedbackAdmin(ReadOnlyAdmin[SuggestionFeedback]):
    list_display = [
        "organisation",
        "target_organisation",
        "target_opportunity",
        "value",
        "created_at",
    ]
    list_filter = ["value"]
    raw_id_fields = ["organisation", "target_organisation", "target_opportunity"]
