"""Fixtures of the UN tracker tests: real countries and the bundled UN data."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import translation

from vigie.core.loaders import load_countries
from vigie.un.loaders import load_bundled


@pytest.fixture
def countries(db: Any) -> None:
    load_countries()


@pytest.fixture
def bundled(countries: None) -> dict[str, Any]:
    return load_bundled()


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Messages and names are asserted in English, whatever an earlier test left active."""
    with translation.override("en"):
        yield
