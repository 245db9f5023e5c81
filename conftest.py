"""Shared test set-up: Playwright drives Debian's chromium against the live test server.

Playwright's own browser download is not reachable here, so the launch points at the system
chromium: Debian's ``chromium-headless-shell``, the build of chromium made for headless use (what
Playwright itself runs headless), which draws the same pages as the full browser at two thirds of
its cost; the full ``chromium`` where the shell is not installed, or ``CHROMIUM_BIN``.

Every request that does not go to the test server fails the test that made it, which proves pages
need no CDN, and none leaves the machine: chromium sends it to a proxy that is not there
(loopback addresses bypass a proxy).
"""

import gc
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.template.base import Template

from vigie.core.tests.outside_requests import watch_external_requests

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # sync Playwright + ORM in tests

CHROMIUM = (
    os.environ.get("CHROMIUM_BIN")
    or shutil.which("chromium-headless-shell")
    or shutil.which("chromium")
    or "/usr/bin/chromium"
)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    # Port 9 (discard) has no listener: a request for another host fails at once, here, while
    # the test server on 127.0.0.1 is reached directly.
    "--proxy-server=http://127.0.0.1:9",
]


def pytest_collection_finish(session: pytest.Session) -> None:
    """Collect Python's cyclic garbage less often once every test module is imported. The
    collector scans its youngest objects every 700 allocations, and the old ones (every module,
    every collected test) over and over; freezing what collection made and collecting after
    100,000 allocations takes about a tenth off the run of the tests that do not drive a browser.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(100_000, 50, 100)


# Read before Django's test set-up replaces it (``setup_test_environment``).
_TEMPLATE_RENDER = Template._render  # type: ignore[attr-defined]


@pytest.fixture(scope="session", autouse=True)
def _templates_render_unobserved(django_test_environment: None) -> None:
    """Render templates as the site does. Django's test set-up wraps every template render, down
    to each include, in a signal that the test client answers by copying the whole context: a
    tenth of the cost of each page the tests request, for the few tests that read
    ``response.context``. Those ask for ``template_context``."""
    Template._render = _TEMPLATE_RENDER  # type: ignore[attr-defined]


@pytest.fixture
def template_context() -> Iterator[None]:
    """``response.context`` and ``response.templates`` of the test client, for this test."""
    from django.test.utils import instrumented_test_render  # type: ignore[attr-defined]

    Template._render = instrumented_test_render  # type: ignore[attr-defined]
    yield
    Template._render = _TEMPLATE_RENDER  # type: ignore[attr-defined]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture
def external_requests() -> list[str]:
    """Every request a browser test tried to send off this machine (aborted)."""
    return []


@pytest.fixture
def context(context: Any, external_requests: list[str]) -> Iterator[Any]:
    watch_external_requests(context, external_requests)
    yield context
    if external_requests:
        pytest.fail(f"the page tried to reach outside the test server: {external_requests}")


@pytest.fixture(scope="session")
def migrated_sqlite_template(
    tmp_path_factory: pytest.TempPathFactory, django_db_setup: None
) -> Path:
    """A migrated SQLite file, for the tests that start site processes (a server, two workers):
    each copies it (``processes.copy_database``) instead of running every migration again in its
    own process. On SQLite it is the test database itself as migrated, saved before the reference
    data was loaded; on another database one ``migrate`` per test process (about 7 s of CPU)."""
    if _Reference.migrated_copy is not None:
        return _Reference.migrated_copy
    from vigie.core.tests.processes import site_environment

    database = tmp_path_factory.mktemp("migrated") / "template.sqlite3"
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=Path(__file__).resolve().parent,
        env=site_environment(DATABASE_URL=f"sqlite:///{database}"),
        check=True,
        capture_output=True,
        timeout=900,
    )
    return database


@pytest.fixture(autouse=True)
def _english_by_default() -> Iterator[None]:
    """Start every test in English: a request to /fr/ or /es/ leaves its language active in the
    thread, which would otherwise leak into the next test."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Start every test with an empty cache. Cached pages are keyed by the data version, the
    highest id of ``core.FactChange``; a test's rows are rolled back, so the next test reaches
    the same ids again and would read pages the previous test cached from other data."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


# Reference data ----------------------------------------------------------------------------------
# Loaded once, right after the test database is created (vigie/core/tests/reference.py), then read
# into memory.
# - Ordinary tests run in a transaction rolled back on top of it: they always find it.
# - Transactional tests (and browser tests against the live server) end with a flush that empties
#   every table. Each starts from an empty database, as Django leaves it, unless it asks for the
#   ``reference_data`` fixture.
# Before each test's fixtures are set up (``pytest_runtest_setup``, outside any transaction), the
# reference rows are written back from memory if the test needs them and a flush removed them, or
# removed if a transactional test does not ask for them.


class _Reference:
    present = False
    rows: Any = None  # reference.ReferenceRows, read once the test database is set up
    blocker: Any = None  # pytest-django's database blocker
    migrated_copy: Path | None = None  # the SQLite test database saved as migrated, empty


