"""Load the bundled programme (``data/events/``) and the fictional demo (``data/demo/events/``).

Every file is parsed and checked before anything is written, inside one transaction: a bad row
names its file, line and field and leaves the database as it was. Rows are matched on stable keys
(slugs, person keys, programme keys), so loading twice changes nothing.
"""

import datetime
import zoneinfo
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.db import transaction

from vigie.core.csvfiles import CsvRow, iter_csv_file
from vigie.core.freshness import changes_facts
from vigie.core.loading import LoadReport, upsert
from vigie.core.models import Country, Source
from vigie.core.services import cite_source
from vigie.events.models import (
    Contribution,
    Event,
    Person,
    ProgrammeItem,
    Registration,
    RegistrationQuestion,
    Series,
    SeriesCredit,
)


def _rows(folder: Path, name: str, columns: tuple[str, ...]) -> list[CsvRow]:
    path = folder / name
    return list(iter_csv_file(path, required_columns=columns)) if path.exists() else []


def _load_sources(folder: Path, reports: dict[str, LoadReport]) -> None:
    report = reports.setdefault("sources", LoadReport())
    for row in _rows(folder, "sources.csv", ("url", "title", "publisher")):
        accessed_on = row.date("accessed_on", required=False)
        existed = Source.objects.filter(url=row.required("url")).exists()
        cite_source(
            url=row.required("url"),
            title=row.get("title"),
            publisher=row.get("publisher"),
            accessed_on=accessed_on,
        )
        if existed:
            report.unchanged += 1
        else:
            report.created += 1


def _source_list(row: CsvRow, field: str) -> list[Source]:
    urls = row.sources(field, required=False)
    sources = list(Source.objects.filter(url__in=urls))
    if len(sources) != len(urls):
        missing = set(urls) - {source.url for source in sources}
        raise row.error(field, f"{', '.join(sorted(missing))} is not listed in sources.csv")
    return sources


def _load_people(folder: Path, reports: dict[str, LoadReport]) -> dict[str, Person]:
    report = reports.setdefault("people", LoadReport())
    people: dict[str, Person] = {}
    for row in _rows(folder, "people.csv", ("key", "name", "affiliation")):
        key = row.required("key")
        if key in people:
            raise row.error("key", f"{key!r} appears twice")
        people[key] = upsert(
            report,
            Person,
            {"name": row.required("name"), "affiliation": row.get("affiliation")},
            {"url": row.get("url"), "is_organisation": row.boolean("is_organisation")},
        )
    return people


def _load_series(folder: Path, reports: dict[str, LoadReport], people: dict[str, Person]) -> None:
    report = reports.setdefault("series", LoadReport())
    for row in _rows(folder, "series.csv", ("slug", "language_order", "title_en", "source_url")):
        series = upsert(
            report,
            Series,
            {"slug": row.required("slug")},
            {
                "language_order": row.required("language_order"),
                **row.translations("title", "description", required=False),
            },
        )
        series.sources.add(*_source_list(row, "source_url"))
    for row in _rows(folder, "series_credits.csv", ("series", "person", "role", "order")):
        credited = row.listed(
            "series", Series.objects.filter(slug=row.required("series")).first(), "series.csv"
        )
        person = row.listed("person", people.get(row.required("person")), "people.csv")
        upsert(
            reports.setdefault("series credits", LoadReport()),
            SeriesCredit,
            {
                "series": credited,
                "person": person,
                "role": row.choice("role", SeriesCredit.Role.values),
            },
            {"order": row.integer("order") or 0},
        )


EVENT_COLUMNS = (
    "slug",
    "series",
    "status",
    "time_zone",
    "starts",
    "ends",
    "title_en",
    "language_order",
)


