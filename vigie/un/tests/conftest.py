"""Fixtures of the UN tracker tests: real countries and the bundled UN data."""

from typing import Any

import pytest

from vigie.core.loaders import load_countries
from vigie.un.loaders import load_bundled


@pytest.fixture
def countries(db: Any) -> None:
    load_countries()


@pytest.fixture
def bundled(countries: None) -> dict[str, Any]:
    return load_bundled()
