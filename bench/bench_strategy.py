"""Benchmark of the strategy dashboard and of a country profile: run after `make data`.

    .venv/bin/python bench/bench_strategy.py

Renders pages in this process with the bundled data (no network, nothing written): the editors'
dashboard (every measure, outputs per pillar), the public dashboard, and the profile of the
country with the most rows. Prints the median and the 90th percentile of 30 renders each.
"""

import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vigie.settings")

import django

django.setup()

import logging  # noqa: E402

from django.contrib.auth.models import AnonymousUser  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.http.response import HttpResponseBase  # noqa: E402
from django.test import Client, RequestFactory  # noqa: E402
from django.utils import translation  # noqa: E402

from vigie.core.models import Country  # noqa: E402
from vigie.countries.profile import get_profile  # noqa: E402
from vigie.strategy import views  # noqa: E402

ROUNDS = 30
TARGET_MS = 150


def timed(render: Callable[[], HttpResponseBase]) -> tuple[float, float]:
    durations = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        response = render()
        durations.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.status_code
    durations.sort()
    return statistics.median(durations), durations[int(len(durations) * 0.9) - 1]


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

    country = richest_country()
    cases = {
        "dashboard (editors, all measures and outputs)": editor_dashboard,
        "dashboard (editors), every measure recomputed": cold(editor_dashboard),
        "dashboard (public)": lambda: client.get("/en/strategy/public/"),
        f"country profile ({country.iso2}, {country.name_en})": lambda: client.get(
            f"/en/countries/{country.iso2.lower()}/"
        ),
        f"country profile ({country.iso2}), composed afresh": cold(
            lambda: client.get(f"/en/countries/{country.iso2.lower()}/")
        ),
    }
    for name, render in cases.items():
        render()  # warm caches (templates, translations)
        median, p90 = timed(render)
        verdict = "ok" if median < TARGET_MS else f"over the {TARGET_MS} ms target"
        print(f"{name}: median {median:.1f} ms, p90 {p90:.1f} ms ({verdict})")


if __name__ == "__main__":
    main()
