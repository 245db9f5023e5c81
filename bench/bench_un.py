"""Time the UN tracker's pages, API and queries on the loaded data (run after `make data`).

Prints the median and worst time of each, over 10 requests, through Django's test client.
"""

import os
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vigie.settings")

import django

django.setup()

import datetime  # noqa: E402

from django.test import Client  # noqa: E402

from vigie.un import queries  # noqa: E402
from vigie.un.models import Session, Vote  # noqa: E402

RUNS = 10


def measure(label: str, call: Callable[[], object]) -> None:
    times = []
    for _run in range(RUNS):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    print(f"{label:<45} median {statistics.median(times):7.1f} ms   worst {max(times):7.1f} ms")


def main() -> None:
    client = Client(HTTP_HOST="127.0.0.1")
    vote = Vote.objects.order_by("-date").first()
    session = Session.objects.order_by("-start_date").first()
    if vote is None or session is None:
        sys.exit("No UN data: run `make data` first.")
    pages = [
        "/en/un/",
        "/en/un/tracker/",
        f"/en/un/votes/{vote.pk}/",
        f"/en/un/sessions/{session.pk}/",
    ]
    pages += [f"/en/un/votes/{vote.pk}/csv/", "/en/un/countries/CO/", "/api/v1/un/votes"]
    for url in pages:
        measure(f"GET {url}", partial(client.get, url))
    start, end = datetime.date(2000, 1, 1), datetime.date.today()
    measure(
        "count_states_calling_for_reform (all time)",
        lambda: queries.count_states_calling_for_reform(start, end),
    )
    measure("list_reform_states_by_session", queries.list_reform_states_by_session)
    measure("get_vote_map_data", lambda: queries.get_vote_map_data(vote.pk))


if __name__ == "__main__":
    main()
