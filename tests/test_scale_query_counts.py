"""Every page and API list of issue 14 reads as many queries on ten times the data as on the
bundled data: a page costs what it shows, not what the database holds.

The site is loaded as ``manage.py load_data --demo`` loads it; each page is read (cache cleared,
as after a data change), then the data is grown ten times by ``bench/make_scale_data.grow``
(the generator of the ×100 bench, cheap at ×10) and each page is read again.
"""

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.bench_pages import PAGES, pages
from bench.make_scale_data import counts, grow
from vigie.core.tests.factories import make_user
from vigie.core.tests.reference import bundled_data_for_a_module

pytestmark = pytest.mark.django_db

FACTOR = 10


def _read_every_page() -> dict[str, tuple[int, int]]:
    """Page name → (status, queries of one uncached request)."""
    anonymous, staff = Client(), Client()
    staff.force_login(make_user(f"scale-editor-{counts()['organisations']}", role="editor"))
    found = {}
    for name, address, as_staff in pages():
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = (staff if as_staff else anonymous).get(address)
        found[name] = (response.status_code, len(queries))
    return found


@pytest.fixture(scope="module")
def both_sizes(django_db_setup: None, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    with bundled_data_for_a_module(django_db_blocker, demo=True):
        small = _read_every_page()
        before = counts()
        grow(FACTOR)
        after = counts()
        large = _read_every_page()
        yield {"small": small, "large": large, "before": before, "after": after}


def test_the_larger_set_is_larger(both_sizes: dict[str, Any]) -> None:
    before, after = both_sizes["before"], both_sizes["after"]
    assert after["atlas measures"] >= 7 * before["atlas measures"]
    assert after["organisations"] >= 5 * before["organisations"]
    assert after["UN vote records"] >= 5 * before["UN vote records"]
    assert after["registrations"] >= 5 * before["registrations"]
    assert after["survey responses"] >= 5 * before["survey responses"]


@pytest.mark.parametrize("name", [name for name, _address, _staff in PAGES])
def test_query_count_does_not_grow_with_the_data(name: str, both_sizes: dict[str, Any]) -> None:
    small_status, small_queries = both_sizes["small"][name]
    large_status, large_queries = both_sizes["large"][name]
    assert (small_status, large_status) == (200, 200)
    assert large_queries == small_queries, (
        f"{name}: {small_queries} queries on the bundled data, {large_queries} at ×{FACTOR}"
    )
