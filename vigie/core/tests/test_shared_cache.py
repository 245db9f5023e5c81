"""Two processes of the site see a change of facts at once: no process keeps a stale copy.

Each process is a Python process with the real settings (the shared cache, the database's data
version) on one SQLite database, driven line by line: one renames a country (the way every
writer does: a write, then ``facts_changed``), the other, which had the country's profile
cached, must show the new name on its next read. Run with the database cache (the default) and
with Redis (``CACHE_URL``; skipped where no ``redis-server`` is installed). The whole public page
kept for anonymous visitors (``vigie.core.pagecache``) follows the same version.
"""

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from vigie.core.tests.processes import copy_database, site_environment

ROOT = Path(__file__).resolve().parents[3]

PROCESS = """
import sys
import django

django.setup()
from django.conf import settings
from django.db import transaction
from django.test import Client

from vigie.core.freshness import facts_changed
from vigie.core.models import Country
from vigie.countries.profile import get_cached_profile

COUNTRIES = {"PT": ("PRT", "620"), "ES": ("ESP", "724")}
for line in sys.stdin:
    command, _, rest = line.strip().partition(" ")
    iso2, _, argument = rest.partition(" ")
    if command == "backend":
        answer = settings.CACHES["default"]["BACKEND"]
    elif command == "create":
        iso3, numeric = COUNTRIES[iso2]
        Country.objects.create(iso2=iso2, iso3=iso3, numeric=numeric, name_en=argument)
        facts_changed()
        answer = "created"
    elif command == "rename":
        Country.objects.filter(iso2=iso2).update(name_en=argument)
        facts_changed()
        answer = "renamed"
    elif command == "rename-in-transaction":
        with transaction.atomic():
            Country.objects.filter(iso2=iso2).update(name_en=argument)
            facts_changed()
        answer = "renamed"
    elif command == "name":
        answer = get_cached_profile(Country.objects.get(iso2=iso2)).country.name_en
    elif command == "page":  # the whole page, as an anonymous visitor gets it (core.pagecache)
        response = Client(SERVER_NAME="127.0.0.1").get(f"/en/countries/{iso2.lower()}/")
        content = response.content.decode()
        answer = ("hit " if response.has_header("X-Page-Cache") else "computed ") + str(
            argument in content
        )
    print(answer, flush=True)
"""


class Process:
    def __init__(self, environment: dict[str, str]) -> None:
        self.popen = subprocess.Popen(
            [sys.executable, "-c", PROCESS],
            cwd=ROOT,
            env=environment,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def ask(self, line: str) -> str:
        assert self.popen.stdin is not None and self.popen.stdout is not None
        self.popen.stdin.write(line + "\n")
        self.popen.stdin.flush()
        answer = self.popen.stdout.readline().strip()
        assert answer, f"the process stopped on {line!r}"
        return answer

    def stop(self) -> None:
        assert self.popen.stdin is not None
        self.popen.stdin.close()
        self.popen.wait(timeout=30)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# One pair of processes per cache back end, shared by the tests of this module (each test works
# on its own country): starting a site process costs a second and a half of CPU.
@pytest.fixture(scope="module", params=["database", "redis"])
def cache_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """The shared cache of both processes: "" (the database cache) or a Redis server's URL."""
    if request.param == "database":
        yield ""
        return
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("redis-server is not installed")
    port = _free_port()
    redis = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "redis-server did not start"
                time.sleep(0.1)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        redis.terminate()
        redis.wait(timeout=30)


@pytest.fixture(scope="module")
def environment(
    tmp_path_factory: pytest.TempPathFactory, cache_url: str, migrated_sqlite_template: Path
) -> dict[str, str]:
    # The migrations also make the table of the database cache.
    database = copy_database(
        migrated_sqlite_template, tmp_path_factory.mktemp("shared") / "shared.sqlite3"
    )
    return site_environment(
        DATABASE_URL=f"sqlite:///{database}",
        TASKS_BACKEND="django_tasks.backends.dummy.DummyBackend",
        CACHE_URL=cache_url,
    )


@pytest.fixture(scope="module")
def two_processes(environment: dict[str, str]) -> Iterator[tuple[Process, Process]]:
    first, second = Process(environment), Process(environment)
    try:
        yield first, second
    finally:
        first.stop()
        second.stop()


BACKENDS = {
    "": "django.core.cache.backends.db.DatabaseCache",
    "redis": "django.core.cache.backends.redis.RedisCache",
}


def test_a_change_made_through_one_process_is_seen_by_the_other_at_once(
    two_processes: tuple[Process, Process], cache_url: str
) -> None:
    writer, reader = two_processes
    assert reader.ask("backend") == BACKENDS[cache_url.split(":")[0]]
    writer.ask("create PT Portugal")
    assert reader.ask("name PT") == "Portugal"  # composed and cached by the reader
    assert reader.ask("name PT") == "Portugal"  # read from the cache
    writer.ask("rename PT Portugal (renamed)")
    assert reader.ask("name PT") == "Portugal (renamed)"
    writer.ask("rename-in-transaction PT Portuguese Republic")
    assert reader.ask("name PT") == "Portuguese Republic"
    # and the other way round: the reader's own cache entry is seen by the writer
    reader.ask("rename PT Portugal")
    assert writer.ask("name PT") == "Portugal"


def test_a_whole_page_cached_by_one_process_is_never_served_stale_by_the_other(
    two_processes: tuple[Process, Process],
) -> None:
    writer, reader = two_processes
    writer.ask("create ES Spain")
    assert reader.ask("page ES Kingdom of Spain") == "computed False"
    assert writer.ask("page ES Kingdom of Spain") == "hit False"  # the page the reader stored
    writer.ask("rename-in-transaction ES Kingdom of Spain")
    assert reader.ask("page ES Kingdom of Spain") == "computed True"
    assert reader.ask("page ES Kingdom of Spain") == "hit True"
    assert writer.ask("page ES Kingdom of Spain") == "hit True"
