"""Translated fields (django-modeltranslation): the data kept by the migration, the fallback."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import translation

from vigie.core.i18n import from_mapping, translated_columns, translations
from vigie.core.models import Country

BEFORE = [("core", "0002_role_groups")]
AFTER = [("core", "0003_country_name_translated")]


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_every_translation() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old_country = executor.loader.project_state(BEFORE).apps.get_model("core", "Country")
    old_country.objects.create(
        iso2="XK",
        iso3="XKX",
        numeric="999",
        name_en="Kosovo",
        name_fr="Kosovo (fr)",
        name_es="Kósovo",
    )
    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    executor.loader.build_graph()
    # Only the columns the migration knows of: later migrations add others.
    kept = Country.objects.only("iso2", "name_en", "name_fr", "name_es").get(iso2="XK")
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
