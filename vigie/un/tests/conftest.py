"""Fixtures of the UN tracker tests: real countries and the bundled UN data.

Both are reference data, loaded once per test session (see the root ``conftest.py``): these
fixtures only name what a test relies on.
"""

from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import translation


@pytest.fixture
def countries(db: Any, reference_data: None) -> None:
    """Every country and sub-national jurisdiction of ``data/core``."""


@pytest.fixture
def bundled(countries: None) -> None:
    """The bundled UN data of ``data/un``, on top of the countries."""


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Messages and names are asserted in English, whatever an earlier test left active."""
    with translation.override("en"):
        yield
