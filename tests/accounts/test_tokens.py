import datetime
import hashlib

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from tandem.accounts.models import ApiToken
from tandem.accounts.services import (
    authenticate_api_token,
    create_api_token,
    revoke_all_api_tokens,
    revoke_api_token,
)
from tandem.audit.models import AuditEntry
from tandem.directory.models import Organisation
from tandem.errors import PermissionDenied, ValidationError
from tests.factories import UserFactory
from tests.helpers import confirm_password, field_codes

pytestmark = pytest.mark.django_db


# --- Services ------------------------------------------------------------------


def test_create_api_token_stores_only_the_hash(user):
    token, key = create_api_token(by=user, name="  Sync  ")

    token.refresh_from_db()
    assert token.name == "Sync"
    assert token.user == user
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert token.prefix == key[:8]
    assert len(key) >= 40
    assert key not in {token.key_hash, token.name}


def test_create_api_token_needs_a_name(user):
    with pytest.raises(ValidationError) as exc:
        create_api_token(by=user, name="   ")

    assert list(exc.value.message_dict) == ["name"]
    assert ApiToken.objects.count() == 0


def test_create_api_token_keys_differ(user):
    _a, key_a = create_api_token(by=user, name="a")
    _b, key_b = create_api_token(by=user, name="b")

    assert key_a != key_b


def test_revoke_api_token_by_its_owner(user):
    token, key = create_api_token(by=user, name="a")

    revoke_api_token(token=token, by=user)

    token.refresh_from_db()
    assert token.revoked_at is not None
    assert authenticate_api_token(key=key) is None


def test_revoke_api_token_of_another_user_is_refused(user):
    token, key = create_api_token(by=user, name="a")

    with pytest.raises(PermissionDenied):
        revoke_api_token(token=token, by=UserFactory())

    token.refresh_from_db()
    assert token.revoked_at is None
    assert authenticate_api_token(key=key).user == user


def test_authenticate_api_token_notes_last_use_at_most_once_a_minute(
    user, django_assert_num_queries
):
    _token, key = create_api_token(by=user, name="a")

    with django_assert_num_queries(2):  # look-up, last use
        assert authenticate_api_token(key=key).user == user
    with django_assert_num_queries(1):  # look-up only
        assert authenticate_api_token(key=key).user == user


def test_authenticate_api_token_refuses_unknown_keys(user):
    create_api_token(by=user, name="a")

    assert authenticate_api_token(key="") is None
    assert authenticate_api_token(key="x" * 43) is None


# --- Page ------------------------------------------------------------------------

URL = "/en/me/api-tokens/"
FORM = {"name": "Sync", "scope": "read", "lifetime_days": "365"}


def test_page_needs_login(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_page_lists_only_my_tokens(client, user):
    create_api_token(by=user, name="Mine")
    create_api_token(by=UserFactory(), name="Theirs")
    client.force_login(user)

    response = client.get(URL)

    assert response.status_code == 200
    assert [t.name for t in response.context["tokens"]] == ["Mine"]
    assert "Theirs" not in response.content.decode()


def test_creating_a_token_shows_the_key_once(client, user):
    client.force_login(user)
    confirm_password(client)

    response = client.post(URL, FORM)

    assert response.status_code == 200
    key = response.context["new_key"]
    token = ApiToken.objects.get(user=user)
    assert token.name == "Sync"
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert key not in client.get(URL).content.decode()


def test_creating_a_token_without_a_name_is_422(client, user):
    client.force_login(user)
    confirm_password(client)

    response = client.post(URL, {**FORM, "name": ""})

    assert response.status_code == 422
    assert list(response.context["form"].errors) == ["name"]
    assert ApiToken.objects.count() == 0


def test_revoking_my_token(client, user):
    token, _key = create_api_token(by=user, name="Sync")
    client.force_login(user)

    response = client.post(reverse("accounts:api_token_revoke", args=[token.pk]))

    assert response.status_code == 302
    assert response["Location"] == URL
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_revoking_another_users_token_is_404(client, user):
    token, _key = create_api_token(by=UserFactory(), name="Theirs")
    client.force_login(user)

    response = client.post(reverse("accounts:api_token_revoke", args=[token.pk]))

    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_revoking_needs_post(client, user):
    token, _key = create_api_token(by=user, name="Sync")
    client.force_login(user)

    response = client.get(reverse("accounts:api_token_revoke", args=[token.pk]))

    assert response.status_code == 405
    token.refresh_from_db()
    assert token.revoked_at is None


# --- Expiry, scope, audit ----------------------------------------------------------


def _days_left(token):
    return round((token.expires_at - timezone.now()) / datetime.timedelta(days=1))


def test_create_api_token_expires_after_a_year_by_default(user):
    token, _key = create_api_token(by=user, name="Sync")

    assert _days_left(token) == 365


def test_create_api_token_lifetime_follows_the_setting(user, settings):
    settings.TANDEM_API_TOKEN_LIFETIME_DAYS = 30

    token, _key = create_api_token(by=user, name="Sync")

    assert _days_left(token) == 30


@pytest.mark.parametrize("days", [0, 366])
def test_create_api_token_refuses_a_lifetime_out_of_range(user, days):
    with pytest.raises(ValidationError) as exc:
        create_api_token(by=user, name="Sync", lifetime_days=days)

    assert field_codes(exc) == {"lifetime_days": ["invalid_lifetime"]}
    assert ApiToken.objects.count() == 0


def test_create_api_token_refuses_an_unknown_scope(user):
    with pytest.raises(DjangoValidationError) as exc:
        create_api_token(by=user, name="Sync", scope="admin")

    assert list(field_codes(exc)) == ["scope"]


def test_creating_a_short_read_only_token_on_the_page(client, user):
    client.force_login(user)
    confirm_password(client)

    response = client.post(URL, {**FORM, "scope": "read", "lifetime_days": "30"})

    assert response.status_code == 200
    token = ApiToken.objects.get(user=user)
    assert (token.scope, _days_left(token)) == ("read", 30)


def test_the_page_offers_no_lifetime_beyond_the_setting(client, user, settings):
    settings.TANDEM_API_TOKEN_LIFETIME_DAYS = 60
    client.force_login(user)
    confirm_password(client)

    response = client.post(URL, {**FORM, "lifetime_days": "365"})

    assert response.status_code == 422
    assert list(response.context["form"].errors) == ["lifetime_days"]
    assert [
        d for d, _label in response.context["form"].fields["lifetime_days"].choices
    ] == [30, 60]


def test_the_page_shows_access_and_expiry_in_the_readers_language(client, user):
    token, _key = create_api_token(by=user, name="Sync", scope="read")
    client.force_login(user)

    html = client.get("/de/me/api-tokens/").content.decode()

    assert "Nur lesen" in html
    with translation.override("de"):
        assert date_format(token.expires_at, "DATE_FORMAT") in html


def test_the_page_shows_an_expired_token_as_expired(client, user):
    token, _key = create_api_token(by=user, name="Sync")
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now())
    client.force_login(user)

    response = client.get(URL)

    html = response.content.decode()
    assert "Expired" in html
    assert reverse("accounts:api_token_revoke", args=[token.pk]) not in html


