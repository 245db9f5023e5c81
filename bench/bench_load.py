"""Load benchmark through a real server: concurrent registrations, then a read mix and /healthz.

    .venv/bin/python bench/bench_load.py                      # SQLite (a copy of db.sqlite3)
    .venv/bin/python bench/bench_load.py --postgres postgres://vigie:vigie@127.0.0.1:5432/vigie

For each database, gunicorn (3 worker processes, gunicorn.conf.py's threads) serves the site on
loopback with the shared database cache, PostgreSQL with persistent connections
(``DATABASE_CONN_MAX_AGE`` 60 s, checked before reuse):
1. 50 people open the registration form of a new 20-place event, then send it at the same moment
   (released by a barrier); every answer must be a redirect, and each of the 50 is stored as
   pending (a place is taken when the person follows the emailed link: the events app's
   concurrency test checks that exactly the free places are then confirmed);
2. 20 users read ``/healthz`` for 20 s (``--health-seconds``): the server's own ceiling;
3. 20 users read public pages and API answers in random order for 60 s (``--read-seconds``).
Prints the errors (must be 0), the p50/p95 latencies and the throughput of each, and the mix's
throughput as a share of /healthz's (issue 14: at least 40 %). SQLite runs on a copy of
``db.sqlite3`` (run ``make data`` first); PostgreSQL on the given database, migrated and loaded if
needed, where the bench event is deleted at the end.
"""

import argparse
import os
import random
import re
import secrets
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.client import HTTPConnection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PEOPLE = 50
PLACES = 20
READERS = 20
WEB_WORKERS = 3
READ_PATHS = [
    "/en/",
    "/en/atlas/",
    "/en/index/",
    "/en/un/",
    "/en/events/",
    "/en/network/",
    "/en/events/calendar.ics",
    "/en/countries/",
    "/fr/events/",
    "/en/strategy/public/",
    "/en/countries/pt/",
    "/api/v1/atlas/measures",
    "/api/v1/atlas/strongest/2024",
    "/api/v1/events/events",
]


@dataclass
class Timings:
    durations_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def throughput(self) -> float:
        return len(self.durations_ms) / self.seconds if self.seconds else 0.0

    def add(self, started: float) -> None:
        self.durations_ms.append((time.perf_counter() - started) * 1000)

    def summary(self) -> str:
        if not self.durations_ms:
            return f"errors {len(self.errors)}, no answer"
        ordered = sorted(self.durations_ms)
        p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
        return (
            f"errors {len(self.errors)}, {len(ordered)} answers, "
            f"p50 {statistics.median(ordered):.0f} ms, p95 {p95:.0f} ms"
            + (f", {self.throughput:.1f} req/s" if self.seconds else "")
        )


def _environment(database_url: str) -> dict[str, str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "DEBUG", "SECRET_KEY_FILE"}
    }
    environment.update(
        # the real settings, with the registration limit per address raised (bench/load_settings.py)
        DJANGO_SETTINGS_MODULE="bench.load_settings",
        DATABASE_URL=database_url,
        SECRET_KEY=secrets.token_urlsafe(50),
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    return environment


def _manage(environment: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stderr}")
    return result.stdout


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def _server(environment: dict[str, str]) -> Iterator[tuple[str, int]]:
    port = _free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "vigie.wsgi:application",
            f"--bind=127.0.0.1:{port}",
            f"--workers={WEB_WORKERS}",
            "--timeout=120",
        ],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            if server.poll() is not None:
                raise SystemExit("gunicorn stopped before answering")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=30):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise SystemExit("gunicorn did not answer within 120 s") from None
                time.sleep(0.5)
        yield "127.0.0.1", port
    finally:
        server.terminate()
        server.wait(timeout=30)


def _create_event(environment: dict[str, str], slug: str) -> None:
    _manage(
        environment,
        "shell",
        "-c",
        "import datetime\n"
        "from django.utils import timezone\n"
        "from vigie.events.models import Event\n"
        "start = timezone.now() + datetime.timedelta(days=30)\n"
        f"Event.objects.create(slug='{slug}', title_en='Load bench', status='published',\n"
        f"    capacity={PLACES}, starts_at=start, ends_at=start + datetime.timedelta(hours=2))\n",
    )


def _event_counts(environment: dict[str, str], slug: str, delete: bool) -> str:
    code = (
        "from collections import Counter\n"
        "from vigie.events.models import Event\n"
        f"event = Event.objects.get(slug='{slug}')\n"
        "print(dict(sorted(Counter(event.registrations.values_list('status', flat=True)).items())))\n"
    )
    if delete:
        code += "event.registrations.all().delete(); event.delete()\n"
    return _manage(environment, "shell", "-c", code).strip().splitlines()[-1]


