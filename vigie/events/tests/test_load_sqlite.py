"""50 people register at once for 20 places through a real multi-threaded server on SQLite.

The test suite's SQLite database lives in memory and is shared by one connection, which hides
the lock contention of a real site; so this test migrates a database file of its own, starts
gunicorn on it (2 worker processes of 25 threads: writers contend across threads and across
processes), and sends the 50 registrations from 50 threads released together. Without WAL, ``BEGIN IMMEDIATE`` and a busy timeout, half of them
failed with "database is locked" (HTTP 500).
"""

import os
import re
import secrets
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from http.client import HTTPConnection
from pathlib import Path

import pytest
from django.conf import settings

PEOPLE = 50
PLACES = 20
SLUG = "crowded-workshop"
CREATE_EVENT = f"""
import datetime
from django.utils import timezone
from vigie.events.models import Event
start = timezone.now() + datetime.timedelta(days=30)
Event.objects.create(
    slug="{SLUG}", title_en="Crowded workshop", status="published", capacity={PLACES},
    starts_at=start, ends_at=start + datetime.timedelta(hours=2),
)
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_until_up(base: str, server: subprocess.Popen[bytes], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("the server stopped before answering")
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=30):
                return
        except OSError:  # refused while starting, or slow to answer its first request
            time.sleep(0.5)
    raise RuntimeError(f"the server did not answer within {seconds} s")


@pytest.fixture
def sqlite_server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A threaded server on a migrated SQLite file holding one event of 20 places."""
    database = tmp_path / "vigie.sqlite3"
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "DEBUG", "SECRET_KEY_FILE"}
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="vigie.settings",
        DATABASE_URL=f"sqlite:///{database}",
        SECRET_KEY=secrets.token_urlsafe(50),
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )

    def manage(*args: str) -> None:
        subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=settings.BASE_DIR,
            env=environment,
            check=True,
            capture_output=True,
            timeout=600,
        )

    manage("migrate", "--noinput", "-v0")
    manage("shell", "-c", CREATE_EVENT)
    port = _free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "vigie.wsgi:application",
            f"--bind=127.0.0.1:{port}",
            "--workers=2",
            "--threads=25",
            "--timeout=120",
        ],
        cwd=settings.BASE_DIR,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, server)
        yield base, database
    finally:
        server.terminate()
        server.wait(timeout=30)


def _register(base: str, number: int, barrier: threading.Barrier) -> int:
    """Open the form like a browser, then send it when every other person is ready."""
    host, port = base.removeprefix("http://").split(":")
    path = f"/en/events/{SLUG}/register/"
    connection = HTTPConnection(host, int(port), timeout=120)
    connection.request("GET", path)
    page = connection.getresponse()
    body = page.read().decode()
    cookie = re.search(r"csrftoken=([^;]+)", page.getheader("Set-Cookie") or "")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    connection.close()
    if cookie is None or token is None:
        raise RuntimeError(f"the registration form answered {page.status} with no CSRF token")
    form = f"csrfmiddlewaretoken={token[1]}&name=Person+{number}&email=p{number}%40example.org"
    barrier.wait()
    connection = HTTPConnection(host, int(port), timeout=120)
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
    return status


def test_fifty_simultaneous_registrations_on_sqlite_fill_exactly_twenty_places(
    sqlite_server: tuple[str, Path],
) -> None:
    base, database = sqlite_server
    barrier = threading.Barrier(PEOPLE)
    statuses: dict[int, int] = {}
    failures: list[str] = []

    def person(number: int) -> None:
        try:
            statuses[number] = _register(base, number, barrier)
        except Exception as error:
            failures.append(f"person {number}: {error!r}")

    threads = [threading.Thread(target=person, args=(n,)) for n in range(PEOPLE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    server_errors = sorted(status for status in statuses.values() if status >= 500)
    assert server_errors == []
    assert sorted(set(statuses.values())) == [302]
    with sqlite3.connect(database) as reading:
        counts = dict(
            reading.execute(
                "SELECT r.status, count(*) FROM events_registration r "
                "JOIN events_event e ON e.id = r.event_id WHERE e.slug = ? GROUP BY r.status",
                [SLUG],
            ).fetchall()
        )
    assert counts == {"confirmed": PLACES, "waiting": PEOPLE - PLACES}
