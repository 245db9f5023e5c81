"""Stand-ins for a domain app's ``queries`` module, to test the registry's contract on its own.

Each installs a module object under ``vigie.<app>.queries`` in ``sys.modules`` for one test, so
the code under test imports it exactly as it imports the real one.
"""

import sys
import types
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import get_resolver


def _load_site() -> None:
    """Load the URL configuration first, as when the site starts: every app's pages and API
    import their own queries then, and keep those references whatever the test replaces."""
    get_resolver().url_patterns  # noqa: B018


def install_queries(
    monkeypatch: pytest.MonkeyPatch, app: str, **functions: Callable[..., Any]
) -> None:
    _load_site()
    module = types.ModuleType(f"vigie.{app}.queries")
    for name, function in functions.items():
        setattr(module, name, function)
    monkeypatch.setitem(sys.modules, f"vigie.{app}.queries", module)


def remove_app(monkeypatch: pytest.MonkeyPatch, app: str) -> None:
    """Make ``import vigie.<app>.queries`` fail as it does when the app is not installed."""
    _load_site()
    monkeypatch.setitem(sys.modules, f"vigie.{app}.queries", None)
