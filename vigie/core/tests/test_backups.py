"""Backup and restore on the database in use (SQLite by default, PostgreSQL with DATABASE_URL)."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from vigie.core.models import Country
from vigie.core.tests.factories import make_country

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_restore_brings_back_the_data_as_they_were_at_the_backup(tmp_path: Path) -> None:
    make_country("PT", iso3="PRT", numeric="620", name_en="Portugal")
    make_country("NO", iso3="NOR", numeric="578", name_en="Norway")
    backup = tmp_path / "vigie.backup"
    call_command("backup_database", str(backup))
    assert backup.stat().st_size > 0

    Country.objects.filter(iso2="PT").update(name_en="Renamed")
    Country.objects.filter(iso2="NO").delete()
    make_country("CA", iso3="CAN", numeric="124", name_en="Canada")

    call_command("restore_database", str(backup), "--noinput")
    assert dict(Country.objects.values_list("iso2", "name_en")) == {
        "PT": "Portugal",
        "NO": "Norway",
    }


def test_restoring_a_file_that_is_no_backup_changes_nothing(tmp_path: Path) -> None:
    make_country("PT", iso3="PRT", numeric="620", name_en="Portugal")
    not_a_backup = tmp_path / "notes.txt"
    not_a_backup.write_text("not a database\n" * 100, encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("restore_database", str(not_a_backup), "--noinput")
    assert list(Country.objects.values_list("iso2", flat=True)) == ["PT"]


def test_restoring_asks_for_confirmation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_country("PT", iso3="PRT", numeric="620", name_en="Portugal")
    backup = tmp_path / "vigie.backup"
    call_command("backup_database", str(backup))
    Country.objects.all().delete()
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="Restore cancelled"):
        call_command("restore_database", str(backup))
    assert not Country.objects.exists()
