import pytest
from django.core.cache import cache
from django.test import Client

from vigie.core.tests.factories import make_user


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    """Each test starts with no registration attempt counted (rate limits live in the cache)."""
    cache.clear()


@pytest.fixture
def editor() -> Client:
    """A client logged in as an editor (the staff role)."""
    client = Client()
    client.force_login(make_user("editor", role="editor"))
    return client
