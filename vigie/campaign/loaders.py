"""Load the sourced figures of the Global Day of Action (``data/campaign/day_of_action.csv``)
and, for ``make demo`` only, a fictional call with fictional applicants (``data/demo/campaign/``).

Every row is checked before anything is written, inside one transaction: a bad row names its
file, line and field and leaves the database as it was. Rows are matched on (year, scope), so
loading twice changes nothing.
"""

import datetime
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction

from vigie.campaign.models import DayFigure, FigureScope, Qualifier
from vigie.core.csvfiles import CsvRow, iter_csv_file
from vigie.core.freshness import changes_facts
from vigie.core.loading import LoadReport, upsert
from vigie.core.services import cite_source

FIGURE_COLUMNS = (
    "year",
    "scope",
    "cities",
    "countries",
    "activities",
    "qualifier",
    "source_title",
    "source_url",
    "accessed",
    "notes",
)
FIRST_DAY = 2013  # the first Global Day of Action


def campaign_data_dir() -> Path:
    return Path(settings.DATA_DIR) / "campaign"


@dataclass(frozen=True)
class ParsedFigure:
    year: int
    scope: str
    cities: int | None
    countries: int | None
    activities: int | None
    qualifier: str
    source_title: str
    source_url: str
    accessed: datetime.date | None
    notes: str


def _count(row: CsvRow, field: str) -> int | None:
    value = row.integer(field, required=False)
    if value is not None and value <= 0:
        raise row.error(field, f"{value} is not a positive count")
    return value


def _parse_figure(row: CsvRow) -> ParsedFigure:
    year = row.integer("year")
    if year is None or not FIRST_DAY <= year <= 2100:
        raise row.error("year", f"{row.get('year')!r} is not a year of the Day of Action")
    cities, countries, activities = (_count(row, f) for f in ("cities", "countries", "activities"))
    if cities is None and countries is None and activities is None:
        raise row.error("cities", "the row states no figure (cities, countries or activities)")
    urls = row.sources("source_url")
    if len(urls) != 1:
        raise row.error("source_url", "exactly one web address is expected")
    return ParsedFigure(
        year=year,
        scope=row.choice("scope", FigureScope.values),
        cities=cities,
        countries=countries,
        activities=activities,
        qualifier=row.choice("qualifier", Qualifier.values),
        source_title=row.required("source_title"),
        source_url=urls[0],
        accessed=row.date("accessed"),
        notes=row.get("notes"),
    )


@changes_facts
@transaction.atomic
def load_day_figures(path: Path | None = None) -> LoadReport:
    path = path or campaign_data_dir() / "day_of_action.csv"
    parsed: list[ParsedFigure] = []
    seen: dict[tuple[int, str], int] = {}
    for row in iter_csv_file(path, required_columns=FIGURE_COLUMNS):
        figure = _parse_figure(row)
        key = (figure.year, figure.scope)
        if key in seen:
            raise row.error("year", f"{key[0]} ({key[1]}) was already given on line {seen[key]}")
        seen[key] = row.line
        parsed.append(figure)
    report = LoadReport()
    for figure in parsed:
        source = cite_source(
            url=figure.source_url,
            title=figure.source_title,
            accessed_on=figure.accessed,
        )
        values = {
            "cities": figure.cities,
            "countries": figure.countries,
            "activities": figure.activities,
            "qualifier": figure.qualifier,
            "notes": figure.notes,
            "source": source,
        }
        upsert(report, DayFigure, {"year": figure.year, "scope": figure.scope}, values)
    return report


def load_bundled() -> dict[str, LoadReport]:
    return {"day_of_action": load_day_figures()}
