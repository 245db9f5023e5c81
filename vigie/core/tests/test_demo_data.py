"""``demo_data``: the copy of the database written back equals what ``load_data --demo`` loads."""

import pytest
from django.apps import apps
from django.db import connection

from vigie.core.models import Country
from vigie.core.tests.reference import load_demo_data

pytestmark = pytest.mark.django_db(transaction=True)


def _counts() -> dict[str, int]:
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }


def test_the_demo_data_written_back_equals_the_demo_data_loaded(demo_data: None) -> None:
    if connection.vendor != "sqlite":
        pytest.skip("the copy is kept on SQLite; elsewhere the loaders run for each test")
    loaded = _counts()
    assert loaded["events.Event"] > 0 and loaded["network.Organisation"] > 0
    # A test's change, which the next test must not see.
    Country.objects.create(iso2="XZ", iso3="XZZ", numeric="999", name_en="Nowhere")
    load_demo_data()
    assert _counts() == loaded
    assert not Country.objects.filter(iso2="XZ").exists()
