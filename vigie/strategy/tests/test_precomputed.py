"""After a write, the task worker computes the measures again; the dashboard then only reads them.

The write's service says facts changed (``@changes_facts``); once it is committed, the refresh
task runs (the immediate task back end of the tests runs it at once) and stores every measure
under the new version. The dashboard then shows the new value without computing any measure.
"""

from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from vigie.core.tests.factories import make_user
from vigie.strategy import progress
from vigie.strategy.models import Plan
from vigie.strategy.tests.funding import load_a_new_major_funder

pytestmark = pytest.mark.django_db

CODE = "new-major-funding-sources"


def _editor() -> Client:
    client = Client()
    client.force_login(make_user("staff", role="editor"))
    return client


def _value(client: Client) -> tuple[float | None, int]:
    """The measure's value on the dashboard, and the number of queries the page made."""
    with CaptureQueriesContext(connection) as queries:
        cards = client.get("/en/strategy/").context["cards"]
    value = next(card["progress"].value for card in cards if card["progress"].measure.code == CODE)
    return value, len(queries)


def test_after_a_write_and_the_refresh_the_dashboard_reads_the_new_value(
    plan: Plan,
    tmp_path: Path,
    settings: Any,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.PRECOMPUTED_PAGES = ["vigie.strategy.progress.precompute_measures"]
    client = _editor()
    before, cold_queries = _value(client)  # nothing precomputed yet: computed once, here
    _same, warm_queries = _value(client)
    assert warm_queries < cold_queries
    with django_capture_on_commit_callbacks(execute=True):
        load_a_new_major_funder(tmp_path)

    def no_computation(*args: object, **kwargs: object) -> None:
        raise AssertionError("the dashboard computed a measure")

    monkeypatch.setattr(progress, "get_measure_progress", no_computation)
    after, queries = _value(client)
    assert after == (before or 0) + 1
    assert queries == warm_queries


def test_without_a_refresh_the_dashboard_computes_the_new_value_itself(
    plan: Plan, tmp_path: Path
) -> None:
    # PRECOMPUTED_PAGES is empty in the tests' settings: nothing is precomputed after the write
    client = _editor()
    before, _queries = _value(client)
    load_a_new_major_funder(tmp_path)
    assert _value(client)[0] == (before or 0) + 1
