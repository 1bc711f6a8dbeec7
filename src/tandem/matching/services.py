"""Writes of the matching app: embeddings of profiles, index upkeep, feedback.

Encoding runs in background tasks (``tasks.py``), never in a request; a page
may only build a missing small index from the stored vectors
(``prepare_suggestions``).  A profile's text is re-encoded only when its hash changes; each encoder keeps its
own rows and index, so switching ``TANDEM_ENCODER`` never mixes vectors.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import numpy as np
import numpy.typing as npt
from django.db import transaction
from django.utils.translation import gettext as _

from tandem.accounts.models import User
from tandem.directory.models import Opportunity, Organisation
from tandem.errors import PermissionDenied, ValidationError
from tandem.matching import indexing
from tandem.matching.models import Embedding, SuggestionFeedback
from tandem.matching.permissions import can_give_feedback
from tandem.matching.text import chunks, split_sentences, text_hash

if TYPE_CHECKING:
    from tandem.matching.encoders import Encoder

# Sentences kept per profile for explanations; later ones are rarely the best pair.
MAX_SENTENCES = 40


@dataclass(frozen=True)
class ProfileText:
    text: str
    language: str
    sentences: list[str]


def organisation_text(organisation: Organisation) -> ProfileText:
    language = organisation.language
    sentences = split_sentences(organisation.description, language)
    return ProfileText(
        text=f"{organisation.name}.\n{organisation.description}",
        language=language,
        sentences=sentences[:MAX_SENTENCES] or [organisation.name],
    )


def opportunity_text(opportunity: Opportunity) -> ProfileText:
    language = opportunity.language
    sentences = split_sentences(
        f"{opportunity.summary}\n{opportunity.description}", language
    )
    return ProfileText(
        text=f"{opportunity.title}.\n{opportunity.summary}\n{opportunity.description}",
        language=language,
        sentences=sentences[:MAX_SENTENCES] or [opportunity.title],
    )


Work = tuple[Organisation | Opportunity, ProfileText]
#: Wraps the loop of ``encode_missing`` (e.g. a tqdm bar): (items, total).
Progress = Callable[[list[Work], int], Iterable[Work]]


def _encode(
    encoder: Encoder, profile: ProfileText
) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]:
    """(profile vector, sentence vectors): the vector is the normalised mean of
    the vectors of the text's sentence-aligned chunks."""
    parts = chunks(profile.text, profile.language) or [profile.text]
    vectors = encoder.encode([*parts, *profile.sentences], kind="passage")
    vectors = np.asarray(vectors, dtype=np.float32)
    vector = vectors[: len(parts)].mean(axis=0)
    norm = float(np.linalg.norm(vector))
    if norm > 0:
        vector = vector / norm
    return vector.astype(np.float32), vectors[len(parts) :]


def _store(
    encoder: Encoder, row: Organisation | Opportunity, profile: ProfileText
) -> npt.NDArray[np.float32]:
    """Encode the profile's text and store its vectors; returns its vector."""
    vector, sentence_vectors = _encode(encoder, profile)
    values = {
        "text_hash": text_hash(encoder.name, profile.text),
        "language": profile.language,
        "dim": int(vector.shape[0]),
        "vector": vector.tobytes(),
        "sentences": profile.sentences,
        "sentence_vectors": np.ascontiguousarray(sentence_vectors).tobytes(),
    }
    if isinstance(row, Organisation):
        Embedding.objects.update_or_create(
            encoder=encoder.name, organisation=row, defaults=values
        )
    else:
        Embedding.objects.update_or_create(
            encoder=encoder.name, opportunity=row, defaults=values
        )
    return vector


def _field(row: Organisation | Opportunity) -> Literal["organisation", "opportunity"]:
    return "organisation" if isinstance(row, Organisation) else "opportunity"


def _encode_changed(
    encoder: Encoder, row: Organisation | Opportunity, profile: ProfileText
) -> bool:
    """Encode and store the text if it changed, and update the index; True if
    it was encoded."""
    of_row: dict[str, Organisation | Opportunity] = {_field(row): row}
    existing = Embedding.objects.filter(encoder=encoder.name, **of_row).first()
    if existing is not None and existing.text_hash == text_hash(
        encoder.name, profile.text
    ):
        return False
    vector = _store(encoder, row, profile)
    kind: indexing.Kind = (
        "organisations" if isinstance(row, Organisation) else "opportunities"
    )
    indexing.update_index(
        encoder.name, kind, key=row.pk, vector=vector, dim=int(vector.shape[0])
    )
    return True


def encode_organisation(
    *, organisation_id: int, encoder: Encoder | None = None
) -> bool:
    """Encode the organisation's text if it changed; True if it was encoded."""
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        return False
    encoder = encoder or indexing.get_encoder()
    return _encode_changed(encoder, organisation, organisation_text(organisation))


def encode_opportunity(*, opportunity_id: int, encoder: Encoder | None = None) -> bool:
    """Encode the opportunity's text if it changed; True if it was encoded."""
    opportunity = Opportunity.objects.filter(pk=opportunity_id).first()
    if opportunity is None:
        return False
    encoder = encoder or indexing.get_encoder()
    return _encode_changed(encoder, opportunity, opportunity_text(opportunity))


