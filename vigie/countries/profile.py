"""One country's profile, composed from the domain apps' queries.

Each section reads one app through its ``queries.py``; an app that is not installed (or lacks
the function) leaves its section marked *not available* instead of breaking the page. Rows come
back from the apps as plain dicts whose keys differ a little between apps, so they are brought
to one shape (title, link, date, detail) here, once, for the page and the factsheet alike.
"""

import datetime
import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from vigie.core.i18n import active_language
from vigie.core.models import Country
from vigie.strategy.progress import CACHE_SECONDS, data_version

TITLE_KEYS = (
    "title",
    "name",
    "label",
    "measure",
    "indicator",
    "resolution",
    "organisation",
    "session",
)
DATE_KEYS = ("date", "starts_at", "voted_on", "adopted_on", "in_force_from", "year", "edition")
URL_KEYS = ("url", "link", "permalink", "vote_url")
DETAIL_KEYS = (
    "vote",
    "position",
    "category",
    "status",
    "score",
    "rank",
    "summary",
    "city",
    "format",
    "detail",
)


class SectionMissing(Exception):
    pass


def read(app: str, function: str) -> Callable[..., Any]:
    try:
        module = importlib.import_module(f"vigie.{app}.queries")
    except ImportError as error:
        raise SectionMissing(f"vigie.{app}.queries cannot be imported ({error})") from error
    found = getattr(module, function, None)
    if not callable(found):
        raise SectionMissing(f"vigie.{app}.queries has no function {function}()")
    return found


@dataclass(frozen=True)
class Row:
    title: str
    url: str = ""
    date: Any = None
    detail: str = ""
    raw: dict[str, Any] = field(default_factory=dict)


