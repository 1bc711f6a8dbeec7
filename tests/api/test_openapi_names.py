"""The OpenAPI document names every schema once: generated clients take each
component name as one type, so two models under one name break them."""

from collections import defaultdict
from typing import Any

import pytest
from django.apps import apps
from django.db import models
from ninja.openapi.schema import OpenAPISchema

from tandem.api.api import api


def _tandem_choices() -> dict[str, type[models.Choices]]:
    """Every choices class of Tandem's models, by its qualified name without dots
    (``Project.Status`` → ``ProjectStatus``)."""
    found: dict[str, type[models.Choices]] = {}

    def visit(namespace: Any) -> None:
        for value in vars(namespace).values():
            if isinstance(value, type) and issubclass(value, models.Choices):
                found[value.__qualname__.replace(".", "")] = value
            elif isinstance(value, type) and issubclass(value, models.Model):
                visit(value)

    for config in apps.get_app_configs():
        if config.name.startswith("tandem.") and config.models_module:
            visit(config.models_module)
    return found


@pytest.fixture
def definitions(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[dict[str, Any]]]:
    """Every definition ninja met while building the document, by name
    (ninja keeps the last one of a name and drops the others silently)."""
    seen: dict[str, list[dict[str, Any]]] = defaultdict(list)
    original = OpenAPISchema.add_schema_definitions

    def record(self: OpenAPISchema, definitions: dict[str, Any]) -> None:
        for name, definition in definitions.items():
            if definition not in seen[name]:
                seen[name].append(definition)
        original(self, definitions)

    monkeypatch.setattr(OpenAPISchema, "add_schema_definitions", record)
    api.get_openapi_schema()
    return seen


def test_openapi_component_names_each_name_one_definition(definitions):
    shared = {name: found for name, found in definitions.items() if len(found) > 1}

    assert shared == {}


def test_openapi_enums_list_their_model_choices(definitions):
    choices = _tandem_choices()
    enums = {
        name: found[-1]["enum"]
        for name, found in definitions.items()
        if "enum" in found[-1]
    }

    assert enums  # the document has enums to check
    assert enums == {
        name: [str(value) for value in choices[name].values]
        if name in choices
        else "no model choices of this name"
        for name in enums
    }


def test_openapi_project_status_is_the_projects_statuses(client):
    document = client.get("/api/v1/openapi.json").json()

    assert document["components"]["schemas"]["ProjectStatus"]["enum"] == [
        "idea",
        "preparing",
        "running",
        "completed",
        "stopped",
    ]
