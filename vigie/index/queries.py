"""Reads of index editions for pages, the API and other apps (plain data)."""

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TypedDict

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from vigie.core.changes import Change
from vigie.core.csvfiles import SOURCE_SEPARATOR
from vigie.core.models import Country
from vigie.core.quality import FlaggedRow, QualityFlag
from vigie.index.models import Edition, UnitResult

PUBLIC_STATUSES = (Edition.Status.PUBLISHED,)


def public_editions() -> QuerySet[Edition]:
    return Edition.objects.filter(status__in=PUBLIC_STATUSES)


class EditionSummary(TypedDict):
    id: int
    slug: str
    title: str
    year: int
    version: int
    kind: str
    is_demonstration: bool
    units: int
    url: str


class RankingRow(TypedDict):
    """One unit of an edition: its scores, ranks (with the Monte Carlo interval) and sources."""

    unit_code: str
    name: str
    iso2: str
    iso3: str
    numeric: str
    region: str
    region_code: str
    score: float | None
    rank: int | None
    dimensions: dict[str, float | None]
    rank_median: float | None
    rank_q05: float | None
    rank_q95: float | None
    status: str
    status_label: str
    note: str
    sources: list[str]
    url: str


class DimensionScore(TypedDict):
    code: str
    name: str
    score: float | None


class CountryIndexSummary(TypedDict):
    """A country's result in one published edition, for its profile."""

    edition_title: str
    edition_slug: str
    edition_year: int
    is_demonstration: bool
    score: float | None
    overall: float | None
    rank: int | None
    of: int
    status: str
    status_label: str
    sources: list[str]
    dimensions: list[DimensionScore]
    rank_q05: float | None
    rank_q95: float | None
    strongest: str
    weakest: str
    url: str


class MapValue(TypedDict):
    """One country on the map: ISO numeric code (the world-atlas feature id), name, value."""

    id: str
    name: str
    value: float | None


def list_editions() -> list[EditionSummary]:
    return [
        EditionSummary(
            id=e.pk,
            slug=e.slug,
            title=e.title,
            year=e.year,
            version=e.version,
            kind=e.kind,
            is_demonstration=e.is_demonstration,
            units=e.unit_count,
            url=e.get_absolute_url(),
        )
        for e in public_editions().annotate(unit_count=Count("units"))
    ]


def _row(edition: Edition, unit: UnitResult) -> RankingRow:
    country = unit.country
    return {
        "unit_code": unit.unit_code,
        "name": country.name if country else unit.name,
        "iso2": country.iso2 if country else "",
        "iso3": country.iso3 if country else "",
        "numeric": country.numeric if country else "",
        "region": country.get_region_display() if country and country.region else "",
        "region_code": country.region if country else "",
        "score": unit.score,
        "rank": unit.rank,
        "dimensions": {d["code"]: unit.dimension_scores.get(d["code"]) for d in edition.dimensions},
        "rank_median": unit.rank_median,
        "rank_q05": unit.rank_q05,
        "rank_q95": unit.rank_q95,
        "status": unit.status,
        "status_label": unit.get_status_display(),
        "note": unit.note,
        "sources": [s.url for s in unit.sources.all()],
        "url": reverse("index:unit", args=[edition.slug, unit.unit_code]),
    }


def get_rankings(edition_id: int, *, region: str = "", sort: str = "rank") -> list[RankingRow]:
    """An edition's rows, optionally filtered by UN M49 region and sorted by a column."""
    edition = Edition.objects.get(pk=edition_id)
    units = edition.units.select_related("country").prefetch_related("sources")
    if region:
        units = units.filter(country__region=region)
    rows = [_row(edition, unit) for unit in units]
    return sort_rows(rows, sort)


SORTABLE: dict[str, Callable[[RankingRow], str | float | None]] = {
    "name": lambda row: row["name"],
    "rank": lambda row: row["rank"],
    "score": lambda row: row["score"],
}


def sort_rows(rows: list[RankingRow], sort: str) -> list[RankingRow]:
    """Sort by name, rank, score or a dimension code (``-`` first for descending); gaps last."""
    descending = sort.startswith("-")
    key = sort.lstrip("-")

    def value(row: RankingRow) -> tuple[bool, str | float]:
        item = SORTABLE[key](row) if key in SORTABLE else row["dimensions"].get(key)
        return (item is None, item if item is not None else 0)

    present = [r for r in rows if value(r)[0] is False]
    missing = [r for r in rows if value(r)[0] is True]
    present.sort(key=value, reverse=descending)
    return present + missing


def get_dimension_averages(
    rows: list[RankingRow], codes: list[str], *, region_code: str = ""
) -> dict[str, float | None]:
    """The mean score on each dimension over the rows (of one region if ``region_code``);
    a country with no score on a dimension is left out of its mean."""
    chosen = [r for r in rows if not region_code or r["region_code"] == region_code]
    means: dict[str, float | None] = {}
    for code in codes:
        scores = [score for r in chosen if (score := r["dimensions"].get(code)) is not None]
        means[code] = sum(scores) / len(scores) if scores else None
    return means


