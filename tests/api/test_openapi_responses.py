"""Every operation declares the answers it may give, so that clients and the
contract check know them."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def operations(client):
    document = client.get("/api/v1/openapi.json").json()
    return {
        f"{method.upper()} {path}": operation
        for path, methods in document["paths"].items()
        for method, operation in methods.items()
    }


def _missing(operations, status, applies):
    return sorted(
        name
        for name, operation in operations.items()
        if applies(name, operation) and status not in operation["responses"]
    )


def test_every_operation_declares_too_many_requests(operations):
    assert _missing(operations, "429", lambda name, op: True) == []


def test_operations_with_parameters_declare_422(operations):
    assert _missing(operations, "422", lambda name, op: op.get("parameters")) == []


def test_operations_on_a_row_declare_404(operations):
    assert _missing(operations, "404", lambda name, op: "{" in name) == []


def test_operations_with_a_token_declare_401(operations):
    assert _missing(operations, "401", lambda name, op: op.get("security")) == []


def test_operations_with_a_body_declare_400_413_and_422(operations):
    def has_body(name, op):
        return "requestBody" in op

    assert [
        _missing(operations, status, has_body) for status in ("400", "413", "422")
    ] == [[], [], []]