def _database_use(item: pytest.Item) -> tuple[bool, bool]:
    """(uses the database, is transactional), judged as pytest-django judges it."""
    fixtures = getattr(item, "fixturenames", ())
    marker = item.get_closest_marker("django_db")
    transactional = "transactional_db" in fixtures or "live_server" in fixtures
    if marker is not None:
        transactional = transactional or bool(
            marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")
        )
    uses_db = marker is not None or transactional or "db" in fixtures
    return uses_db, transactional


def _wanted(item: pytest.Item) -> bool | None:
    """Whether the test needs the reference data (None: it uses no database)."""
    uses_db, transactional = _database_use(item)
    if not uses_db:
        return None
    return not transactional or "reference_data" in getattr(item, "fixturenames", ())


def _match_reference_data(wanted: bool) -> None:
    """Write the reference rows back, or remove them, so that the database has them iff wanted."""
    from vigie.core.tests.reference import remove_reference_data, restore_reference_data

    if wanted and not _Reference.present:
        restore_reference_data(_Reference.rows)
        _Reference.present = True
    elif not wanted and _Reference.present:
        remove_reference_data()
        _Reference.present = False


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    wanted = _wanted(item)
    if wanted is None or _Reference.rows is None:
        return  # no database, or not set up yet: ``django_db_setup`` loads the data
    with _Reference.blocker.unblock():
        _match_reference_data(wanted)


@pytest.fixture(scope="session")
def django_db_setup(
    django_db_setup: None,
    django_db_blocker: Any,
    tmp_path_factory: pytest.TempPathFactory,
    request: pytest.FixtureRequest,
) -> None:
    from django.db import connection

    from vigie.core.tests.reference import (
        load_reference_data,
        read_migrated_rows,
        read_reference_rows,
    )

    if all(_wanted(item) is None for item in request.session.items):
        return  # no test of this session uses the database: pytest-django created none
    with django_db_blocker.unblock():
        if connection.vendor == "sqlite":
            _Reference.migrated_copy = _save_sqlite(tmp_path_factory.mktemp("migrated"))
        _write_back_migrated_rows_after_each_flush(read_migrated_rows())
        load_reference_data()
        _Reference.rows = read_reference_rows()
    _Reference.blocker = django_db_blocker
    _Reference.present = True


def _write_back_migrated_rows_after_each_flush(rows: Any) -> None:
    """The flush that ends a transactional test writes back what migrating wrote
    (``reference.restore_migrated_rows``) where Django sends ``post_migrate`` again."""
    from django.core.management.commands import flush

    from vigie.core.tests.reference import restore_migrated_rows

    def write_back(verbosity: int, interactive: bool, db: str, **kwargs: Any) -> None:
        restore_migrated_rows(rows)

    flush.emit_post_migrate_signal = write_back  # type: ignore[attr-defined]


def _save_sqlite(folder: Path) -> Path:
    """Save the (migrated, still empty) SQLite test database to a file with SQLite's backup."""
    import sqlite3

    from django.db import connection

    connection.ensure_connection()
    target = folder / "template.sqlite3"
    with sqlite3.connect(target) as copy:
        connection.connection.backup(copy)
    copy.close()
    # ``migrate`` also makes the table of the database cache the site's settings use (the test
    # settings cache in memory, so the test database has none).
    from django.core.management.commands.createcachetable import Command

    from vigie import settings as site_settings
    from vigie.core.tests.processes import sqlite_file_connection

    with sqlite_file_connection(target, "migrated_sqlite_template") as alias:
        command = Command()
        command.verbosity = 0
        command.create_table(alias, site_settings.CACHES["default"]["LOCATION"], False)
    return target


@pytest.fixture
def reference_data() -> None:
    """Every country, sub-national jurisdiction and the bundled UN data (``data/core``,
    ``data/un``). Ordinary tests always have it; a transactional test must ask for it."""


@pytest.fixture(autouse=True)
def _reference_data(request: pytest.FixtureRequest) -> Iterator[None]:
    """Set the database up (the first test) and keep track of the flush that ends a
    transactional test."""
    wanted = _wanted(request.node)
    if wanted is None:
        yield
        return
    request.getfixturevalue("django_db_setup")
    if _Reference.rows is not None and (wanted != _Reference.present):
        # Only if the hook could not: the first test, whose set-up created the database.
        with request.getfixturevalue("django_db_blocker").unblock():
            _match_reference_data(wanted)
    yield
    if _database_use(request.node)[1]:
        _Reference.present = False  # the flush that ends the test empties every table


@pytest.fixture
def demo_data(transactional_db: None) -> None:
    """The whole site as ``manage.py load_data --demo`` leaves it (the bundled data and the
    fictional demo data), for a transactional test: loaded once per test process, then copied
    back from memory on SQLite (``reference.load_demo_data``)."""
    from vigie.core.tests.reference import load_demo_data

    load_demo_data()


@pytest.fixture
def no_reference_data(db: None) -> None:
    """Start from an empty database: for tests of the loaders of the reference data."""
    from vigie.core.tests.reference import remove_reference_data

    remove_reference_data()