def find_units(rows: list[RankingRow], picks: list[str]) -> list[RankingRow]:
    """The rows named by ``picks`` (a unit code, an ISO code or a country's name, in any case),
    once each, in the order picked; a pick that names nothing is left out."""
    found: list[RankingRow] = []
    for pick in picks:
        wanted = pick.strip().casefold()
        if not wanted:
            continue
        for row in rows:
            names = {row["unit_code"], row["iso2"], row["iso3"], row["name"]}
            if wanted in {n.casefold() for n in names if n} and row not in found:
                found.append(row)
                break
    return found


@dataclass(frozen=True)
class ReweightedRow:
    unit_code: str
    name: str
    score: float | None
    rank: int | None
    nominal_rank: int | None


def reweight(edition: Edition, weights: dict[str, float]) -> list[ReweightedRow]:
    """Recompute the index from stored dimension scores with new dimension weights.

    Uses the engine's own aggregation (the edition's index method) over the top-level
    components, so the result equals a rebuild of the index with those weights.
    """
    import numpy as np  # imported here: numpy and the engine are loaded only when reweighting

    from composite.aggregate import aggregate_values
    from composite.rank import rank_scores

    codes = [d["code"] for d in edition.dimensions]
    units = list(edition.units.select_related("country"))
    matrix = np.array(
        [
            [np.nan if u.dimension_scores.get(c) is None else u.dimension_scores[c] for c in codes]
            for u in units
        ],
        dtype=float,
    )
    w = np.array([max(0.0, float(weights.get(c, 1.0))) for c in codes])
    if not units:
        return []
    if w.sum() == 0:
        w = np.ones_like(w)
    scores = aggregate_values(matrix, w, edition.index_method, label=edition.slug)
    ranks = rank_scores(scores)
    rows = [
        ReweightedRow(
            u.unit_code,
            u.country.name if u.country else u.name,
            None if np.isnan(s) else float(s),
            None if np.isnan(r) else int(r),
            u.rank,
        )
        for u, s, r in zip(units, scores, ranks, strict=True)
    ]
    return sorted(rows, key=lambda row: (row.rank is None, row.rank or 0, row.name))


def get_country_index_summary(iso3_or_iso2: str) -> list[CountryIndexSummary]:
    """The country's result in every published drug-policy edition (for the country profile).

    Methodology demonstrations (e.g. the ASEM example data) are left out: they are not
    drug-policy data, and a rank in one read as a fact about the country.
    """
    code = iso3_or_iso2.strip().upper()
    field = "iso2" if len(code) == 2 else "iso3"
    country = Country.objects.filter(**{field: code}).first()
    if country is None:
        return []
    sizes = dict(
        UnitResult.objects.filter(edition__status__in=PUBLIC_STATUSES)
        .values_list("edition_id")
        .annotate(Count("id"))
    )
    summaries = []
    for unit in (
        UnitResult.objects.filter(
            country=country,
            edition__status__in=PUBLIC_STATUSES,
            edition__is_demonstration=False,
        )
        .select_related("edition")
        .prefetch_related("sources")
    ):
        edition = unit.edition
        dims = {d["code"]: unit.dimension_scores.get(d["code"]) for d in edition.dimensions}
        known = {k: v for k, v in dims.items() if v is not None}
        summaries.append(
            CountryIndexSummary(
                edition_title=edition.title,
                edition_slug=edition.slug,
                edition_year=edition.year,
                is_demonstration=edition.is_demonstration,
                score=unit.score,
                overall=unit.score,
                rank=unit.rank,
                of=sizes[edition.pk],
                status=unit.status,
                status_label=unit.get_status_display(),
                sources=[s.url for s in unit.sources.all()],
                dimensions=[
                    DimensionScore(code=k, name=edition.dimension_name(k), score=v)
                    for k, v in dims.items()
                ],
                rank_q05=unit.rank_q05,
                rank_q95=unit.rank_q95,
                strongest=edition.dimension_name(max(known, key=lambda k: known[k]))
                if known
                else "",
                weakest=edition.dimension_name(min(known, key=lambda k: known[k])) if known else "",
                url=reverse("index:unit", args=[edition.slug, unit.unit_code]),
            )
        )
    return summaries


def get_map_values(edition: Edition, field: str) -> list[MapValue]:
    """ISO numeric code, name and value of ``field`` (score or a dimension) for the map.

    Ordered as the table under the map reads: highest value first, no value last.
    """
    values = []
    for unit in edition.units.select_related("country"):
        if unit.country is None:
            continue
        value = unit.score if field == "score" else unit.dimension_scores.get(field)
        values.append(MapValue(id=unit.country.numeric, name=unit.country.name, value=value))
    # Highest first; countries without a value after every scored one, by name.
    return sorted(values, key=lambda v: (v["value"] is None, -(v["value"] or 0), v["name"]))


