import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_cache() -> None:
    """Each test composes its profiles afresh (the cache outlives the test database)."""
    cache.clear()