def bench_registrations(host: str, port: int, slug: str) -> Timings:
    timings = Timings()
    barrier = threading.Barrier(PEOPLE)
    path = f"/en/events/{slug}/register/"

    def person(number: int) -> None:
        try:
            connection = HTTPConnection(host, port, timeout=120)
            connection.request("GET", path)
            page = connection.getresponse()
            body = page.read().decode()
            connection.close()
            cookie = re.search(r"csrftoken=([^;]+)", page.getheader("Set-Cookie") or "")
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)
            if cookie is None or token is None:
                raise RuntimeError(f"form answered {page.status} without a CSRF token")
            form = f"csrfmiddlewaretoken={token[1]}&name=P+{number}&email=p{number}%40example.org"
        except Exception as error:
            timings.errors.append(f"person {number} (form): {error!r}")
            barrier.abort()
            return
        try:
            barrier.wait()
            started = time.perf_counter()
            connection = HTTPConnection(host, port, timeout=120)
            connection.request(
                "POST",
                path,
                body=form,
                headers={
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Cookie": f"csrftoken={cookie[1]}",
                },
            )
            status = connection.getresponse().status
            connection.close()
            timings.add(started)
            if status != 302:
                timings.errors.append(f"person {number}: HTTP {status}")
        except Exception as error:
            timings.errors.append(f"person {number}: {error!r}")

    threads = [threading.Thread(target=person, args=(n,)) for n in range(PEOPLE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return timings


def bench_reads(host: str, port: int, seconds: float, paths: list[str]) -> Timings:
    """READERS users, each sending one request after another for ``seconds``."""
    timings = Timings()
    lock = threading.Lock()
    started_at = time.monotonic()
    stop_at = started_at + seconds

    def reader(seed: int) -> None:
        choose = random.Random(seed)
        while time.monotonic() < stop_at:
            path = choose.choice(paths)
            started = time.perf_counter()
            try:
                connection = HTTPConnection(host, port, timeout=60)
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                connection.close()
                with lock:
                    timings.add(started)
                    if response.status != 200:
                        timings.errors.append(f"GET {path}: HTTP {response.status}")
            except Exception as error:
                with lock:
                    timings.errors.append(f"GET {path}: {error!r}")

    threads = [threading.Thread(target=reader, args=(n,)) for n in range(READERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    timings.seconds = time.monotonic() - started_at
    return timings


def run(
    label: str, database_url: str, read_seconds: float, health_seconds: float, on_copy: bool
) -> tuple[int, float]:
    environment = _environment(database_url)
    _manage(environment, "migrate", "--noinput", "-v0")
    if not on_copy:
        _manage(environment, "load_data")  # idempotent: the pages read need the bundled data
    slug = f"load-bench-{secrets.token_hex(4)}"
    _create_event(environment, slug)
    with _server(environment) as (host, port):
        registrations = bench_registrations(host, port, slug)
        counts = _event_counts(environment, slug, delete=False)
        bench_reads(host, port, 5, READ_PATHS)  # every page once: caches filled
        health = bench_reads(host, port, health_seconds, ["/healthz"])
        reads = bench_reads(host, port, read_seconds, READ_PATHS)
    _event_counts(environment, slug, delete=not on_copy)
    expected = f"{{'pending': {PEOPLE}}}"
    print(f"== {label}")
    print(f"{PEOPLE} simultaneous registrations for {PLACES} places: {registrations.summary()}")
    print(f"   registrations stored: {counts} (expected {expected})")
    print(f"{health_seconds:.0f} s of /healthz by {READERS} users: {health.summary()}")
    print(f"{read_seconds:.0f} s of the read mix by {READERS} users: {reads.summary()}")
    share = reads.throughput / health.throughput if health.throughput else 0.0
    print(f"   the mix's throughput is {share:.0%} of /healthz's (target: at least 40 %)")
    errors = registrations.errors + health.errors + reads.errors
    for error in errors[:10]:
        print(f"   {error}")
    failed = bool(errors) or counts != expected
    return (1 if failed else 0), reads.throughput


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--postgres", metavar="URL", help="also run on this PostgreSQL database")
    parser.add_argument("--read-seconds", type=float, default=60.0)
    parser.add_argument("--health-seconds", type=float, default=20.0)
    options = parser.parse_args()
    source = ROOT / "db.sqlite3"
    if not source.exists():
        raise SystemExit("Load the data first: make data")
    failures = 0
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "bench.sqlite3"
        with sqlite3.connect(source) as original, sqlite3.connect(copy) as target:
            original.backup(target)
        failed, sqlite = run(
            "SQLite", f"sqlite:///{copy}", options.read_seconds, options.health_seconds, True
        )
        failures += failed
        shutil.rmtree(folder, ignore_errors=True)
    if options.postgres:
        failed, postgres = run(
            "PostgreSQL", options.postgres, options.read_seconds, options.health_seconds, False
        )
        failures += failed
        print(
            f"PostgreSQL's read mix: {postgres / sqlite:.0%} of SQLite's throughput "
            "(target: within 20 %)"
        )
    else:
        print("== PostgreSQL: skipped (give --postgres URL)")
    print(f"uptime: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} (load average 1, 5 min)")
    raise SystemExit(1 if failures else 0)


if __name__ == "__main__":
    main()