def dimension_label(edition: Edition, code: str) -> str:
    return edition.title if code == "score" else edition.dimension_name(code)


RESULT_EXPORT_FIELDS = (
    "unit_code",
    "name",
    "iso3",
    "score",
    "rank",
    "rank_q05",
    "rank_median",
    "rank_q95",
)


def get_ranking_field(row: RankingRow, key: str) -> object:
    fields: Mapping[str, object] = row
    return fields[key]


def list_result_export_rows(
    edition_id: int, rows: list[RankingRow] | None = None
) -> list[list[object]]:
    """The rows of an edition's results CSV (header first), for the site's download and the
    open-data release: the result fields, one column per dimension, status and sources."""
    edition = Edition.objects.get(pk=edition_id)
    if rows is None:
        rows = get_rankings(edition.pk)
    codes = [d["code"] for d in edition.dimensions]
    table: list[list[object]] = [[*RESULT_EXPORT_FIELDS, *codes, "status", "sources"]]
    table += [
        [
            *[get_ranking_field(row, key) for key in RESULT_EXPORT_FIELDS],
            *[row["dimensions"].get(c) for c in codes],
            row["status"],
            SOURCE_SEPARATOR.join(row["sources"]),
        ]
        for row in rows
    ]
    return table


def list_changes_since(since: datetime.datetime, iso2: str = "") -> list[Change]:
    """Editions published since ``since`` (with the country's rank when ``iso2``); methodology
    demonstrations are left out."""
    editions = public_editions().filter(published_at__gte=since, is_demonstration=False)
    changes: list[Change] = []
    for edition in editions.order_by("published_at", "slug"):
        title, url = edition.title, edition.get_absolute_url()
        if iso2:
            unit = edition.units.filter(country__iso2=iso2.upper()).first()
            if unit is None:
                continue
            if unit.rank is not None:
                title = f"{title}: {_('rank')} {unit.rank}"
            url = reverse("index:unit", args=[edition.slug, unit.unit_code])
        changes.append(
            Change(
                section="index",
                kind="edition",
                label=_("New index edition"),
                title=title,
                date=edition.published_at.date().isoformat() if edition.published_at else "",
                url=url,
                country_iso2=iso2.upper(),
            )
        )
    return changes


def list_data_quality_flags() -> list[QualityFlag]:
    """Editions to fix, in one query: those whose figures cite no source (the edition itself,
    or any unit's published figures), and computed editions whose results are older than their
    data (indicator data uploaded since the last computation, which sends the edition back to
    draft, or a computation that failed since)."""
    edition_sources = Edition.sources.through.objects.filter(edition_id=OuterRef("pk"))
    unsourced_units = (
        # Computed results are the edition's own: only published figures cite sources each.
        UnitResult.objects.filter(
            edition_id=OuterRef("pk"), edition__kind=Edition.Kind.PUBLISHED, sources__isnull=True
        )
        .order_by()
        .values("edition_id")
        .annotate(total=Count("pk"))
        .values("total")
    )
    stale = Q(
        kind=Edition.Kind.COMPUTED,
        computed_at__isnull=False,
        status__in=[Edition.Status.DRAFT, Edition.Status.FAILED],
    )
    editions = (
        Edition.objects.annotate(
            has_source=Exists(edition_sources),
            n_unsourced=Coalesce(Subquery(unsourced_units, output_field=IntegerField()), 0),
        )
        .filter(Q(has_source=False) | Q(n_unsourced__gt=0) | stale)
        .order_by("family", "version")
    )
    unsourced: list[FlaggedRow] = []
    outdated: list[FlaggedRow] = []
    for edition in editions:
        url = reverse("index:staff_edition", args=[edition.slug])
        title = f"{edition.title} (v{edition.version})"
        if not edition.has_source or edition.n_unsourced:
            reasons = []
            if not edition.has_source:
                reasons.append(_("the edition cites no source"))
            if edition.n_unsourced:
                reasons.append(
                    ngettext(
                        "%(count)s unit result cites no source",
                        "%(count)s unit results cite no source",
                        edition.n_unsourced,
                    )
                    % {"count": edition.n_unsourced}
                )
            unsourced.append(FlaggedRow(title=title, url=url, reason="; ".join(reasons)))
        if (
            edition.kind == Edition.Kind.COMPUTED
            and edition.computed_at is not None
            and edition.status in (Edition.Status.DRAFT, Edition.Status.FAILED)
        ):
            day = timezone.localdate(edition.computed_at).isoformat()
            reason = (
                _("the last computation failed; results of %(day)s")
                if edition.status == Edition.Status.FAILED
                else _("indicator data uploaded since the computation of %(day)s")
            )
            outdated.append(FlaggedRow(title=title, url=url, reason=reason % {"day": day}))
    staff = reverse("index:staff_editions")
    return [
        QualityFlag(
            title=_("Index editions with figures citing no source"), url=staff, items=unsourced
        ),
        QualityFlag(
            title=_("Index editions computed from outdated data"), url=staff, items=outdated
        ),
    ]
