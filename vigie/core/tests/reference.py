"""Reference data of the test database.

Every country, sub-national jurisdiction and the bundled UN data are loaded once per test session,
right after the test database is created (root ``conftest.py``); ordinary tests roll back on top of
them. A test of the loaders themselves starts from an empty database with ``no_reference_data``.
The rows loaded are kept in memory (``ReferenceRows``): after a flush has emptied the database,
they are written back in one bulk insert per table instead of running the loaders again.
"""

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import import_module

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, models, transaction
from pytest_django import DjangoDbBlocker

REFERENCE_APPS = ("core", "un")


def load_reference_data() -> None:
    from vigie.core.loaders import load_countries
    from vigie.un.loaders import load_bundled as load_un

    load_countries()
    load_un()


def _reference_models() -> list[type[models.Model]]:
    return [
        model
        for label in REFERENCE_APPS
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    ]


@dataclass(frozen=True)
class ReferenceRows:
    """The reference rows as the loaders left them, table by table."""

    tables: tuple[tuple[type[models.Model], tuple[models.Model, ...]], ...]

    def counts(self) -> dict[str, int]:
        return {model._meta.label: len(rows) for model, rows in self.tables}


def _stored(candidates: list[type[models.Model]]) -> list[type[models.Model]]:
    return [
        model
        for model in candidates
        if model._meta.managed and not model._meta.proxy and not model._meta.swapped
    ]


def _read_rows(candidates: list[type[models.Model]]) -> ReferenceRows:
    return ReferenceRows(
        tuple(
            (model, tuple(model._base_manager.order_by("pk")))
            for model in _stored(candidates)
            if model._base_manager.exists()
        )
    )


def read_reference_rows() -> ReferenceRows:
    """Read every reference row, once, right after ``load_reference_data``."""
    return _read_rows(_reference_models())


def read_migrated_rows() -> ReferenceRows:
    """Read the rows that migrating writes into an empty database, once, right after it: the
    content types and permissions (``post_migrate``), the role groups and their permissions
    (a data migration and ``post_migrate``)."""
    return _read_rows(apps.get_models(include_auto_created=True))


def restore_migrated_rows(rows: ReferenceRows) -> None:
    """Write back what migrating wrote, after a flush has emptied every table.

    Django's flush sends ``post_migrate`` instead, which makes the content types and permissions
    again one app at a time (a flush took 70 ms with it, 26 ms with this, after each of the
    hundred transactional tests) but not the role groups, which a data migration makes: after
    the first transactional test every later test of the process ran without them and made them
    again. Written back, the database is as ``migrate`` left it, with the same ids."""
    from django.contrib.contenttypes.models import ContentType

    restore_reference_data(rows)
    ContentType.objects.clear_cache()


def restore_reference_data(rows: ReferenceRows) -> None:
    """Write the rows back, with their ids, into tables that a flush has emptied; PostgreSQL's
    sequences then start after the highest id, as after the loaders."""
    with transaction.atomic():
        for model, instances in rows.tables:
            model._base_manager.bulk_create(instances)
        statements = connection.ops.sequence_reset_sql(no_style(), [m for m, _ in rows.tables])
        if statements:
            with connection.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)


def remove_reference_data() -> None:
    """Delete the reference rows, without signals (inside an ordinary test, its rollback restores
    them)."""
    with transaction.atomic():
        for model in _reference_models():
            model._base_manager.all()._raw_delete(model._base_manager.db)


def load_bundled_data(*, demo: bool = False) -> None:
    """What ``manage.py load_data`` (``--demo``) loads, on top of the reference data already
    there."""
    for config in apps.get_app_configs():
        if not config.name.startswith("vigie.") or config.label in REFERENCE_APPS:
            continue
        try:
            loaders = import_module(f"{config.name}.loaders")
        except ModuleNotFoundError as error:
            if error.name == f"{config.name}.loaders":
                continue
            raise
        for entry_point in ["load_bundled"] + (["load_demo"] if demo else []):
            loader = getattr(loaders, entry_point, None)
            if loader is not None:
                loader()


@contextmanager
def bundled_data_for_a_module(blocker: DjangoDbBlocker, *, demo: bool) -> Iterator[None]:
    """For a module-scoped fixture: the bundled data (and the demo data), loaded once for the
    module's tests, each of which rolls back its own changes, and rolled back after the last."""
    with blocker.unblock(), transaction.atomic():
        load_bundled_data(demo=demo)
        yield
        transaction.set_rollback(True)


class DemoSnapshot:
    """The whole SQLite test database as ``manage.py load_data --demo`` leaves it, kept in memory.

    A transactional test that reads the whole site (the accessibility and content-policy checks)
    would otherwise run every loader, about five seconds, each time. The first such test of a
    process loads the data and saves the database with SQLite's backup; the next ones copy it
    back, tables, rows and sequences together, in a few milliseconds. On PostgreSQL the loaders
    run each time."""

    saved: sqlite3.Connection | None = None


def load_demo_data() -> None:
    """Give the database what ``load_data --demo`` gives it: on SQLite from the saved copy if
    there is one, which replaces whatever the database held; otherwise by the loaders, on top of
    what is there (a transactional test starts from an empty database; loading twice changes
    nothing)."""
    from django.contrib.contenttypes.models import ContentType

    sqlite = connection.vendor == "sqlite"
    if sqlite and DemoSnapshot.saved is not None:
        connection.ensure_connection()  # the copy is written through the open SQLite handle
        DemoSnapshot.saved.backup(connection.connection)
        # Content types are cached by id in the process, and the copy's ids are not those that
        # the flush which ended the previous test wrote again.
        ContentType.objects.clear_cache()
        return
    load_reference_data()
    load_bundled_data(demo=True)
    if sqlite:
        connection.ensure_connection()
        DemoSnapshot.saved = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(DemoSnapshot.saved)
