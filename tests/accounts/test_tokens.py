import hashlib

import pytest
from django.urls import reverse

from tandem.accounts.models import ApiToken
from tandem.accounts.services import (
    authenticate_api_token,
    create_api_token,
    revoke_api_token,
)
from tandem.errors import PermissionDenied, ValidationError
from tests.factories import UserFactory
from tests.helpers import confirm_password

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
    assert authenticate_api_token(key=key) == user


def test_authenticate_api_token_notes_last_use_at_most_once_a_minute(
    user, django_assert_num_queries
):
    _token, key = create_api_token(by=user, name="a")

    with django_assert_num_queries(2):  # look-up, last use
        assert authenticate_api_token(key=key) == user
    with django_assert_num_queries(1):  # look-up only
        assert authenticate_api_token(key=key) == user


def test_authenticate_api_token_refuses_unknown_keys(user):
    create_api_token(by=user, name="a")

    assert authenticate_api_token(key="") is None
    assert authenticate_api_token(key="x" * 43) is None


# --- Page ------------------------------------------------------------------------

URL = "/en/me/api-tokens/"


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

    response = client.post(URL, {"name": "Sync"})

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

    response = client.post(URL, {"name": ""})

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
