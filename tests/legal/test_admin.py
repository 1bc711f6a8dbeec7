import pytest

from tandem.legal.models import LegalText
from tandem.legal.services import publish_legal_text
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

BODY = {"de": "Alt", "ro": "Vechi", "en": "Old"}


@pytest.fixture
def staff(client):
    # Accepted every version the tests publish: not sent to accept them.
    user = UserFactory(is_staff=True, is_superuser=True, privacy_notice_version=9)
    client.force_login(user)
    return user


def test_staff_publish_a_new_version_from_the_current_one(client, staff):
    publish_legal_text(kind="privacy", body_translations=BODY)

    form = client.get("/en/admin/legal/legaltext/add/?kind=privacy")
    response = client.post(
        "/en/admin/legal/legaltext/add/",
        {
            "kind": "privacy",
            "published_at_0": "2026-01-01",
            "published_at_1": "10:00:00",
            "body_de": "Neu",
            "body_ro": "Nou",
            "body_en": "New",
        },
    )

    assert form.context["adminform"].form.initial["body_ro"] == "Vechi"
    assert "a blank line between paragraphs" in form.content.decode()
    assert response.status_code == 302
    latest = LegalText.objects.get(kind="privacy", version=2)
    assert latest.body_translations == {"de": "Neu", "ro": "Nou", "en": "New"}
    assert latest.created_by == staff


def test_a_missing_language_is_shown_on_its_field(client, staff):
    response = client.post(
        "/en/admin/legal/legaltext/add/",
        {
            "kind": "imprint",
            "published_at_0": "2026-01-01",
            "published_at_1": "10:00:00",
            "body_de": "Neu",
            "body_en": "New",
        },
    )

    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["body_ro"]
    assert not LegalText.objects.exists()


def test_a_saved_version_cannot_be_changed(client, staff):
    text = publish_legal_text(kind="imprint", body_translations=BODY)

    page = client.get(f"/en/admin/legal/legaltext/{text.pk}/change/")
    client.post(
        f"/en/admin/legal/legaltext/{text.pk}/change/",
        {"kind": "imprint", "body_de": "X", "body_ro": "X", "body_en": "X"},
    )

    assert page.status_code == 200
    assert b"Vechi" in page.content
    text.refresh_from_db()
    assert text.body_translations == BODY
