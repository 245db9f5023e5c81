"""The environment of a site process started by a test (manage.py, a worker, a server)."""

import os
import secrets
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# Variables of the test run that must not leak into the process started.
LEFT_OUT = {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "DEBUG", "SECRET_KEY_FILE", "CACHE_URL"}


def site_environment(**values: str) -> dict[str, str]:
    """This process's environment with the real settings, a fresh key and the values given."""
    environment = {key: value for key, value in os.environ.items() if key not in LEFT_OUT}
    environment.update(
        DJANGO_SETTINGS_MODULE="vigie.settings", SECRET_KEY=secrets.token_urlsafe(50)
    )
    environment.update(values)
    return environment


def copy_database(template: Path, target: Path) -> Path:
    """A copy of a migrated SQLite file, made with SQLite's backup (safe whatever its journal)."""
    with sqlite3.connect(template) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    return target


@contextmanager
def sqlite_file_connection(path: Path, alias: str) -> Iterator[str]:
    """A connection of this process to the SQLite file ``path``, under ``alias``, whatever
    database the tests themselves run on: to write into a file a site process will use."""
    from django.db import connections
    from django.db.utils import load_backend

    engine = "django.db.backends.sqlite3"
    settings_dict = {**connections["default"].settings_dict, "ENGINE": engine, "OPTIONS": {}}
    settings_dict.update(NAME=str(path), HOST="", PORT="", USER="", PASSWORD="")
    connections[alias] = load_backend(engine).DatabaseWrapper(settings_dict, alias)
    try:
        yield alias
    finally:
        connections[alias].close()
        del connections[alias]
