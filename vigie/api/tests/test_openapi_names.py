"""Each app's schemas keep their own entry in the OpenAPI document (no name shared across apps)."""

import inspect
from importlib import import_module

import pytest
from django.apps import apps
from django.test import Client
from ninja import Schema

pytestmark = pytest.mark.django_db


def _response_ref(document: dict, path: str) -> str:
    schema = document["paths"][path]["get"]["responses"]["200"]["content"]["application/json"][
        "schema"
    ]
    return (schema.get("items") or schema)["$ref"].rsplit("/", 1)[-1]


def test_atlas_and_strategy_measures_are_documented_with_their_own_schemas(client: Client) -> None:
    document = client.get("/api/v1/openapi.json").json()
    schemas = document["components"]["schemas"]
    atlas = _response_ref(document, "/api/v1/atlas/measures")
    strategy = _response_ref(document, "/api/v1/strategy/measures")
    assert atlas != strategy
    assert "jurisdiction_code" in schemas[atlas]["properties"]
    assert "baseline_value" in schemas[strategy]["properties"]
    assert "jurisdiction_code" not in schemas[strategy]["properties"]
    assert _response_ref(document, "/api/v1/atlas/measures/{code}") == atlas


def test_every_published_schema_has_its_own_entry(client: Client) -> None:
    declared = []
    for config in apps.get_app_configs():
        if not config.name.startswith("vigie.") or config.label == "api":
            continue
        try:
            module = import_module(f"{config.name}.api")
        except ModuleNotFoundError:
            continue
        declared += [
            cls
            for cls in vars(module).values()
            if inspect.isclass(cls)
            and issubclass(cls, Schema)
            and cls is not Schema
            and cls.__module__ == module.__name__
        ]
    names = [cls.__name__ for cls in declared]
    assert len(names) == len(set(names))
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    assert set(names) <= set(schemas)
