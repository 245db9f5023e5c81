import shutil
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from vigie.core.errors import DataFileError
from vigie.core.loaders import load_countries
from vigie.core.models import Country, Subdivision

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_reference_data")]


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    for name in ("countries.csv", "subdivisions.csv"):
        shutil.copy(Path(settings.DATA_DIR) / "core" / name, tmp_path / name)
    return tmp_path


def _replace_line(path: Path, line_number: int, new_line: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[line_number - 1] = new_line
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_bundled_countries_load_every_iso_country_and_un_member() -> None:
    load_countries()
    assert Country.objects.count() == 249
    assert Country.objects.filter(is_un_member=True).count() == 193
    france = Country.objects.get(iso2="FR")
    assert (france.iso3, france.numeric, france.name_fr, france.name_es) == (
        "FRA",
        "250",
        "France",
        "Francia",
    )
    assert (france.region, france.subregion) == ("150", "155")
    assert Subdivision.objects.get(code="US-OR").country.iso2 == "US"
    assert Subdivision.objects.filter(code__in=["CA-BC", "AU-ACT"]).count() == 2


def test_loading_twice_leaves_the_same_rows() -> None:
    load_countries()
    before = list(Country.objects.order_by("iso2").values())
    reports = load_countries()
    assert reports["countries"].created == reports["countries"].updated == 0
    assert reports["subdivisions"].unchanged == Subdivision.objects.count()
    assert list(Country.objects.order_by("iso2").values()) == before


def test_malformed_country_row_names_file_line_and_field_and_writes_nothing(
    data_copy: Path,
) -> None:
    _replace_line(
        data_copy / "countries.csv",
        5,
        "AG,ATG,02X,Antigua and Barbuda,Antigua-et-Barbuda,Antigua y Barbuda,,019,029,1981",
    )
    with pytest.raises(DataFileError) as caught:
        load_countries(data_copy)
    assert str(caught.value) == (
        "countries.csv, line 5, field `numeric`: '02X' is not a code of 3 digits"
    )
    assert Country.objects.count() == 0


def test_bad_subdivision_rolls_back_the_countries_already_read(data_copy: Path) -> None:
    _replace_line(data_copy / "subdivisions.csv", 3, "AD-03,ZZ,Encamp,Parish")
    with pytest.raises(DataFileError, match=r"subdivisions.csv, line 3, field `country`"):
        load_countries(data_copy)
    assert Country.objects.count() == 0
    assert Subdivision.objects.count() == 0


def test_duplicated_code_is_reported_with_the_first_line(data_copy: Path) -> None:
    path = data_copy / "countries.csv"
    second_row = path.read_text(encoding="utf-8").splitlines()[1]
    _replace_line(path, 3, second_row)
    with pytest.raises(
        DataFileError, match=r"line 3, field `iso2`: 'AD' already appears on line 2"
    ):
        load_countries(data_copy)


def test_load_countries_command_reports_an_error_without_traceback(
    tmp_path: Path, settings: Any
) -> None:
    folder = tmp_path / "core"
    folder.mkdir()
    for name in ("countries.csv", "subdivisions.csv"):
        shutil.copy(Path(settings.DATA_DIR) / "core" / name, folder / name)
    _replace_line(folder / "countries.csv", 2, "AD,AND,020,,Andorre,Andorra,,150,039,1993")
    settings.DATA_DIR = tmp_path
    with pytest.raises(CommandError, match=r"line 2, field `name_en`: a value is required"):
        call_command("load_countries")
