"""The reference data written back from memory after a flush equals what the loaders load."""

from typing import Any

import pytest
from django.core.management.color import no_style
from django.db import connection

from vigie.core.models import FactChange
from vigie.core.tests.reference import (
    load_reference_data,
    read_reference_rows,
    remove_reference_data,
    restore_reference_data,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_reference_data")]


def _every_row(rows: Any) -> dict[str, list[Any]]:
    """Every reference row; of ``FactChange``, whose time is that of the insert, only the ids."""
    return {
        model._meta.label: list(
            model._base_manager.order_by("pk").values_list(
                *(["pk"] if model is FactChange else []), flat=model is FactChange
            )
        )
        for model, _instances in rows.tables
    }


def _flush_reference_tables(rows: Any, *, reset_sequences: bool) -> None:
    """Empty the reference tables as a transactional test's flush does (inside this test's
    transaction, which rolls it back)."""
    tables = [model._meta.db_table for model, _instances in rows.tables]
    connection.check_constraints()  # PostgreSQL truncates no table with deferred checks pending
    with connection.cursor() as cursor:
        for statement in connection.ops.sql_flush(
            no_style(), tables, reset_sequences=reset_sequences, allow_cascade=True
        ):
            cursor.execute(statement)


def test_rows_written_back_after_a_flush_equal_the_loaded_rows_and_the_loaders_change_nothing() -> (
    None
):
    load_reference_data()
    rows = read_reference_rows()
    loaded = _every_row(rows)
    assert {"core.Country", "core.Subdivision"} <= set(loaded)
    assert any(label.startswith("un.") for label in loaded)
    assert rows.counts()["core.Subdivision"] > 1000

    remove_reference_data()
    assert _every_row(rows) == {label: [] for label in loaded}

    restore_reference_data(rows)
    assert _every_row(rows) == loaded

    # The loaders find nothing to change in the rows written back (they add a FactChange, and
    # recompute the UN data issues under new ids).
    load_reference_data()
    again = _every_row(rows)
    for label in ("core.FactChange", "un.DataIssue"):
        assert len(again.pop(label, [])) >= len(loaded.pop(label, []))
    assert again == loaded


def test_after_a_flush_that_resets_sequences_new_rows_get_ids_after_the_ones_written_back() -> None:
    load_reference_data()
    rows = read_reference_rows()
    highest = FactChange.objects.order_by("-pk").values_list("pk", flat=True).first()
    assert highest is not None

    _flush_reference_tables(rows, reset_sequences=True)
    restore_reference_data(rows)

    assert FactChange.objects.create().pk > highest
