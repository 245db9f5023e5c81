"""Load the sourced figures of the Global Day of Action (``data/campaign/day_of_action.csv``)
and, for ``make demo`` only, a fictional call with fictional applicants (``data/demo/campaign/``).

Every row is checked before anything is written, inside one transaction: a bad row names its
file, line and field and leaves the database as it was. Rows are matched on (year, scope), so
loading twice changes nothing.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.conf import settings
from django.db import transaction

from vigie.campaign import gazetteer
from vigie.campaign.models import (
    ActionKind,
    Application,
    Call,
    CurrencyRate,
    DayFigure,
    FigureScope,
    Programme,
    Qualifier,
)
from vigie.campaign.money import to_usd
from vigie.core.csvfiles import CsvRow, iter_csv_file
from vigie.core.freshness import changes_facts
from vigie.core.loading import LoadReport, upsert
from vigie.core.models import Country
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


CALL_COLUMNS = (
    "year",
    "programme",
    "title_en",
    "opens_at",
    "closes_at",
    "day_on",
    "envelope_usd",
    "rates",
)
APPLICATION_COLUMNS = (
    "year",
    "programme",
    "contact_name",
    "email",
    "language",
    "title",
    "kind",
    "country",
    "city",
    "currency",
    "amount_local",
    "status",
)


def _moment(row: CsvRow, field: str) -> datetime.datetime:
    try:
        moment = datetime.datetime.fromisoformat(row.required(field))
    except ValueError:
        raise row.error(
            field, f"{row.get(field)!r} is not an ISO date-time with its offset"
        ) from None
    if moment.tzinfo is None:
        raise row.error(field, "the date-time needs its UTC offset (+00:00)")
    return moment


def _amount(row: CsvRow, field: str, *, required: bool = True) -> Decimal | None:
    value = row.get(field)
    if not value and not required:
        return None
    try:
        return Decimal(row.required(field))
    except InvalidOperation:
        raise row.error(field, f"{value!r} is not an amount") from None


def _load_demo_calls(folder: Path, report: LoadReport) -> dict[tuple[int, str], Call]:
    calls: dict[tuple[int, str], Call] = {}
    for row in iter_csv_file(folder / "calls.csv", required_columns=CALL_COLUMNS):
        year = row.integer("year") or 0
        programme = row.choice("programme", Programme.values)
        day = row.date("day_on")
        closes = _moment(row, "closes_at")
        if day is None:
            raise row.error("day_on", "a value is required")
        after = closes.date()
        values = {
            "title_en": row.required("title_en"),
            "title_fr": row.get("title_fr"),
            "title_es": row.get("title_es"),
            "opens_at": _moment(row, "opens_at"),
            "closes_at": closes,
            "assessment_starts_on": after + datetime.timedelta(days=3),
            "assessment_ends_on": after + datetime.timedelta(days=17),
            "notification_on": after + datetime.timedelta(days=24),
            "disbursement_starts_on": after + datetime.timedelta(days=24),
            "disbursement_ends_on": day - datetime.timedelta(days=12),
            "day_on": day,
            "feedback_starts_on": day + datetime.timedelta(days=5),
            "feedback_ends_on": day + datetime.timedelta(days=66),
            "envelope_usd": _amount(row, "envelope_usd"),
        }
        call = upsert(report, Call, {"year": year, "programme": programme}, values)
        for item in row.items("rates"):
            currency, _sep, units = item.partition("=")
            try:
                rate = Decimal(units)
            except InvalidOperation:
                raise row.error("rates", f"{item!r} is not CUR=units per USD") from None
            CurrencyRate.objects.update_or_create(
                call=call, currency=currency.strip().upper(), defaults={"units_per_usd": rate}
            )
        calls[(year, programme)] = call
    return calls


@changes_facts
@transaction.atomic
def load_demo(folder: Path | None = None) -> dict[str, LoadReport]:
    """The fictional demo call and applicants (``data/demo/campaign/``), placed on the map by
    the same gazetteer as real applications."""
    folder = folder or Path(settings.DATA_DIR) / "demo" / "campaign"
    reports = {"demo_calls": LoadReport(), "demo_applications": LoadReport()}
    calls = _load_demo_calls(folder, reports["demo_calls"])
    for row in iter_csv_file(folder / "applications.csv", required_columns=APPLICATION_COLUMNS):
        call = row.listed(
            "year", calls.get((row.integer("year") or 0, row.get("programme"))), "calls.csv"
        )
        country = row.listed(
            "country", Country.objects.filter(iso2=row.required("country")).first(), "data/core"
        )
        city = row.listed(
            "city", gazetteer.find_city(row.required("city"), country.iso2), "the gazetteer"
        )
        currency = row.required("currency")
        amount = _amount(row, "amount_local")
        status = row.choice("status", ("submitted", "approved", "declined"))
        awarded = _amount(row, "awarded_usd", required=status == "approved")
        values = {
            "contact_name": row.required("contact_name"),
            "language": row.choice("language", ("en", "fr", "es")),
            "organisation_name": row.get("organisation_name"),
            "publish_organisation": row.boolean("publish_organisation"),
            "title": row.required("title"),
            "kind": row.choice("kind", ActionKind.values),
            "plans": row.required("title"),
            "contingency": "—",
            "country": country,
            "city_name": city.name,
            "city_geonameid": city.geonameid,
            "latitude": city.latitude,
            "longitude": city.longitude,
            "currency": currency,
            "amount_local": amount,
            "amount_usd": to_usd(call, currency, amount) if amount is not None else None,
            "status": status,
            "submitted_at": call.closes_at,
            "awarded_usd": awarded if status == "approved" else None,
            "decided_at": call.closes_at + datetime.timedelta(days=24)
            if status != "submitted"
            else None,
        }
        upsert(
            reports["demo_applications"],
            Application,
            {"call": call, "email": row.required("email")},
            values,
        )
    return reports
