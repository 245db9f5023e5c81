"""The main page of every app is read in a bounded number of database queries.

The site is loaded as ``manage.py load_data --demo`` loads it (the bundled data of every app and
the fictional demo), once for this module. Each ceiling is the count measured when it was set: a
page that starts sending one query per row (an N+1) fails here. Lower a ceiling when a page gets
cheaper; raise one only for a reason given in the commit.
"""

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from vigie.core.tests.factories import make_user
from vigie.core.tests.reference import bundled_data_for_a_module

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def site(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """Every app's bundled data and demo, loaded once and rolled back after the module."""
    with bundled_data_for_a_module(django_db_blocker, demo=True):
        yield


@pytest.fixture(autouse=True)
def fresh_cache() -> None:
    """Computed measures and profiles are counted uncached."""
    cache.clear()


def _first_link(client: Client, page: str, pattern: str) -> str:
    """The first address on ``page`` matching ``pattern`` (found as a reader would follow it)."""
    html = client.get(page).content.decode()
    match = re.search(rf'href="({pattern})"', html)
    assert match, f"no link matching {pattern} on {page}"
    return match.group(1)


def _index_edition(client: Client) -> str:
    return _first_link(client, "/en/index/", r"/en/index/[\w-]+/")


def _index_profile(client: Client) -> str:
    edition = _index_edition(client)
    return _first_link(client, edition, rf"{edition}[A-Z]{{2,3}}/")


def _un_session(client: Client) -> str:
    return _first_link(client, "/en/un/tracker/", r"/en/un/sessions/\d+/")


def _event(client: Client) -> str:
    return _first_link(client, "/en/events/", r"/en/events/(?!series/|staff/|mine/)[\w-]+/")


def _survey_results(client: Client) -> str:
    return _first_link(client, "/en/surveys/", r"/en/surveys/rounds/\d+/results/")


Page = str | Callable[[Client], str]

PAGES: dict[str, tuple[Page, int, str]] = {
    # name: (address, or how a reader finds it; query ceiling; who reads it)
    "home": ("/en/", 1, "anyone"),
    # Dataset and jurisdiction pages read their last review (one query, issue 18), and item pages
    # count their view (one upsert); the UN pages compute per session, and the 2025 updates
    # added the HRC 60th session (one more session: one more query on the UN pages, five on the
    # dashboards' running total).
    "atlas map": ("/en/atlas/", 5, "anyone"),
    "atlas list": ("/en/atlas/measures/", 5, "anyone"),  # + the count of every matching row
    "atlas jurisdiction": ("/en/atlas/jurisdictions/US-OR/", 7, "anyone"),
    "index editions": ("/en/index/", 2, "anyone"),
    "index rankings": (_index_edition, 5, "anyone"),
    "index profile": (_index_profile, 5, "anyone"),  # + the edition's sources, under its figures
    "un home": ("/en/un/", 15, "anyone"),
    "un tracker": ("/en/un/tracker/", 17, "anyone"),
    "un session": (_un_session, 11, "anyone"),
    "events list": ("/en/events/", 4, "anyone"),
    "event page": (_event, 8, "anyone"),
    "network directory": ("/en/network/", 5, "anyone"),  # + the count and the map aggregate
    "survey results": (_survey_results, 24, "editor"),
    # Counted cold: the tests precompute nothing, so the dashboards compute every measure in the
    # request (on a site the task worker has stored them: vigie/strategy/tests/test_precomputed.py
    # reads the dashboard in a few queries); survey measures pass through disclosure control,
    # which reads each round's respondent sets, and the UN measure is now a running total at each
    # session's end (the 2025 updates added a session: five more). The dashboards and the profile
    # read the shared data version (one query). The editor's "people trained" output also reads
    # the certificates of online courses and both sets of email addresses, to count each person
    # once (3 queries), the campaign's three outputs (one query each), and the library's pillar 3
    # outputs (3: publications released, their dissemination plans, the coverage they link).
    "strategy public dashboard": ("/en/strategy/public/", 124, "anyone"),  # + library, campaign
    # (+1: the stored "people trained" output reads the data version it is stored under)
    "strategy dashboard": ("/en/strategy/", 146, "editor"),
    "country list": ("/en/countries/", 1, "anyone"),
    "country profile": ("/en/countries/pt/", 19, "anyone"),  # + publications, data version
    # No publication is bundled nor in the demo: the library's rows are read in a fixed number of
    # queries whatever their number (vigie/library/tests/test_pages.py counts them with rows).
    "library list": ("/en/library/", 7, "anyone"),
    "library search": ("/en/library/?q=policy&type=report", 7, "anyone"),
    # The staff workspace: the review queue (its own reads), both apps' flags, rounds, events
    # and elections each in one aggregate query; then the corrections waiting, the measures
    # citing no source and the UN codings awaiting a second coder (one count each); then the
    # flags of the network (organisations, contacts), events, surveys and the index, one query
    # each whatever the number of rows flagged.
    "staff workspace": ("/en/staff/", 24, "editor"),
    # The corrections queue: the counts by status, and one page of proposals (a count and, once
    # there are rows, a slice; the demo has none: 5 measured, one more for the slice).
    "corrections queue": ("/en/staff/corrections/", 6, "editor"),
}


@pytest.mark.parametrize("name", PAGES)
def test_main_page_is_read_in_a_bounded_number_of_queries(
    name: str, site: None, django_assert_max_num_queries: Any
) -> None:
    page, ceiling, reader = PAGES[name]
    client = Client()
    if reader == "editor":
        client.force_login(make_user("editor", role="editor"))
    address = page if isinstance(page, str) else page(client)
    cache.clear()
    with django_assert_max_num_queries(ceiling):
        response = client.get(address)
    assert response.status_code == 200
