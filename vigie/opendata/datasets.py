"""The public datasets that are released, and how each is read from its app.

Each dataset is a list of tables built by the app's own export query (the one behind the site's
CSV download), so a released CSV is byte for byte the site's export at the moment of release.
Tables are built in English, with page addresses on ``SITE_URL``. Each table declares its
primary key (how the changelog matches rows between releases) and the Table Schema type of the
columns that are not text.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from vigie.atlas import queries as atlas_queries
from vigie.index import queries as index_queries
from vigie.un import queries as un_queries

CC_BY = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0",
}


@dataclass(frozen=True)
class Table:
    """One CSV file of a release: its rows (header first), key and column types."""

    name: str
    title: str
    rows: list[list[object]]
    primary_key: tuple[str, ...]
    types: dict[str, str] = field(default_factory=dict)  # column → Table Schema type
    description: str = ""


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: Promise
    description: Promise
    page: str  # URL name of the dataset's page on the site
    tables: Callable[[], list[Table]]
    licence: dict[str, str] = field(default_factory=lambda: dict(CC_BY))


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def _atlas_tables() -> list[Table]:
    records = [atlas_queries.measure_as_dict(m) for m in atlas_queries.list_measures()]
    rows = atlas_queries.list_measure_export_rows(
        atlas_queries.sort_measure_records(records), _absolute
    )
    dates = ("proposed_on", "adopted_on", "in_force_on", "ended_on")
    return [
        Table(
            name="measures",
            title="Policy measures",
            rows=rows,
            primary_key=("code",),
            types={**dict.fromkeys(dates, "date"), "assessment_score": "integer"},
            description="One row per measure, as /en/atlas/measures.csv.",
        )
    ]


def _un_tables() -> list[Table]:
    return [
        Table(
            name="votes",
            title="Recorded votes, one row per country and vote",
            rows=un_queries.list_vote_export_rows(),
            primary_key=("vote_id", "iso3"),
            description="Every vote's CSV (/en/un/votes/<id>/csv/), one after the other.",
        ),
        Table(
            name="statements",
            title="Statements and joint-statement signatories, per session",
            rows=un_queries.list_session_export_rows(),
            primary_key=("record_id",),
            types={"date": "date"},
            description="Every session's CSV (/en/un/sessions/<id>/csv/), one after the other.",
        ),
    ]


def _index_tables() -> list[Table]:
    tables = []
    for edition in index_queries.list_editions():
        if edition["is_demonstration"]:
            continue  # a methodology demonstration is not drug-policy data
        rows = index_queries.list_result_export_rows(edition["id"])
        numbers = [name for name in rows[0] if name not in ("unit_code", "name", "iso3")]
        types = {str(name): "number" for name in numbers if name not in ("status", "sources")}
        types["rank"] = "integer"
        tables.append(
            Table(
                name=edition["slug"],
                title=edition["title"],
                rows=rows,
                primary_key=("unit_code",),
                types=types,
                description=f"As /en/index/{edition['slug']}/results.csv.",
            )
        )
    return tables


DATASETS: dict[str, Dataset] = {
    dataset.slug: dataset
    for dataset in (
        Dataset(
            slug="atlas-measures",
            title=_("Policy atlas: measures"),
            description=_(
                "Decriminalisation and legal regulation measures, with their dates, status, "
                "reversals and sources."
            ),
            page="atlas:list",
            tables=_atlas_tables,
        ),
        Dataset(
            slug="un-votes-statements",
            title=_("UN tracker: votes and statements"),
            description=_(
                "Recorded votes country by country, and coded statements and joint statements "
                "in UN drug-policy forums."
            ),
            page="un:tracker",
            tables=_un_tables,
        ),
        Dataset(
            slug="index-editions",
            title=_("Drug policy index: editions"),
            description=_(
                "The published results of each index edition (methodology demonstrations left out)."
            ),
            page="index:home",
            tables=_index_tables,
        ),
    )
}
