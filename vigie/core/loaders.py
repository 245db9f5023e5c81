"""Load the bundled country and sub-national jurisdiction tables from ``data/core/``.

Each file is validated row by row before anything is written, and the whole load runs in one
transaction: a bad row names its file, line and field and leaves the database untouched.
Loading twice changes nothing (rows are matched on their ISO code).
"""

from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from django.db import transaction

from vigie.core.csvfiles import CsvRow, iter_csv_file
from vigie.core.freshness import changes_facts
from vigie.core.loading import LoadReport, upsert_table
from vigie.core.models import Country, Subdivision
from vigie.core.regions import REGION_OF_SUBREGION, Region, SubRegion

COUNTRY_COLUMNS = (
    "iso2",
    "iso3",
    "numeric",
    "name_en",
    "name_fr",
    "name_es",
    "official_name",
    "region",
    "subregion",
    "un_member_since",
)
SUBDIVISION_COLUMNS = ("code", "country", "name", "category")


def core_data_dir() -> Path:
    return Path(settings.DATA_DIR) / "core"


def _code(row: CsvRow, field: str, length: int, *, digits: bool = False) -> str:
    value = row.required(field)
    valid = value.isdigit() if digits else (value.isalpha() and value.isupper())
    if len(value) != length or not valid:
        kind = f"{length} digits" if digits else f"{length} capital letters"
        raise row.error(field, f"{value!r} is not a code of {kind}")
    return value


def _parse_country(row: CsvRow) -> dict[str, object]:
    region = row.get("region")
    subregion = row.get("subregion")
    if region and region not in Region.values:
        raise row.error("region", f"{region!r} is not a UN M49 region code")
    if subregion and subregion not in SubRegion.values:
        raise row.error("subregion", f"{subregion!r} is not a UN M49 sub-region code")
    if subregion and REGION_OF_SUBREGION[subregion] != region:
        raise row.error("subregion", f"sub-region {subregion} does not belong to region {region}")
    since = row.integer("un_member_since", required=False)
    if since is not None and not 1945 <= since <= 2100:
        raise row.error("un_member_since", f"{since} is not a plausible year of UN admission")
    return {
        "iso2": _code(row, "iso2", 2),
        "iso3": _code(row, "iso3", 3),
        "numeric": _code(row, "numeric", 3, digits=True),
        **row.translations("name"),
        "official_name": row.get("official_name"),
        "iso_name": row.get("iso_name"),
        "region": region,
        "subregion": subregion,
        "is_un_member": since is not None,
        "un_member_since": since,
    }


def _check_unique(rows: list[tuple[CsvRow, dict[str, object]]], fields: Iterable[str]) -> None:
    for field in fields:
        seen: dict[object, int] = {}
        for row, record in rows:
            value = record[field]
            if value in seen:
                raise row.error(field, f"{value!r} already appears on line {seen[value]}")
            seen[value] = row.line


@changes_facts
@transaction.atomic
def load_countries(data_dir: Path | None = None) -> dict[str, LoadReport]:
    """Load countries then sub-national jurisdictions; all or nothing."""
    folder = data_dir or core_data_dir()
    country_rows = [
        (row, _parse_country(row))
        for row in iter_csv_file(folder / "countries.csv", required_columns=COUNTRY_COLUMNS)
    ]
    _check_unique(country_rows, ("iso2", "iso3", "numeric"))
    countries = upsert_table(Country, "iso2", (record for _row, record in country_rows))

    by_iso2 = {country.iso2: country for country in Country.objects.all()}
    subdivision_rows = []
    for row in iter_csv_file(folder / "subdivisions.csv", required_columns=SUBDIVISION_COLUMNS):
        code = row.required("code")
        country_code = row.required("country")
        country = by_iso2.get(country_code)
        if country is None:
            raise row.error("country", f"{country_code!r} is not a known country code")
        if not code.startswith(f"{country_code}-"):
            raise row.error(
                "code", f"{code!r} does not start with its country code {country_code}-"
            )
        subdivision_rows.append(
            (
                row,
                {
                    "code": code,
                    "country": country,
                    "name": row.required("name"),
                    "category": row.get("category"),
                },
            )
        )
    _check_unique(subdivision_rows, ("code",))
    subdivisions = upsert_table(Subdivision, "code", (record for _row, record in subdivision_rows))
    return {"countries": countries, "subdivisions": subdivisions}


def load_bundled() -> dict[str, LoadReport]:
    """Entry point used by ``manage.py load_data``."""
    return load_countries()