def _load_events(folder: Path, reports: dict[str, LoadReport]) -> None:
    report = reports.setdefault("events", LoadReport())
    for row in _rows(folder, "events.csv", EVENT_COLUMNS):
        zone_name = row.required("time_zone")
        try:
            zone = zoneinfo.ZoneInfo(zone_name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise row.error("time_zone", f"{zone_name!r} is not a known time zone") from None
        starts, ends = row.local_datetime("starts", zone), row.local_datetime("ends", zone)
        if ends <= starts:
            raise row.error("ends", "the event must end after it starts")
        series = None
        if row.get("series"):
            series = row.listed(
                "series", Series.objects.filter(slug=row.get("series")).first(), "series.csv"
            )
        countries = []
        for code in row.items("countries"):
            country = Country.objects.filter(iso2=code).first()
            if country is None:
                raise row.error("countries", f"{code!r} is not a known country code")
            countries.append(country)
        capacity = row.integer("capacity", required=False)
        if capacity is not None and capacity < 1:
            raise row.error("capacity", "a capacity must be at least 1 (leave empty for no limit)")
        values = {
            "series": series,
            "number": row.integer("number", required=False),
            "status": row.choice("status", Event.Status.values),
            "format": row.choice("format", Event.Format.values, default="online"),
            "language_order": row.required("language_order").replace(";", ","),
            "working_languages": (row.get("working_languages") or "en").replace(";", ","),
            "interpretation_offered": row.boolean("interpretation_offered"),
            "time_zone": zone_name,
            "starts_at": starts.astimezone(datetime.UTC),
            "ends_at": ends.astimezone(datetime.UTC),
            "capacity": capacity,
            "chatham_house_rule": row.boolean("chatham_house_rule"),
            "recording_policy": row.choice(
                "recording_policy", Event.Recording.values, default="none"
            ),
            "recording_url": row.get("recording_url"),
            "venue": row.get("venue"),
            "join_url": row.get("join_url"),
            **row.translations(
                "title", "subtitle", "summary", "objectives", "language_note", required=False
            ),
        }
        event = upsert(report, Event, {"slug": row.required("slug")}, values)
        event.countries.add(*countries)
        event.sources.add(*_source_list(row, "source_urls"))


def _event(row: CsvRow) -> Event:
    return row.listed(
        "event", Event.objects.filter(slug=row.required("event")).first(), "events.csv"
    )


def _load_programme(
    folder: Path, reports: dict[str, LoadReport], people: dict[str, Person]
) -> None:
    """Programme items are matched on (event, order, parent) so that reloading updates in place."""
    report = reports.setdefault("programme items", LoadReport())
    items: dict[tuple[str, str], ProgrammeItem] = {}
    for row in _rows(
        folder, "programme.csv", ("event", "key", "parent", "kind", "order", "title_en")
    ):
        event = _event(row)
        parent = None
        if row.get("parent"):
            parent = items.get((event.slug, row.get("parent")))
            if parent is None:
                raise row.error("parent", f"{row.get('parent')!r} must be listed above its talks")
        items[(event.slug, row.required("key"))] = upsert(
            report,
            ProgrammeItem,
            {"event": event, "parent": parent, "order": row.integer("order")},
            {
                "kind": row.choice("kind", ProgrammeItem.Kind.values),
                **row.translations("title", required=False),
            },
        )
    contributions = reports.setdefault("contributions", LoadReport())
    for row in _rows(folder, "contributions.csv", ("event", "item", "person", "role", "order")):
        event = _event(row)
        item = None
        if row.get("item"):
            item = row.listed("item", items.get((event.slug, row.get("item"))), "programme.csv")
        person = row.listed("person", people.get(row.required("person")), "people.csv")
        upsert(
            contributions,
            Contribution,
            {"event": event, "item": item, "person": person},
            {
                "role": row.choice("role", Contribution.Role.values),
                "order": row.integer("order") or 0,
            },
        )


def _load_questions(folder: Path, reports: dict[str, LoadReport]) -> None:
    report = reports.setdefault("questions", LoadReport())
    for row in _rows(folder, "questions.csv", ("event", "kind", "order", "label_en")):
        upsert(
            report,
            RegistrationQuestion,
            {"event": _event(row), "order": row.integer("order")},
            {
                "kind": row.choice("kind", RegistrationQuestion.Kind.values),
                "required": row.boolean("required"),
                **row.translations("label", "choices", required=False),
            },
        )


def _load_registrations(folder: Path, reports: dict[str, LoadReport]) -> None:
    report = reports.setdefault("demo registrations", LoadReport())
    columns = ("event", "name", "email", "status", "registered_at")
    for row in _rows(folder, "registrations.csv", columns):
        email = row.required("email")
        if not email.endswith("@example.org"):
            raise row.error("email", "demo registrations use example.org addresses only")
        country = None
        if row.get("country"):
            country = Country.objects.filter(iso2=row.get("country")).first()
            if country is None:
                raise row.error("country", f"{row.get('country')!r} is not a known country code")
        status = row.choice("status", Registration.Status.values)
        attended = row.get("attended")
        event = _event(row)
        registration = upsert(
            report,
            Registration,
            {"event": event, "email": email},
            {
                "name": row.required("name"),
                "organisation": row.get("organisation"),
                "organisation_type": row.choice(
                    "organisation_type", Registration.OrganisationType.values, default="other"
                ),
                "country": country,
                "language": row.get("language") or "en",
                "status": status,
                "attended": row.boolean("attended") if attended else None,
            },
        )
        registered_at = row.local_datetime("registered_at", event.zone)
        if registration.created_at != registered_at:
            # created_at is set automatically; the demo keeps its own queue order.
            Registration.objects.filter(pk=registration.pk).update(
                created_at=registered_at,
                confirmed_at=registered_at if status == Registration.Status.CONFIRMED else None,
            )


def _load_folder(folder: Path, steps: list[Callable[..., None]]) -> dict[str, LoadReport]:
    reports: dict[str, LoadReport] = {}
    with transaction.atomic():
        _load_sources(folder, reports)
        people = _load_people(folder, reports)
        _load_series(folder, reports, people)
        _load_events(folder, reports)
        _load_programme(folder, reports, people)
        for step in steps:
            step(folder, reports)
    return reports


@changes_facts
def load_programme(folder: Path | None = None) -> dict[str, LoadReport]:
    """The published programme of real events (no registrations)."""
    return _load_folder(folder or Path(settings.DATA_DIR) / "events", [_load_questions])


def load_bundled() -> dict[str, LoadReport]:
    return load_programme()


@changes_facts
def load_demo() -> dict[str, LoadReport]:
    """Fictional demo events and registrations, for trying the site (never real people)."""
    return _load_folder(
        Path(settings.DATA_DIR) / "demo" / "events", [_load_questions, _load_registrations]
    )
