import re
from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_openapi_schema_is_served(client: Client) -> None:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == "Vigie API"
    assert schema["openapi"].startswith("3.")


def test_api_documentation_page_loads_no_outside_asset(client: Client) -> None:
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert "cdn." not in response.content.decode()


LITERAL = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
PARAMETER = re.compile(r"^\{[a-z][a-z0-9_]*\}$")


def test_every_path_follows_one_rule(client: Client) -> None:
    """No trailing slash, lower-case words joined by hyphens, parameters in snake case (the
    first API mixed ``/events/`` and ``/organisations``)."""
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    wrong = []
    for path in paths:
        segments = path.removeprefix("/api/v1/").split("/")
        if path.endswith("/") or not all(
            LITERAL.match(part) or PARAMETER.match(part) for part in segments
        ):
            wrong.append(path)
    assert wrong == []
    assert len(paths) >= 19


def test_every_write_is_documented_with_its_callers_and_refusals(client: Client) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    writes = [
        (path, method, operation)
        for path, operations in paths.items()
        for method, operation in operations.items()
        if method != "get"
    ]
    assert len(writes) >= 25
    for path, method, operation in writes:
        where = f"{method} {path}"
        assert operation.get("summary"), where
        schemes = {name for entry in operation.get("security", []) for name in entry}
        assert schemes == {"EditorTokenAuth", "EditorSessionAuth"}, where
        assert {"401", "403", "422"} <= set(operation["responses"]), where


def test_the_openapi_document_is_built_once_and_served_the_same(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ninja.main

    from vigie.api.api import api

    monkeypatch.setattr(api, "_openapi_documents", {})
    built = []
    build = ninja.main.get_schema

    def counting(**kwargs: Any) -> Any:
        built.append(kwargs["path_prefix"])
        return build(**kwargs)

    monkeypatch.setattr(ninja.main, "get_schema", counting)
    first = client.get("/api/v1/openapi.json")
    second = client.get("/api/v1/openapi.json")
    assert first.status_code == second.status_code == 200
    assert first.json() == second.json()
    assert len(built) == 1
    assert "/api/v1/atlas/measures" in first.json()["paths"]
