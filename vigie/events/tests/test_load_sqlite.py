"""50 people register at once for 20 places through a real multi-threaded server on SQLite.

The test suite's SQLite database lives in memory and is shared by one connection, which hides
the lock contention of a real site; so this test migrates a database file of its own, starts
gunicorn on it (2 worker processes of 25 threads: writers contend across threads and across
processes), and sends the 50 registrations from 50 threads released together. Without WAL, ``BEGIN IMMEDIATE`` and a busy timeout, half of them
failed with "database is locked" (HTTP 500). A place is taken when the person confirms their
address with the emailed link: the server writes its emails to files, and the 50 confirmations
are then sent at once too, which is where the 20 places are contended.
"""

import datetime
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
from typing import Any

import pytest
from django.conf import settings
from django.utils import timezone

from vigie.core.tests.processes import copy_database, sqlite_file_connection
from vigie.events.models import Event

PEOPLE = 50
PLACES = 20
SLUG = "crowded-workshop"


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
            time.sleep(0.1)
    raise RuntimeError(f"the server did not answer within {seconds} s")


def _create_event(database: Path) -> None:
    """The event of 20 places, written into the server's file by this process (starting a
    ``manage.py shell`` for it cost a second and a half)."""
    start = timezone.now() + datetime.timedelta(days=30)
    with sqlite_file_connection(database, "load_test_server") as alias:
        Event.objects.using(alias).create(
            slug=SLUG,
            title_en="Crowded workshop",
            status="published",
            capacity=PLACES,
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=2),
        )


@pytest.fixture
def sqlite_server(
    tmp_path: Path, migrated_sqlite_template: Path, django_db_blocker: Any
) -> Iterator[tuple[str, Path, Path]]:
    """A threaded server on a migrated SQLite file holding one event of 20 places."""
    database = copy_database(migrated_sqlite_template, tmp_path / "vigie.sqlite3")
    with django_db_blocker.unblock():
        _create_event(database)
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "DEBUG", "SECRET_KEY_FILE"}
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="vigie.events.tests.load_settings",
        DATABASE_URL=f"sqlite:///{database}",
        SECRET_KEY=secrets.token_urlsafe(50),
        VIGIE_TEST_MAIL_DIR=str(mail_dir),
    )

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
            # The site is imported once, then the two workers fork from it (each opens its own
            # database connections as requests come).
            "--preload",
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
        yield base, database, mail_dir
    finally:
        server.terminate()
        server.wait(timeout=30)


def _register(base: str, number: int, barrier: threading.Barrier) -> int:
    """Open the form like a browser, then send it when every other person is ready."""
    form = f"name=Person+{number}&email=p{number}%40example.org"
    return _post_form(base, f"/en/events/{SLUG}/register/", form, barrier)


def _confirm(base: str, link: str, barrier: threading.Barrier) -> int:
    """Open the emailed link like a browser, then confirm when every other person is ready."""
    path = link.removeprefix(base)
    return _post_form(base, path, "", barrier, action=f"{path}confirm/")


def _post_form(
    base: str, path: str, form: str, barrier: threading.Barrier, action: str = ""
) -> int:
    host, port = base.removeprefix("http://").split(":")
    connection = HTTPConnection(host, int(port), timeout=120)
    connection.request("GET", path)
    page = connection.getresponse()
    body = page.read().decode()
    cookie = re.search(r"csrftoken=([^;]+)", page.getheader("Set-Cookie") or "")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    connection.close()
    if cookie is None or token is None:
        raise RuntimeError(f"{path} answered {page.status} with no CSRF token")
    form = f"csrfmiddlewaretoken={token[1]}&{form}"
    barrier.wait()
    connection = HTTPConnection(host, int(port), timeout=120)
    connection.request(
        "POST",
        action or path,
        body=form,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={cookie[1]}",
        },
    )
    status = connection.getresponse().status
    connection.close()
    return status


def _links(base: str, mail_dir: Path) -> list[str]:
    """The confirmation link of each email the server wrote (on this server)."""
    pattern = re.compile(r"https?://\S+?(/en/events/registration/[^/\s]+/)")
    return [
        base + match[1]
        for file in sorted(mail_dir.iterdir())
        for match in pattern.finditer(file.read_text())
    ]


def _all_at_once(work: list[tuple[str, Any]]) -> tuple[dict[str, int], list[str]]:
    barrier = threading.Barrier(len(work))
    statuses: dict[str, int] = {}
    failures: list[str] = []

    def person(name: str, send: Any) -> None:
        try:
            statuses[name] = send(barrier)
        except Exception as error:
            failures.append(f"{name}: {error!r}")

    threads = [threading.Thread(target=person, args=item) for item in work]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses, failures


def test_fifty_simultaneous_registrations_on_sqlite_fill_exactly_twenty_places(
    sqlite_server: tuple[str, Path, Path],
) -> None:
    base, database, mail_dir = sqlite_server
    registering = [
        (f"person {n}", lambda barrier, n=n: _register(base, n, barrier)) for n in range(PEOPLE)
    ]
    statuses, failures = _all_at_once(registering)
    assert failures == []
    assert sorted(status for status in statuses.values() if status >= 500) == []
    assert sorted(set(statuses.values())) == [302]
    links = _links(base, mail_dir)
    assert len(links) == PEOPLE
    confirming = [
        (link, lambda barrier, link=link: _confirm(base, link, barrier)) for link in links
    ]
    statuses, failures = _all_at_once(confirming)

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
