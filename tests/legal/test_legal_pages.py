"""The imprint, privacy notice and accessibility statement: written by staff,
versioned, in the reader's language, with example texts until then."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tandem.legal.models import LegalText
from tandem.legal.rendering import render_legal_text
from tandem.legal.selectors import privacy_notice_version
from tandem.legal.services import publish_legal_text
from tests.helpers import field_codes

pytestmark = pytest.mark.django_db

BODY = {
    "de": "## Betreiber\nStadt Dortmund",
    "ro": "## Operator\nPrimăria Cluj-Napoca",
    "en": "## Operator\nCity of Dortmund",
}


@pytest.mark.parametrize("kind", ["imprint", "privacy", "accessibility"])
@pytest.mark.parametrize("language", ["de", "ro", "en"])
def test_without_a_text_the_page_shows_a_marked_example(client, kind, language):
    response = client.get(f"/{language}/legal/{kind}/")

    assert response.status_code == 200
    page = response.context["page"]
    assert page.is_example
    assert response.context["page"].body.startswith(
        {"imprint": "## ", "privacy": "## ", "accessibility": "["}[kind]
    )
    assert b'class="panel panel--notice"' in response.content


def test_a_published_text_replaces_the_example_in_the_readers_language(client):
    publish_legal_text(kind="imprint", body_translations=BODY)

    response = client.get("/ro/legal/imprint/")

    page = response.context["page"]
    assert (page.is_example, page.version) == (False, 1)
    assert "<h2>Operator</h2>\n<p>Primăria Cluj-Napoca</p>" in response.content.decode()
    assert b"panel--notice" not in response.content


def test_a_text_to_be_published_later_is_not_shown_yet(client):
    publish_legal_text(kind="imprint", body_translations=BODY)
    publish_legal_text(
        kind="imprint",
        body_translations={**BODY, "en": "## Operator\nCity of Cluj-Napoca"},
        published_at=timezone.now() + datetime.timedelta(days=1),
    )

    response = client.get("/en/legal/imprint/")

    assert response.context["page"].version == 1
    assert b"City of Dortmund" in response.content


def test_each_publication_is_a_new_version_per_kind():
    first = publish_legal_text(kind="privacy", body_translations=BODY)
    second = publish_legal_text(kind="privacy", body_translations=BODY)
    other = publish_legal_text(kind="imprint", body_translations=BODY)

    assert (first.version, second.version, other.version) == (1, 2, 1)
    assert privacy_notice_version() == 2


def test_a_text_needs_every_language():
    with pytest.raises(ValidationError) as error:
        publish_legal_text(kind="privacy", body_translations={"en": "Text"})

    assert field_codes(error.value) == {"body_translations": ["missing_translation"]}
    assert not LegalText.objects.exists()


def test_the_privacy_notice_shows_the_retention_periods(client, settings):
    settings.TANDEM_RETENTION_NOTIFICATION_DAYS = 400
    settings.TANDEM_DATA_EXPORT_HOURS = 48

    response = client.get("/en/legal/privacy/")

    html = response.content.decode()
    assert "Notifications: deleted 400 days after they were sent." in html
    assert "can be downloaded for 48 hours, then deleted." in html


def test_legal_texts_are_never_html():
    html = render_legal_text(
        "<script>alert(1)</script>\n\n- one <b>\n- write to a@example.org"
    )

    assert html == (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"
        '<ul><li>one &lt;b&gt;</li><li>write to <a href="mailto:a@example.org">'
        "a@example.org</a></li></ul>"
    )


def test_every_page_links_to_the_legal_pages(client):
    html = client.get("/de/").content.decode()

    for kind in ("imprint", "privacy", "accessibility"):
        assert f'href="/de/legal/{kind}/"' in html
