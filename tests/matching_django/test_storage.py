import numpy as np
import pytest

from tandem.directory import services as directory_services
from tandem.matching import indexing, services
from tandem.matching.encoders import LexicalEncoder
from tandem.matching.models import Embedding
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


class CountingEncoder:
    """The lexical encoder under another name, counting the texts it encodes."""

    neural = False

    def __init__(self, name="lexical:counting"):
        self._inner = LexicalEncoder()
        self.name = name
        self.dim = self._inner.dim
        self.texts = 0

    def encode(self, texts, *, kind):
        self.texts += len(texts)
        return self._inner.encode(texts, kind=kind)


def test_encode_organisation_stores_vectors_keyed_by_encoder_and_hash(organisation):
    encoder = CountingEncoder()

    assert services.encode_organisation(
        organisation_id=organisation.pk, encoder=encoder
    )

    embedding = Embedding.objects.get(organisation=organisation)
    assert embedding.encoder == "lexical:counting"
    assert len(embedding.text_hash) == 64
    assert np.frombuffer(embedding.vector, np.float32).shape == (encoder.dim,)
    sentence_vectors = np.frombuffer(embedding.sentence_vectors, np.float32)
    assert sentence_vectors.shape == (len(embedding.sentences) * encoder.dim,)
    assert embedding.sentences == ["Wir entwickeln Sensoren für die Landwirtschaft."]


def test_unchanged_text_is_not_encoded_again(organisation):
    encoder = CountingEncoder()
    services.encode_organisation(organisation_id=organisation.pk, encoder=encoder)
    encoded = encoder.texts
    organisation.website = "https://example.org"
    organisation.save()

    again = services.encode_organisation(
        organisation_id=organisation.pk, encoder=encoder
    )

    assert again is False
    assert encoder.texts == encoded


def test_changed_text_is_encoded_again(organisation):
    encoder = CountingEncoder()
    services.encode_organisation(organisation_id=organisation.pk, encoder=encoder)
    old_hash = Embedding.objects.get(organisation=organisation).text_hash
    organisation.description = "Wir bauen Drohnen für den Obstbau."
    organisation.save()

    again = services.encode_organisation(
        organisation_id=organisation.pk, encoder=encoder
    )

    embedding = Embedding.objects.get(organisation=organisation)
    assert again is True
    assert embedding.text_hash != old_hash
    assert embedding.sentences == ["Wir bauen Drohnen für den Obstbau."]


def test_switching_encoder_keeps_both_sets_apart(organisation, settings):
    first, second = CountingEncoder("lexical:one"), CountingEncoder("lexical:two")

    services.encode_missing(encoder=first)
    services.encode_missing(encoder=second)

    rows = Embedding.objects.filter(organisation=organisation)
    assert sorted(rows.values_list("encoder", flat=True)) == [
        "lexical:one",
        "lexical:two",
    ]
    assert indexing.index_dir("lexical:one") != indexing.index_dir("lexical:two")
    assert len(indexing.get_index("lexical:one", "organisations")) == 1
    assert len(indexing.get_index("lexical:two", "organisations")) == 1


def test_encode_missing_encodes_only_new_texts(organisation, dortmund_city):
    encoder = CountingEncoder()
    assert services.encode_missing(encoder=encoder) == 1
    OrganisationFactory(city=dortmund_city)

    assert services.encode_missing(encoder=encoder) == 1
    assert services.encode_missing(encoder=encoder) == 0


def test_directory_services_queue_the_encoding(
    owner, organisation, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        directory_services.update_organisation(
            organisation=organisation,
            by=owner,
            description="Wir entwickeln Drohnen für den Weinbau.",
        )

    embedding = Embedding.objects.get(organisation=organisation)
    assert embedding.encoder == indexing.encoder_name()
    assert embedding.sentences == ["Wir entwickeln Drohnen für den Weinbau."]
    index = indexing.get_index(embedding.encoder, "organisations")
    assert organisation.pk in index


def test_index_is_reloaded_when_another_process_saves(organisation, dortmund_city):
    name = indexing.encoder_name()
    services.encode_missing()
    loaded = indexing.get_index(name, "organisations")
    other = OrganisationFactory(city=dortmund_city)

    # Another process (the worker) adds a row and saves the index file.
    services.encode_organisation(organisation_id=other.pk)

    assert indexing.get_index(name, "organisations") is loaded
    assert other.pk in loaded


def test_corrupt_index_is_rebuilt_from_stored_vectors(organisation):
    name = indexing.encoder_name()
    services.encode_missing()
    path = indexing.index_dir(name) / "organisations.npz"
    path.write_bytes(b"not an index")
    (path.parent / "organisations.npz.version").write_text("99\n")
    indexing.forget_loaded()

    read = indexing.get_index(name, "organisations")
    index = indexing.build_missing_index(name, "organisations")

    # Reading does not repair; building does, from the stored vectors.
    assert read is None
    assert index is not None
    assert organisation.pk in index


def test_admin_names_the_encoder_in_use(client, organisation):
    from tests.factories import UserFactory

    services.encode_missing()
    admin_user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin_user)

    response = client.get("/en/admin/matching/embedding/")

    assert response.status_code == 200
    name = indexing.encoder_name()
    assert f"Encoder in use: {name} (stored: {name}: 1)" in response.text
