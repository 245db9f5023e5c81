"""Translated fields (django-modeltranslation): the data kept by the migration, the fallback."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connection, connections
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.utils import translation

from vigie.core.i18n import from_mapping, translated_columns, translations
from vigie.core.models import Country

BEFORE = [("core", "0002_role_groups")]
AFTER = [("core", "0003_country_name_translated")]


@pytest.fixture
def scratch_database(db: None, tmp_path: Path) -> Iterator[str]:
    """A second, empty database of the same kind as the test database, under its own alias: the
    migration is checked there from the first migration on, instead of unapplying every later
    migration of the test database and applying them again."""
    alias = "translated_fields_scratch"
    settings_dict = {**connection.settings_dict}
    if connection.vendor == "sqlite":
        settings_dict["NAME"] = str(tmp_path / "scratch.sqlite3")
    else:
        settings_dict["NAME"] = f"{connection.settings_dict['NAME']}_scratch"
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{settings_dict["NAME"]}"')
            cursor.execute(f'CREATE DATABASE "{settings_dict["NAME"]}"')
    scratch = type(connections["default"])(settings_dict, alias)
    connections[alias] = scratch
    try:
        yield alias
    finally:
        scratch.close()
        del connections[alias]
        if connection.vendor != "sqlite":
            with connection.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{settings_dict["NAME"]}"')


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_every_translation(scratch_database: str) -> None:
    scratch = connections[scratch_database]
    executor = MigrationExecutor(scratch)
    # A database migrated up to 0002 before core's migrations were squashed: the old files, not
    # the squash (which a database with none of them applied would take, without 0002 in it).
    executor.loader = MigrationLoader(scratch, replace_migrations=False)
    executor.migrate(BEFORE)
    old_country = executor.loader.project_state(BEFORE).apps.get_model("core", "Country")
    old_country.objects.using(scratch_database).create(
        iso2="XK",
        iso3="XKX",
        numeric="999",
        name_en="Kosovo",
        name_fr="Kosovo (fr)",
        name_es="Kósovo",
    )
    executor = MigrationExecutor(scratch)
    executor.migrate(AFTER)
    # Only the columns the migration knows of: later migrations add others.
    kept = (
        Country.objects.using(scratch_database)
        .only("iso2", "name_en", "name_fr", "name_es")
        .get(iso2="XK")
    )
    assert (kept.name_en, kept.name_fr, kept.name_es) == ("Kosovo", "Kosovo (fr)", "Kósovo")
    with translation.override("es"):
        assert kept.name == "Kósovo"


@pytest.mark.django_db
def test_a_translated_field_reads_the_active_language_then_english() -> None:
    country = Country.objects.create(
        iso2="XK", iso3="XKX", numeric="999", name_en="Kosovo", name_fr="", name_es="Kósovo"
    )
    with translation.override("es"):
        assert country.name == "Kósovo"
        assert Country.objects.filter(iso2="XK").values_list("name", flat=True)[0] == "Kósovo"
    with translation.override("fr"):
        assert country.name == "Kosovo"
        assert Country.objects.filter(iso2="XK").values_list("name", flat=True)[0] == "Kosovo"


def test_texts_kept_outside_models_use_the_same_order() -> None:
    dimension = {"code": "h", "name_en": "Health", "name_es": "Salud"}
    with translation.override("es"):
        assert from_mapping(dimension, "name") == "Salud"
    with translation.override("fr"):
        assert from_mapping(dimension, "name") == "Health"


@pytest.mark.django_db
def test_translations_copy_every_language_column() -> None:
    country = Country(name_en="Kosovo", name_fr="Kosovo (fr)", name_es="Kósovo")
    assert translated_columns(Country) == ["name_en", "name_fr", "name_es"]
    assert translations(country) == {
        "name_en": "Kosovo",
        "name_fr": "Kosovo (fr)",
        "name_es": "Kósovo",
    }


def test_absent_translations_are_empty_strings_not_null() -> None:
    assert not Country._meta.get_field("name_fr").null
    assert Country(name_en="Kosovo").name_fr == ""
