import pytest
from django.core.cache import cache

from vigie.strategy.loaders import load_plan
from vigie.strategy.models import Plan


@pytest.fixture
def plan(db: None) -> Plan:
    load_plan()
    return Plan.objects.get(code="2024-2027")


@pytest.fixture(autouse=True)
def fresh_cache() -> None:
    """Each test computes its measures afresh (the cache outlives the test database)."""
    cache.clear()