def _first(row: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        value = row.get(key)
        if value not in (None, ""):
            return value
    return None


def to_row(row: dict[str, Any]) -> Row:
    date = _first(row, DATE_KEYS)
    if isinstance(date, datetime.datetime):
        date = date.date()
    details = [str(row[key]) for key in DETAIL_KEYS if row.get(key) not in (None, "")]
    return Row(
        title=str(_first(row, TITLE_KEYS) or ""),
        url=str(_first(row, URL_KEYS) or ""),
        date=date,
        detail=" · ".join(details),
        raw=row,
    )


@dataclass(frozen=True)
class Section:
    key: str
    title: Promise
    app: str
    rows: list[Row] = field(default_factory=list)
    unavailable: str = ""

    @property
    def available(self) -> bool:
        return not self.unavailable


def event_row(row: dict[str, Any]) -> Row:
    """An event: its title, page, day and series; a cancelled event says so."""
    starts = row.get("starts_at")
    details = [str(row.get("series") or "")]
    if row.get("status") == "cancelled":
        details.append(str(_("cancelled")))
    return Row(
        title=str(row.get("title", "")),
        url=str(row.get("url", "")),
        date=starts.date() if isinstance(starts, datetime.datetime) else starts,
        detail=" · ".join(detail for detail in details if detail),
        raw=row,
    )


def _iso_date(value: Any) -> Any:
    if isinstance(value, str) and value:
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return value
    return value or None


def measure_row(row: dict[str, Any]) -> Row:
    """An atlas measure: its kind (and sub-national unit), page, adoption day, status, summary."""
    title = str(row.get("kind_label") or row.get("title") or "")
    if row.get("jurisdiction_code") and row.get("jurisdiction_code") != row.get("country_iso2"):
        title = f"{title} ({row.get('jurisdiction_name')})"
    day = row.get("adopted_on") or row.get("in_force_on") or row.get("proposed_on")
    return Row(
        title=title,
        url=str(row.get("url", "")),
        date=_iso_date(day),
        detail=" · ".join(
            str(part) for part in (row.get("status_label"), row.get("summary")) if part
        ),
        raw=row,
    )


def index_row(row: dict[str, Any]) -> Row:
    """An index edition: its title and year, the country's rank and overall score."""
    title = str(row.get("edition_title") or "")
    if row.get("is_demonstration"):
        title = str(_("%(title)s (demonstration)") % {"title": title})
    parts = []
    if row.get("rank") is not None:
        parts.append(str(_("rank %(rank)s") % {"rank": row["rank"]}))
    if row.get("overall") is not None:
        parts.append(str(_("overall score %(score)s / 100") % {"score": f"{row['overall']:g}"}))
    if row.get("status_label"):
        parts.append(str(row["status_label"]))
    return Row(
        title=title,
        url=str(row.get("url", "")),
        date=row.get("edition_year"),
        detail=" · ".join(parts),
        raw=row,
    )


def member_row(row: dict[str, Any]) -> Row:
    """A member organisation: its name, directory page, type and summary (public fields)."""
    summary = row.get("summary") or ""
    return Row(
        title=str(row.get("name", "")),
        url=str(row.get("url", "")),
        detail=" · ".join(str(part) for part in (row.get("type_label"), summary) if part),
        raw=row,
    )


def vote_row(row: dict[str, Any]) -> Row:
    """A recorded vote: the resolution, its page, the day, how the country voted and where."""
    where = str(row.get("session") or "")
    return Row(
        title=str(row.get("title", "")),
        url=str(row.get("url", "")),
        date=row.get("date"),
        detail=" · ".join(
            part for part in (str(row.get("vote_label") or row.get("vote") or ""), where) if part
        ),
        raw=row,
    )


def position_row(row: dict[str, Any]) -> Row:
    """A coded position: the statement (agenda item or joint statement), its code and session."""
    return Row(
        title=str(row.get("label", "")),
        url=str(row.get("url", "")),
        date=row.get("date"),
        detail=" · ".join(
            part
            for part in (str(row.get("position_label") or ""), str(row.get("session") or ""))
            if part
        ),
        raw=row,
    )


@dataclass(frozen=True)
class SectionSpec:
    key: str
    title: Promise
    app: str
    function: str
    adapt: Callable[[dict[str, Any]], Row] = to_row


SECTIONS = (
    SectionSpec(
        "measures", _("Policy measures"), "atlas", "list_measures_for_country", measure_row
    ),
    SectionSpec(
        "index",
        _("Drug policy index: scores and ranks"),
        "index",
        "get_country_index_summary",
        index_row,
    ),
    SectionSpec("votes", _("UN votes"), "un", "list_votes_for_country", vote_row),
    SectionSpec(
        "positions",
        _("Positions coded from UN statements"),
        "un",
        "list_positions_for_country",
        position_row,
    ),
    SectionSpec(
        "members",
        _("Member organisations working here"),
        "network",
        "list_member_organisations_in_country",
        member_row,
    ),
    SectionSpec(
        "events", _("Events held for this country"), "events", "list_events_for_country", event_row
    ),
)

# Only these fields of a member organisation are shown: the network's public directory fields.
MEMBER_PUBLIC_KEYS = (
    "name",
    "slug",
    "url",
    "website",
    "type_label",
    "summary",
    "summary_en",
    "summary_fr",
    "summary_es",
)


@dataclass(frozen=True)
class Profile:
    country: Country
    sections: list[Section]
    map_position: str = ""
    map_year: int | None = None

    @property
    def has_data(self) -> bool:
        return bool(self.map_position) or any(section.rows for section in self.sections)

    def section(self, key: str) -> Section | None:
        return next((section for section in self.sections if section.key == key), None)


def _section(spec: SectionSpec, country: Country) -> Section:
    try:
        function = read(spec.app, spec.function)
    except SectionMissing as missing:
        return Section(spec.key, spec.title, spec.app, unavailable=str(missing))
    code = country.iso3 if spec.app == "index" else country.iso2
    rows: list[dict[str, Any]] = list(function(code) or [])
    if spec.key == "members":
        rows = [{key: row[key] for key in MEMBER_PUBLIC_KEYS if key in row} for row in rows]
    return Section(spec.key, spec.title, spec.app, rows=[spec.adapt(row) for row in rows])


def map_position(country: Country, year: int) -> str:
    try:
        function = read("atlas", "get_strongest_measure_by_country")
    except SectionMissing:
        return ""
    positions: dict[str, str] = function(year) or {}
    return str(positions.get(country.iso2, ""))


def get_cached_profile(country: Country) -> Profile:
    """The profile, kept until any fact changes (the strategy's data version) or five minutes."""
    key = f"countries:profile:{country.pk}:{active_language()}:{data_version()}"
    profile: Profile | None = cache.get(key)
    if profile is None:
        profile = get_profile(country)
        cache.set(key, profile, CACHE_SECONDS)
    return profile


def get_profile(country: Country, *, today: datetime.date | None = None) -> Profile:
    year = (today or datetime.date.today()).year
    sections = [_section(spec, country) for spec in SECTIONS]
    position = map_position(country, year)
    measures = next(section for section in sections if section.key == "measures")
    labels = {row.raw.get("kind"): row.raw.get("kind_label") for row in measures.rows}
    return Profile(
        country=country,
        sections=sections,
        map_position=str(labels.get(position) or position),
        map_year=year,
    )
