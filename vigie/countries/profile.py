"""One country's profile, composed from the domain apps' queries.

Each section reads one app through its ``queries.py`` and brings that app's typed rows to one
shape (title, link, date, detail), once, for the page and the factsheet alike.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import formats, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from vigie.atlas import queries as atlas_queries
from vigie.core.i18n import active_language
from vigie.core.models import Country
from vigie.events import queries as events_queries
from vigie.index import queries as index_queries
from vigie.library import queries as library_queries
from vigie.network import queries as network_queries
from vigie.strategy.progress import CACHE_SECONDS, data_version
from vigie.un import queries as un_queries


@dataclass(frozen=True)
class Row:
    title: str
    url: str = ""
    date: datetime.date | int | None = None
    detail: str = ""


@dataclass(frozen=True)
class Section:
    key: str
    title: Promise
    app: str
    rows: list[Row] = field(default_factory=list)
    # The page of the section's app that lists every row (the profile page shows the first ones).
    more_url: str = ""


def _joined(*parts: object) -> str:
    return " · ".join(str(part) for part in parts if part)


def event_row(row: events_queries.EventSummary) -> Row:
    """An event: its title, page, day and series; a cancelled event says so."""
    return Row(
        title=row["title"],
        url=row["url"],
        date=row["starts_at"].date(),
        detail=_joined(row["series"], _("cancelled") if row["status"] == "cancelled" else ""),
    )


def publication_row(row: library_queries.PublicationRecord) -> Row:
    """A publication of the library: its title, landing page, date and type."""
    return Row(
        title=row["title"], url=row["url"], date=row["published_on"], detail=row["kind_label"]
    )


def measure_row(row: atlas_queries.MeasureRecord) -> Row:
    """An atlas measure: its kind (and sub-national unit), page, adoption day, status, summary."""
    title = row["kind_label"] or row["title"]
    if row["jurisdiction_code"] != row["country_iso2"]:
        title = f"{title} ({row['jurisdiction_name']})"
    day = row["adopted_on"] or row["in_force_on"] or row["proposed_on"]
    return Row(
        title=title,
        url=row["url"],
        date=datetime.date.fromisoformat(day) if day else None,
        detail=_joined(row["status_label"], row["summary"]),
    )


def _score(value: float) -> str:
    """A 0–100 score to one decimal at most, in the reader's number format ("53.4", "53,4")."""
    rounded = round(value, 1)
    return formats.number_format(int(rounded) if rounded.is_integer() else rounded)


def index_row(row: index_queries.CountryIndexSummary) -> Row:
    """An index edition: its title and year, the country's rank and overall score."""
    parts = []
    if row["rank"] is not None:
        parts.append(str(_("rank %(rank)s") % {"rank": row["rank"]}))
    if row["overall"] is not None:
        parts.append(str(_("overall score %(score)s / 100") % {"score": _score(row["overall"])}))
    return Row(
        title=row["edition_title"],
        url=row["url"],
        date=row["edition_year"],
        detail=_joined(*parts, row["status_label"]),
    )


def member_row(row: network_queries.PublicOrganisation) -> Row:
    """A member organisation: its name, directory page, type and summary (public fields only)."""
    return Row(
        title=row["name"],
        url=row["url"],
        detail=_joined(row["type_label"], row["summary"]),
    )


def vote_row(row: un_queries.CountryVoteRecord) -> Row:
    """A recorded vote: the resolution, its page, the day, how the country voted and where."""
    return Row(
        title=row["title"],
        url=row["url"],
        date=row["date"],
        detail=_joined(row["vote_label"] or row["vote"], row["session"]),
    )


def position_row(row: un_queries.CodedPosition) -> Row:
    """A coded position: the statement (agenda item or joint statement), its code and session."""
    return Row(
        title=row["label"],
        url=row["url"],
        date=row["date"],
        detail=_joined(row["position_label"], row["session"]),
    )


