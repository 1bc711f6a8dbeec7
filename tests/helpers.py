"""What many tests need: error codes of a ValidationError, and the check that
a page or endpoint makes as many queries for three rows as for one."""

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext


def error_codes(error: Any) -> list[str]:
    """The codes of a ValidationError (or of ``pytest.raises``' ExceptionInfo,
    or of a form's errors), in order: assert codes, not translated text."""
    if isinstance(error, pytest.ExceptionInfo):
        error = error.value
    if hasattr(error, "as_data"):  # a form's ErrorDict or ErrorList
        data = error.as_data()
        errors = data.values() if isinstance(data, dict) else [data]
        return [e.code or "" for field in errors for e in field]
    assert isinstance(error, ValidationError), error
    if hasattr(error, "error_dict"):
        return [e.code or "" for errors in error.error_dict.values() for e in errors]
    return [e.code or "" for e in error.error_list]


def field_codes(error: Any) -> dict[str, list[str]]:
    """The codes of a ValidationError by field (``__all__`` for the others)."""
    if isinstance(error, pytest.ExceptionInfo):
        error = error.value
    assert hasattr(error, "error_dict"), error
    return {
        field: [e.code or "" for e in errors]
        for field, errors in error.error_dict.items()
    }


def assert_constant_queries(
    add_row: Callable[[], object], fetch: Callable[[], object]
) -> int:
    """Add a row and count the queries of ``fetch``; add two more rows and
    assert ``fetch`` makes the same number (no N+1). Returns the count.

    ``fetch`` may return a response: it must not be an error.
    """

    def count() -> tuple[int, list[str]]:
        with CaptureQueriesContext(connection) as queries:
            response = fetch()
        status = getattr(response, "status_code", 200)
        assert status < 400, f"the page answered {status}"
        return len(queries), [query["sql"] for query in queries.captured_queries]

    add_row()
    one, _sql = count()
    add_row()
    add_row()
    three, sql = count()
    assert three == one, "queries grew with the rows:\n" + "\n".join(sql)
    return one


def confirm_password(
    client: Any, password: str = "correct horse battery staple"
) -> None:
    """Give the password again, as pages that need a recent one ask
    (allauth's reauthentication); the default is the factories' password."""
    from django.urls import reverse

    response = client.post(reverse("account_reauthenticate"), {"password": password})
    assert response.status_code == 302, "the password was not accepted"
