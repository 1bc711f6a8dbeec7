"""The API answers 429 to whoever calls it too often: per address when
anonymous, per person with a token."""

import pytest
from django.test import Client

from tandem.accounts.services import create_api_token

pytestmark = pytest.mark.django_db

URL = "/api/v1/organisations"  # reads with or without a token


def _calls(client, n, **headers):
    return [client.get(URL, **headers).status_code for _ in range(n)]


def test_anonymous_calls_beyond_the_rate_answer_429_with_retry_after(settings):
    settings.TANDEM_API_ANONYMOUS_RATE = "3/min"
    client = Client()

    assert _calls(client, 3) == [200, 200, 200]
    response = client.get(URL)

    assert response.status_code == 429
    assert response.json()["code"] == "throttled"
    assert 1 <= int(response["Retry-After"]) <= 60


def test_reads_that_take_no_token_count_too(settings):
    settings.TANDEM_API_ANONYMOUS_RATE = "1/min"
    client = Client()

    statuses = [client.get("/api/v1/cities").status_code for _ in range(2)]

    assert statuses == [200, 429]


def test_each_address_has_its_own_count(settings):
    settings.TANDEM_API_ANONYMOUS_RATE = "2/min"
    client = Client()

    first = _calls(client, 3, REMOTE_ADDR="192.0.2.1")
    second = _calls(client, 1, REMOTE_ADDR="192.0.2.2")

    assert (first, second) == ([200, 200, 429], [200])


def test_a_forged_forwarded_for_header_does_not_reset_the_count(settings):
    settings.TANDEM_API_ANONYMOUS_RATE = "2/min"
    client = Client()

    statuses = [
        client.get(URL, HTTP_X_FORWARDED_FOR=f"198.51.100.{i}").status_code
        for i in range(3)
    ]

    assert statuses == [200, 200, 429]


def test_behind_a_proxy_the_address_it_saw_counts(settings):
    settings.TANDEM_API_ANONYMOUS_RATE = "1/min"
    settings.NINJA_NUM_PROXIES = 1
    client = Client()

    # The proxy appends the address it saw; what the client sent before is ignored.
    first = client.get(URL, HTTP_X_FORWARDED_FOR="1.1.1.1, 192.0.2.1")
    again = client.get(URL, HTTP_X_FORWARDED_FOR="2.2.2.2, 192.0.2.1")
    other = client.get(URL, HTTP_X_FORWARDED_FOR="1.1.1.1, 192.0.2.2")

    assert [r.status_code for r in (first, again, other)] == [200, 429, 200]


def test_token_users_have_their_own_higher_rate(settings, user):
    settings.TANDEM_API_ANONYMOUS_RATE = "1/min"
    settings.TANDEM_API_USER_RATE = "3/min"
    _token, key = create_api_token(by=user, name="Sync")
    client = Client()
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}

    assert _calls(client, 1) == [200]
    assert _calls(client, 4, **auth) == [200, 200, 200, 429]