@dataclass(frozen=True)
class SectionSpec:
    key: str
    title: Promise
    app: str
    rows: Callable[[Country], list[Row]]
    more: Callable[[Country], str]


# Each section looks its query up when it runs, so that a test may replace the query function.
SECTIONS = (
    SectionSpec(
        "measures",
        _("Policy measures"),
        "atlas",
        lambda country: [
            measure_row(row) for row in atlas_queries.list_measures_for_country(country.iso2)
        ],
        lambda country: reverse("atlas:jurisdiction", args=[country.iso2]),
    ),
    SectionSpec(
        "index",
        _("Drug policy index: scores and ranks"),
        "index",
        lambda country: [
            index_row(row) for row in index_queries.get_country_index_summary(country.iso3)
        ],
        lambda country: reverse("index:home"),
    ),
    SectionSpec(
        "votes",
        _("UN votes"),
        "un",
        lambda country: [vote_row(row) for row in un_queries.list_votes_for_country(country.iso2)],
        lambda country: reverse("un:country", args=[country.iso2]),
    ),
    SectionSpec(
        "positions",
        _("Positions coded from UN statements"),
        "un",
        lambda country: [
            position_row(row) for row in un_queries.list_positions_for_country(country.iso2)
        ],
        lambda country: reverse("un:country", args=[country.iso2]),
    ),
    SectionSpec(
        "members",
        _("Member organisations working here"),
        "network",
        lambda country: [
            member_row(row)
            for row in network_queries.list_member_organisations_in_country(country.iso2)
        ],
        lambda country: f"{reverse('network:directory')}?country={country.iso2}",
    ),
    SectionSpec(
        "events",
        _("Events held for this country"),
        "events",
        lambda country: [
            event_row(row) for row in events_queries.list_events_for_country(country.iso2)
        ],
        lambda country: reverse("events:list"),
    ),
    SectionSpec(
        "publications",
        _("Publications about this country"),
        "library",
        lambda country: [
            publication_row(row) for row in library_queries.list_country_publications(country.iso2)
        ],
        lambda country: reverse("library:list"),
    ),
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


def map_position(country: Country, year: int) -> str:
    """The kind of the strongest country-level measure in force at the end of ``year``."""
    kind = atlas_queries.get_strongest_measure_of_country(country.iso2, year)
    return atlas_queries.get_kind_label(kind) if kind else ""


def _profile_key(country_pk: int, language: str, version: int) -> str:
    return f"countries:profile:{country_pk}:{language}:{version}"


def get_cached_profile(country: Country) -> Profile:
    """The profile, read from the shared cache under the current data version.

    The task worker composes every profile after each change of facts (``precompute_profiles``);
    a profile not composed yet under the current version is composed here, once, and stored.
    """
    key = _profile_key(country.pk, active_language(), data_version())
    profile: Profile | None = cache.get(key)
    if profile is None:
        profile = get_profile(country)
        cache.set(key, profile, CACHE_SECONDS)
    return profile


def precompute_profiles(version: int, *, countries: list[Country] | None = None) -> int:
    """Compose the profile of every country (or of those given) in every language; store them.

    Run by the task worker after each change of facts (``settings.PRECOMPUTED_PAGES``). Returns
    the number stored.
    """
    if countries is None:
        countries = list(Country.objects.all())
    count = 0
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            stored = {
                _profile_key(country.pk, language, version): get_profile(country)
                for country in countries
            }
            cache.set_many(stored, CACHE_SECONDS)
            count += len(stored)
    return count


def get_profile(country: Country, *, today: datetime.date | None = None) -> Profile:
    year = (today or datetime.date.today()).year
    return Profile(
        country=country,
        sections=[
            Section(
                spec.key,
                spec.title,
                spec.app,
                rows=spec.rows(country),
                more_url=spec.more(country),
            )
            for spec in SECTIONS
        ],
        map_position=map_position(country, year),
        map_year=year,
    )
