"""Benchmark of the events pages and of registration: run after `make data`.

    .venv/bin/python bench/bench_events.py

Reads pages through Django's test client (no network) and registers 500 people for a 100-place
event inside a transaction that is rolled back, so the database is left as it was.
"""

import datetime
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vigie.settings")
os.environ["TASKS_BACKEND"] = "django_tasks.backends.immediate.ImmediateBackend"
os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"

import django

django.setup()

from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

from vigie.events.models import Event  # noqa: E402
from vigie.events.services import confirm_registration, register_participant  # noqa: E402

SEED = "breaking-the-silos-4-a-global-challenge"
ROUNDS = 30


def timed(client: Client, url: str) -> tuple[float, float]:
    durations = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        response = client.get(url)
        durations.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    return statistics.median(durations), max(durations)


class Rollback(Exception):
    pass


def bench_registration(people: int = 500, places: int = 100) -> float:
    start_at = timezone.now() + datetime.timedelta(days=30)
    elapsed = 0.0
    try:
        with transaction.atomic():
            event = Event.objects.create(
                slug="bench-event",
                title_en="Bench",
                status="published",
                capacity=places,
                starts_at=start_at,
                ends_at=start_at + datetime.timedelta(hours=2),
            )
            start = time.perf_counter()
            for number in range(people):
                registration = register_participant(
                    event=event, name=f"P {number}", email=f"p{number}@example.org", language="en"
                )
                confirm_registration(registration=registration)  # the emailed link
            elapsed = time.perf_counter() - start
            confirmed = event.registrations.filter(status="confirmed").count()
            if confirmed != places:
                raise SystemExit(f"expected {places} confirmed, found {confirmed}")
            raise Rollback
    except Rollback:
        pass
    return elapsed


def main() -> None:
    setup_test_environment()
    if not Event.objects.filter(slug=SEED).exists():
        raise SystemExit("Load the data first: make data")
    client = Client()
    for url in [
        "/en/events/",
        f"/en/events/{SEED}/",
        f"/fr/events/{SEED}/",
        "/en/events/calendar.ics",
        f"/en/events/{SEED}/calendar.ics",
        "/api/v1/events/events",
    ]:
        median, worst = timed(client, url)
        print(f"GET {url:60} median {median:6.1f} ms  max {worst:6.1f} ms  ({ROUNDS} requests)")
    elapsed = bench_registration()
    print(
        f"register and confirm 500 people for 100 places (with emails): {elapsed:.2f} s, "
        f"{elapsed / 500 * 1000:.1f} ms per registration"
    )


if __name__ == "__main__":
    main()