def test_creating_and_revoking_a_token_is_audited(user):
    token, _key = create_api_token(by=user, name="Sync", scope="read")
    revoke_api_token(token=token, by=user)

    entries = AuditEntry.objects.order_by("pk")
    assert [(e.action, e.actor, e.target_id) for e in entries] == [
        ("accounts.api_token_created", user, str(token.pk)),
        ("accounts.api_token_revoked", user, str(token.pk)),
    ]
    assert entries[0].changes["scope"] == [None, "read"]


def test_a_password_change_revokes_live_tokens_once_and_audits_it(user):
    create_api_token(by=user, name="A")
    create_api_token(by=user, name="B")
    revoked, _key = create_api_token(by=user, name="Old")
    revoke_api_token(token=revoked, by=user)

    user.set_password("Lindenbaum-Klausenburg-2020")
    user.save()

    tokens = ApiToken.objects.filter(user=user).order_by("name")
    assert [(t.name, t.revoked_because) for t in tokens] == [
        ("A", "password_changed"),
        ("B", "password_changed"),
        ("Old", "owner"),
    ]
    [entry] = AuditEntry.objects.filter(
        action="accounts.api_tokens_revoked_on_password_change"
    )
    assert (entry.actor, entry.by_system, entry.target_id) == (None, True, str(user.pk))
    assert revoke_all_api_tokens(user=user) == 0


def test_a_new_password_on_the_account_page_says_the_tokens_are_revoked(client, user):
    create_api_token(by=user, name="Sync")
    client.force_login(user)
    new = "Lindenbaum-Klausenburg-2020"

    response = client.post(
        "/en/accounts/password/change/",
        {
            "oldpassword": "correct horse battery staple",
            "password1": new,
            "password2": new,
        },
    )

    assert [m.level_tag for m in get_messages(response.wsgi_request)] == [
        "success",
        "info",
    ]
    page = client.get(URL).content.decode()
    assert "when your password changed" in page


# --- API: scope ----------------------------------------------------------------------


def _organisation_payload(city):
    return {
        "name": "Agro Senzori",
        "kind": "startup",
        "city": city.slug,
        "description": "Senzori pentru agricultură.",
        "language": "ro",
        "areas": ["agriculture"],
        "languages_spoken": ["ro"],
    }


def test_a_read_only_token_reads(client, user):
    _token, key = create_api_token(by=user, name="Sync", scope="read")

    response = client.get("/api/v1/notifications", HTTP_AUTHORIZATION=f"Bearer {key}")

    assert response.status_code == 200


def test_a_read_only_token_cannot_write(client, user, cluj_city):
    _token, key = create_api_token(by=user, name="Sync", scope="read")

    response = client.post(
        "/api/v1/organisations",
        _organisation_payload(cluj_city),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )

    assert response.status_code == 403
    body = response.json()
    assert (body["code"], body["fields"]) == ("token_read_only", {})
    assert body["detail"]
    assert not Organisation.objects.filter(name="Agro Senzori").exists()


def test_a_read_write_token_writes(client, user, cluj_city):
    _token, key = create_api_token(by=user, name="Sync", scope="read_write")

    response = client.post(
        "/api/v1/organisations",
        _organisation_payload(cluj_city),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )

    assert response.status_code == 201