def encode_missing(
    *,
    encoder: Encoder | None = None,
    organisation_ids: Iterable[int] | None = None,
    progress: Progress | None = None,
) -> int:
    """Encode every organisation and opportunity whose text is new or changed,
    then rebuild the encoder's indexes. Returns how many texts were encoded.

    ``progress`` wraps the loop (e.g. a tqdm bar): ``progress(items, total)``.
    """
    encoder = encoder or indexing.get_encoder()
    organisations = Organisation.objects.order_by("pk")
    opportunities = Opportunity.objects.select_related(None).order_by("pk")
    if organisation_ids is not None:
        ids = list(organisation_ids)
        organisations = organisations.filter(pk__in=ids)
        opportunities = opportunities.filter(organisation_id__in=ids)
    stored = {
        (e.organisation_id, e.opportunity_id): e.text_hash
        for e in Embedding.objects.filter(encoder=encoder.name).only(
            "organisation_id", "opportunity_id", "text_hash"
        )
    }
    work: list[Work] = [
        *((o, organisation_text(o)) for o in organisations),
        *((o, opportunity_text(o)) for o in opportunities),
    ]
    todo = [
        (row, profile)
        for row, profile in work
        if stored.get(_stored_key(row)) != text_hash(encoder.name, profile.text)
    ]
    for row, profile in progress(todo, len(todo)) if progress else todo:
        _store(encoder, row, profile)
    indexing.rebuild_indexes(encoder.name, dim=encoder.dim)
    return len(todo)


def _stored_key(row: Organisation | Opportunity) -> tuple[int | None, int | None]:
    return (row.pk, None) if isinstance(row, Organisation) else (None, row.pk)


def rebuild_index(*, encoder: Encoder | None = None) -> dict[str, int]:
    """Rebuild the encoder's indexes from the stored vectors (no encoding)."""
    encoder = encoder or indexing.get_encoder()
    return indexing.rebuild_indexes(encoder.name, dim=encoder.dim)


def prepare_suggestions(*, profile: Organisation | Opportunity) -> None:
    """Make the suggestions of ``profile`` readable; the pages and the API call
    this before reading them.

    Builds the index of its kind from the stored vectors when the file is
    missing (``indexing.build_missing_index``), and queues the encoding of a
    profile not yet encoded, or whose index is still missing, at most every
    five minutes. Does nothing without an encoder: the suggestions then say
    they are unavailable.
    """
    from tandem.matching.tasks import enqueue_encoding_once  # tasks import this

    try:
        name = indexing.encoder_name()
    except indexing.EncoderUnavailable:
        return
    if isinstance(profile, Organisation):
        encoded = Embedding.objects.filter(encoder=name, organisation=profile)
        kind: indexing.Kind = "organisations"
    else:
        encoded = Embedding.objects.filter(encoder=name, opportunity=profile)
        kind = "opportunities"
    if not encoded.exists() or indexing.build_missing_index(name, kind) is None:
        enqueue_encoding_once(
            "organisation" if kind == "organisations" else "opportunity", profile.pk
        )


# --- Feedback --------------------------------------------------------------


@transaction.atomic
def give_feedback(
    *,
    organisation: Organisation,
    by: User,
    value: str,
    target_organisation: Organisation | None = None,
    target_opportunity: Opportunity | None = None,
) -> SuggestionFeedback:
    """Record what ``organisation``'s member ``by`` thinks of a suggestion; the
    latest word per target counts.

    Raises PermissionDenied (not an active member) or ValidationError (unknown
    value, not exactly one target, a target of the same city).
    """
    if not can_give_feedback(by, organisation):
        raise PermissionDenied
    if value not in SuggestionFeedback.Value.values:
        raise ValidationError(
            {
                "value": ValidationError(
                    _("Choose interested or not relevant."), code="invalid_value"
                )
            }
        )
    if (target_organisation is None) == (target_opportunity is None):
        raise ValidationError(_("Give feedback on one suggestion."), code="one_target")
    target_city_id = (
        target_organisation.city_id
        if target_organisation is not None
        else target_opportunity.organisation.city_id  # type: ignore[union-attr]  # one target is set
    )
    if target_city_id == organisation.city_id:
        raise ValidationError(
            _("Suggestions come from the partner city."), code="same_city"
        )
    feedback, _created = SuggestionFeedback.objects.update_or_create(
        organisation=organisation,
        target_organisation=target_organisation,
        target_opportunity=target_opportunity,
        defaults={"value": value, "created_by": by},
    )
    return feedback


@transaction.atomic
def withdraw_feedback(
    *,
    organisation: Organisation,
    by: User,
    target_organisation: Organisation | None = None,
    target_opportunity: Opportunity | None = None,
) -> None:
    """Forget the organisation's feedback on a target. Raises PermissionDenied."""
    if not can_give_feedback(by, organisation):
        raise PermissionDenied
    SuggestionFeedback.objects.filter(
        organisation=organisation,
        target_organisation=target_organisation,
        target_opportunity=target_opportunity,
    ).delete()
