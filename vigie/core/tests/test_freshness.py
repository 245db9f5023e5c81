"""A write says once that facts changed, however many writers it calls (``changes_facts``)."""

from collections.abc import Callable
from typing import Any

import pytest

from vigie.atlas.importer import apply_import
from vigie.atlas.loaders import atlas_data_dir, load_criteria
from vigie.atlas.models import PolicyMeasure
from vigie.core.freshness import data_version
from vigie.core.models import FactChange

pytestmark = pytest.mark.django_db


def test_an_import_of_many_measures_records_one_change_now_and_one_at_commit(
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    path = atlas_data_dir() / "measures.csv"
    before, version = FactChange.objects.count(), data_version()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        load_criteria()
        apply_import(path.read_text(encoding="utf-8"), file=path.name)

    assert PolicyMeasure.objects.count() > 50  # each measure was saved by its own writer
    # One change for each of the two outermost writes, now and once it is committed.
    assert FactChange.objects.count() - before == 4
    assert len(callbacks) == 2
    assert data_version() > version


def test_a_writer_that_fails_half_way_still_says_facts_changed() -> None:
    from vigie.core.freshness import changes_facts

    @changes_facts
    def inner() -> None:
        raise ValueError("half-way")

    @changes_facts
    def outer() -> None:
        inner()

    version = data_version()
    with pytest.raises(ValueError):
        outer()
    assert data_version() > version
    outer_ok = changes_facts(lambda: None)
    version = data_version()
    outer_ok()
    assert data_version() > version
