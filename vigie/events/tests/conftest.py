import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    """Each test starts with no registration attempt counted (rate limits live in the cache)."""
    cache.clear()
