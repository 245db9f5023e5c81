"""Back up the database in use to a file, and restore it from one.

SQLite: SQLite's online backup API copies the database page by page while the site runs (readers
and writers of other connections are not stopped), and the same API restores a file into the live
database, so the site's processes see the restored data on their next query.
PostgreSQL: ``pg_dump --format=custom`` and ``pg_restore --clean --if-exists --single-transaction``,
run with the connection settings of ``DATABASES`` (the password is passed in the environment, never
on the command line).
Uploaded files (``MEDIA_ROOT``) are not in the database: back them up with the file system.
"""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connections

from vigie.core.errors import DomainError


class BackupError(DomainError):
    """A backup or a restore could not be made; the message says why."""


def _vendor(alias: str) -> str:
    vendor = connections[alias].vendor
    if vendor not in {"sqlite", "postgresql"}:
        raise BackupError(f"no backup method for a {vendor} database")
    return vendor


def _live_sqlite(alias: str) -> sqlite3.Connection:
    connection = connections[alias]
    connection.ensure_connection()
    if not connection.get_autocommit() or connection.in_atomic_block:
        raise BackupError("cannot back up or restore inside a transaction")
    raw = connection.connection
    if not isinstance(raw, sqlite3.Connection):
        raise BackupError("the database connection is not a SQLite connection")
    return raw


def _postgres_environment(alias: str) -> tuple[list[str], dict[str, str]]:
    settings = connections[alias].settings_dict
    arguments = ["--no-password"]
    if settings.get("HOST"):
        arguments.append(f"--host={settings['HOST']}")
    if settings.get("PORT"):
        arguments.append(f"--port={settings['PORT']}")
    if settings.get("USER"):
        arguments.append(f"--username={settings['USER']}")
    environment = dict(os.environ)
    if settings.get("PASSWORD"):
        environment["PGPASSWORD"] = str(settings["PASSWORD"])
    return arguments, environment


def _run(command: list[str], environment: dict[str, str]) -> None:
    program = shutil.which(command[0])
    if program is None:
        raise BackupError(f"{command[0]} is not installed (it comes with the PostgreSQL client)")
    result = subprocess.run(
        [program, *command[1:]], env=environment, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def back_up_database(*, destination: Path, alias: str = "default") -> Path:
    """Write a consistent copy of the database to ``destination`` (replaced if it exists)."""
    destination = Path(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    if _vendor(alias) == "sqlite":
        live = _live_sqlite(alias)
        partial = destination.with_name(destination.name + ".partial")
        partial.unlink(missing_ok=True)
        with sqlite3.connect(partial) as copy:
            live.backup(copy)
        copy.close()
        partial.replace(destination)
        return destination
    arguments, environment = _postgres_environment(alias)
    name = str(connections[alias].settings_dict["NAME"])
    _run(["pg_dump", *arguments, "--format=custom", f"--file={destination}", name], environment)
    return destination


def _check_sqlite_backup(source: Path) -> None:
    try:
        with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as backup:
            (verdict,) = backup.execute("PRAGMA quick_check").fetchone()
            migrations = backup.execute(
                "SELECT count(*) FROM sqlite_master WHERE name = 'django_migrations'"
            ).fetchone()[0]
        backup.close()
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{source} is not a SQLite database: {error}") from None
    if verdict != "ok":
        raise BackupError(f"{source} is damaged: {verdict}")
    if not migrations:
        raise BackupError(f"{source} is not a backup of this site (no django_migrations table)")


def restore_database(*, source: Path, alias: str = "default") -> None:
    """Replace the whole content of the database with the backup in ``source``."""
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"no backup file at {source}")
    if _vendor(alias) == "sqlite":
        _check_sqlite_backup(source)
        live = _live_sqlite(alias)
        with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as backup:
            backup.backup(live)
        backup.close()
        return
    arguments, environment = _postgres_environment(alias)
    connections[alias].close()  # pg_restore drops the tables: hold no lock on them
    name = str(connections[alias].settings_dict["NAME"])
    _run(
        [
            "pg_restore",
            *arguments,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            f"--dbname={name}",
            str(source),
        ],
        environment,
    )
