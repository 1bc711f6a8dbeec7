"""The browser is told what a page may load and which device features it may use."""

import pytest

from tests.factories import give_second_factor

pytestmark = pytest.mark.django_db


def directives(header: str) -> dict[str, list[str]]:
    parts = (part.split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in parts}


@pytest.mark.parametrize("path", ["/en/", "/de/accounts/signup/", "/api/v1/docs"])
def test_pages_carry_a_content_security_policy(client, path):
    response = client.get(path)

    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    # Neither inline scripts nor inline styles run.
    assert "script-src" not in policy
    assert "style-src" not in policy


def test_the_admin_has_the_same_policy(client, admin_user):
    admin_user.first_name = "Ana"
    admin_user.save()
    give_second_factor(admin_user)
    client.force_login(admin_user)

    response = client.get("/en/admin/")

    assert response.status_code == 200
    assert directives(response["Content-Security-Policy"])["default-src"] == ["'self'"]


def test_pages_switch_off_device_features(client):
    response = client.get("/en/")

    features = dict(
        part.strip().split("=", 1) for part in response["Permissions-Policy"].split(",")
    )
    assert features["camera"] == "()"
    assert features["microphone"] == "()"
    assert features["geolocation"] == "()"
    assert features["payment"] == "()"
    assert features["usb"] == "()"
