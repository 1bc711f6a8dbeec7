import os
import subprocess
import sys

import pytest


def run_check(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", "check", *args],
        env={
            **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
            **env,
        },
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_without_secret_key_refuses_to_start(tmp_path):
    result = run_check(
        {
            "TANDEM_MODE": "production",
            "SECRET_KEY": "",
            "TANDEM_DATA_DIR": str(tmp_path),
        }
    )
    assert result.returncode == 1
    assert "Set SECRET_KEY in production." in result.stderr


def test_production_settings_pass_the_deployment_checks(tmp_path):
    result = run_check(
        {
            "TANDEM_MODE": "production",
            "SECRET_KEY": "x7" * 30 + "-long-and-random-enough-for-django",
            "ALLOWED_HOSTS": "tandem.example.org",
            "TANDEM_DATA_DIR": str(tmp_path),
        },
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_demo_secret_key_is_generated_once_and_kept(tmp_path):
    env = {
        "SECRET_KEY": "",
        "TANDEM_MODE": "development",
        "TANDEM_DATA_DIR": str(tmp_path),
    }
    assert run_check(env).returncode == 0
    first = (tmp_path / "secret_key").read_text()
    assert run_check(env).returncode == 0
    assert (tmp_path / "secret_key").read_text() == first
    assert len(first) == 64


@pytest.mark.django_db
def test_not_found_is_a_translated_page(client, settings):
    settings.DEBUG = False
    response = client.get("/de/organisations/no-such-organisation/")
    assert response.status_code == 404
    assert response.templates[0].name == "errors/404.html"


def test_server_error_page_renders_without_the_database(rf):
    from django.utils import translation

    from tandem.views import server_error

    with translation.override("en"):
        response = server_error(rf.get("/en/"))
    assert response.status_code == 500
    assert b"Something went wrong" in response.content
