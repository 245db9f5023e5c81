"""Benchmark of the strategy dashboard and of a country profile: run after `make data`.

    .venv/bin/python bench/bench_strategy.py
    DATABASE_URL=sqlite:///$PWD/bench/scale.sqlite3 .venv/bin/python bench/bench_strategy.py --country PT

``--country`` names the profile to measure (by default the country with the most rows, found by
composing every profile: minutes at ×100).

Renders pages in this process with the bundled data and the settings' shared cache (no network):
the editors' dashboard (every measure, outputs per pillar), the public dashboard, and the profile
of the country with the most rows. Prints the median and the 90th percentile of 30 renders each:
- as served from the cache;
- right after a data change, once the task worker has computed the pages again (the change is a
  new data version, written to the database, as every writer does; the worker's computation is
  run here, outside the timing, and its own duration printed): issue 14's target is 50 ms;
- with everything computed in the request (the cache emptied), as before precomputation.
"""

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vigie.settings")
# The worker's refresh is run in this process (below): the changes made here queue no task.
os.environ.setdefault("TASKS_BACKEND", "django_tasks.backends.dummy.DummyBackend")

import django

django.setup()

import logging  # noqa: E402

from django.contrib.auth.models import AnonymousUser  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.http.response import HttpResponseBase  # noqa: E402
from django.test import Client, RequestFactory  # noqa: E402
from django.utils import translation  # noqa: E402

from vigie.core.freshness import data_version, facts_changed  # noqa: E402
from vigie.core.models import Country  # noqa: E402
from vigie.countries.profile import get_profile, precompute_profiles  # noqa: E402
from vigie.strategy import views  # noqa: E402
from vigie.strategy.progress import precompute_measures  # noqa: E402

ROUNDS = 30
AFTER_CHANGE_ROUNDS = 10
TARGET_MS = 150
AFTER_CHANGE_TARGET_MS = 50


def timed(
    render: Callable[[], HttpResponseBase],
    rounds: int = ROUNDS,
    before: Callable[[], None] | None = None,
) -> tuple[float, float]:
    durations = []
    for _ in range(rounds):
        if before is not None:
            before()
        start = time.perf_counter()
        response = render()
        durations.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.status_code
    durations.sort()
    return statistics.median(durations), durations[max(0, int(len(durations) * 0.9) - 1)]


def richest_country() -> Country:
    """The country whose profile has the most rows: the slowest page to compose."""
    best, best_rows = None, -1
    for country in Country.objects.all():
        rows = sum(len(section.rows) for section in get_profile(country).sections)
        if rows > best_rows:
            best, best_rows = country, rows
    assert best is not None, "no country loaded: run `make data` first"
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--country", help="ISO 3166 alpha-2 code of the profile to measure")
    options = parser.parse_args()
    logging.disable(logging.INFO)
    client = Client(HTTP_HOST="127.0.0.1")
    factory = RequestFactory(HTTP_HOST="127.0.0.1")

    def editor_dashboard() -> HttpResponse:
        request = factory.get("/en/strategy/")
        request.user = AnonymousUser()
        with translation.override("en"):
            response: HttpResponse = views._dashboard(request, public=False)
        return response

    def cold(render: Callable[[], HttpResponseBase]) -> Callable[[], HttpResponseBase]:
        def run() -> HttpResponseBase:
            cache.clear()
            return render()

        return run

    country = (
        Country.objects.get(iso2=options.country.upper()) if options.country else richest_country()
    )
    profile_page = f"/en/countries/{country.iso2.lower()}/"

    def change_then_refresh() -> None:
        """A change of facts, then what the task worker does about it (not timed)."""
        facts_changed()
        version = data_version()
        precompute_measures(version)
        precompute_profiles(version, countries=[country])

    cases = {
        "dashboard (editors, all measures and outputs)": editor_dashboard,
        "dashboard (public)": lambda: client.get("/en/strategy/public/"),
        f"country profile ({country.iso2}, {country.name_en})": lambda: client.get(profile_page),
    }
    for name, render in cases.items():
        render()  # warm caches (templates, translations)
        median, p90 = timed(render)
        verdict = "ok" if median < TARGET_MS else f"over the {TARGET_MS} ms target"
        print(f"{name}: median {median:.1f} ms, p90 {p90:.1f} ms ({verdict})")
        median, p90 = timed(render, AFTER_CHANGE_ROUNDS, before=change_then_refresh)
        verdict = (
            "ok"
            if median < AFTER_CHANGE_TARGET_MS
            else f"over the {AFTER_CHANGE_TARGET_MS} ms target"
        )
        print(
            f"  right after a data change (refreshed by the worker): median {median:.1f} ms, "
            f"p90 {p90:.1f} ms ({verdict})"
        )
        median, p90 = timed(cold(render))
        print(f"  computed in the request: median {median:.1f} ms, p90 {p90:.1f} ms")
    start = time.perf_counter()
    facts_changed()
    version = data_version()
    stored = precompute_measures(version) + precompute_profiles(version)
    print(
        f"the worker's refresh after a change: {stored} pages (every measure and country "
        f"profile, every language) in {time.perf_counter() - start:.1f} s"
    )


if __name__ == "__main__":
    main()
