"""The index's figures (``vigie.core.charts.Chart``): the ranking with its rank intervals, the
map, a country's dimension profile against the global and regional averages, and the comparison
of 2–4 countries."""

from collections.abc import Callable, Sequence
from typing import Any

from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from vigie.core.charts import Chart, axis, base_spec
from vigie.index.models import Edition
from vigie.index.queries import MapValue, RankingRow

BLUE, GREY, ORANGE = "#1f5f8b", "#6b7580", "#b5472d"
# Colours of 2–4 countries side by side (each at least 3:1 against white).
SERIES = ["#1f5f8b", "#b5472d", "#1b6b35", "#7b3294"]

Absolute = Callable[[str], str]


def _one(value: float | None) -> str:
    return "" if value is None else number_format(value, 1)


def _source(edition: Edition) -> tuple[str, str, list[tuple[str, str]]]:
    source = _("%(title)s, as published; computed and checked by Vigie") % {"title": edition.title}
    sources = [(s.title or s.url, s.url) for s in edition.sources.all()]
    return source, edition.licence or "CC BY 4.0", sources


def _absolute(absolute: Absolute | None, path: str) -> str:
    return absolute(path) if absolute else path


def ranking_chart(
    edition: Edition, rows: Sequence[RankingRow], *, absolute: Absolute | None = None
) -> Chart:
    """The ranking: a bar per country for its score and, when the edition has an uncertainty
    analysis, the 5–95% interval of its rank drawn as a whisker around its rank."""
    ranked = [r for r in rows if r["score"] is not None and r["rank"] is not None]
    ranked.sort(key=lambda r: (r["rank"] or 0, r["name"]))
    has_intervals = any(r["rank_q05"] is not None for r in ranked)
    values = [
        {
            "name": r["name"],
            "score": round(r["score"] or 0, 2),
            "rank": r["rank"],
            "low": r["rank_q05"],
            "high": r["rank_q95"],
        }
        for r in ranked
    ]
    order = [r["name"] for r in ranked]
    height = max(60, 18 * len(ranked))
    country = {
        "field": "name",
        "type": "nominal",
        "sort": order,
        "title": None,
        "axis": {"labelLimit": 150, "labelFontSize": 12},
    }
    bars = {
        "width": 240,
        "height": height,
        "mark": {"type": "bar", "color": BLUE},
        "encoding": {
            "y": country,
            "x": {
                "field": "score",
                "type": "quantitative",
                "scale": {"domain": [0, 100]},
                **axis(_("Score (0–100)")),
            },
            "tooltip": [
                {"field": "name", "title": _("Country")},
                {"field": "score", "title": _("Score (0–100)"), "format": ".1f"},
                {"field": "rank", "title": _("Rank")},
            ],
        },
    }
    panels: list[dict[str, Any]] = [bars]
    if has_intervals:
        rank_axis = {
            "type": "quantitative",
            "scale": {"domain": [1, len(ranked)], "nice": False},
            **axis(_("Rank (5–95% interval; 1 is best)"), counts=True),
        }
        panels.append(
            {
                "width": 200,
                "height": height,
                "layer": [
                    {
                        "mark": {"type": "rule", "color": GREY, "strokeWidth": 2},
                        "encoding": {
                            "y": {**country, "axis": None},
                            "x": {"field": "low", **rank_axis},
                            "x2": {"field": "high"},
                        },
                    },
                    {
                        "mark": {"type": "point", "filled": True, "color": ORANGE, "size": 40},
                        "encoding": {
                            "y": {**country, "axis": None},
                            "x": {"field": "rank", **rank_axis},
                            "tooltip": [
                                {"field": "name", "title": _("Country")},
                                {"field": "rank", "title": _("Rank")},
                                {"field": "low", "title": _("5th percentile"), "format": ".0f"},
                                {"field": "high", "title": _("95th percentile"), "format": ".0f"},
                            ],
                        },
                    },
                ],
            }
        )
        subtitle = _(
            "Bars: score. Whiskers: the rank's 5–95%% interval over %(n)s Monte Carlo "
            "replications of the weights."
        ) % {"n": edition.uncertainty_replications}
    else:
        subtitle = _("Bars: score. No uncertainty analysis for this edition: no rank interval.")
    spec = base_spec(data={"values": values}, hconcat=panels, resolve={"scale": {"y": "shared"}})
    source, licence, sources = _source(edition)
    columns = [_("Country"), _("Rank"), _("Score (0–100)")]
    if has_intervals:
        columns += [_("5th percentile of rank"), _("95th percentile of rank")]
    table = [
        [
            r["name"],
            r["rank"],
            _one(r["score"]),
            *([_one(r["rank_q05"]), _one(r["rank_q95"])] if has_intervals else []),
        ]
        for r in ranked
    ]
    page = reverse("index:edition", args=[edition.slug])
    return Chart(
        key="ranking",
        title=_("Ranking: %(title)s") % {"title": edition.title},
        unit=_("score from 0 to 100"),
        subtitle=subtitle,
        source=source,
        licence=licence,
        sources=sources,
        columns=columns,
        rows=table,
        numeric=tuple(range(1, len(columns))),
        spec=spec,
        description=_("Bar chart of the scores, in rank order; the table lists the same data."),
        page_url=_absolute(absolute, page),
        embed_url=_absolute(absolute, reverse("index:ranking_embed", args=[edition.slug])),
        controls="ranking-filters",
    )


def map_chart(
    edition: Edition,
    label: str,
    rows: Sequence[MapValue],
    *,
    absolute: Absolute | None = None,
) -> Chart:
    """The map of a score (overall or a dimension): drawn by index/index-map.js."""
    source, licence, sources = _source(edition)
    page = reverse("index:map", args=[edition.slug])
    return Chart(
        key="index-map",
        title=_("%(dimension)s, %(title)s") % {"dimension": label, "title": edition.title},
        unit=_("score from 0 to 100"),
        subtitle=_("Darker is higher; grey: no data"),
        source=source,
        licence=licence,
        sources=sources,
        columns=[_("Country"), _("%(dimension)s (0–100)") % {"dimension": label}],
        rows=[[row["name"], _one(row["value"]) or "—"] for row in rows],
        numeric=(1,),
        description=_("World map of the scores; the same values are in the table."),
        page_url=_absolute(absolute, page),
        embed_url=_absolute(absolute, reverse("index:map_embed", args=[edition.slug])),
        controls="map-controls",
    )


def _grouped(values: list[dict[str, Any]], series: list[str], colours: list[str]) -> dict[str, Any]:
    return base_spec(
        width="container",
        autosize={"type": "fit-x", "contains": "padding"},
        data={"values": values},
        mark={"type": "bar"},
        encoding={
            "y": {
                "field": "dimension",
                "type": "nominal",
                "title": None,
                "sort": None,
                "axis": {"labelLimit": 160, "labelFontSize": 12},
            },
            "yOffset": {"field": "series", "sort": series},
            "x": {
                "field": "score",
                "type": "quantitative",
                "scale": {"domain": [0, 100]},
                **axis(_("Score (0–100)")),
            },
            "color": {
                "field": "series",
                "type": "nominal",
                "title": None,
                "sort": series,
                "scale": {"domain": series, "range": colours},
                "legend": {"orient": "bottom", "labelFontSize": 12, "labelLimit": 0},
            },
            "tooltip": [
                {"field": "dimension", "title": _("Dimension")},
                {"field": "series", "title": _("Series")},
                {"field": "score", "title": _("Score (0–100)"), "format": ".1f"},
            ],
        },
    )


def _side_by_side(
    series: list[str], lines: list[tuple[str, list[float | None]]]
) -> tuple[list[dict[str, Any]], list[list[Any]]]:
    """The bars (one per series and line with a score) and the table rows of grouped bars."""
    values: list[dict[str, Any]] = []
    table: list[list[Any]] = []
    for name, scores in lines:
        table.append([name, *[_one(score) for score in scores]])
        values += [
            {"dimension": name, "series": label, "score": round(score, 2)}
            for label, score in zip(series, scores, strict=True)
            if score is not None
        ]
    return values, table


def profile_chart(
    edition: Edition,
    row: RankingRow,
    regional: dict[str, float | None],
    overall: dict[str, float | None],
    *,
    absolute: Absolute | None = None,
) -> Chart:
    """A country's score on each dimension against its region's average and the global one."""
    region = row["region"] or _("its region")
    series = [row["name"], _("Average of %(region)s") % {"region": region}, _("Global average")]
    codes = [d["code"] for d in edition.dimensions]
    values, table = _side_by_side(
        series,
        [
            (
                edition.dimension_name(code),
                [row["dimensions"].get(code), regional.get(code), overall.get(code)],
            )
            for code in codes
        ],
    )
    source, licence, sources = _source(edition)
    page = reverse("index:unit", args=[edition.slug, row["unit_code"]])
    return Chart(
        key="profile",
        title=_("Dimension profile of %(country)s") % {"country": row["name"]},
        unit=_("score from 0 to 100"),
        subtitle=_("Against the average of the countries of its region and of every country"),
        source=source,
        licence=licence,
        sources=sources,
        columns=[_("Dimension"), *series],
        rows=table,
        numeric=(1, 2, 3),
        spec=_grouped(values, series, [BLUE, ORANGE, GREY]),
        description=_("Bar chart of the dimension scores; the table lists the same data."),
        page_url=_absolute(absolute, page),
        embed_url=_absolute(
            absolute, reverse("index:unit_embed", args=[edition.slug, row["unit_code"]])
        ),
    )


def comparison_chart(
    edition: Edition, rows: Sequence[RankingRow], *, absolute: Absolute | None = None
) -> Chart:
    """2–4 countries side by side on each dimension and overall."""
    series = [r["name"] for r in rows]
    lines = [(str(_("Overall score")), [r["score"] for r in rows])]
    lines += [
        (edition.dimension_name(d["code"]), [r["dimensions"].get(d["code"]) for r in rows])
        for d in edition.dimensions
    ]
    values, table = _side_by_side(series, lines)
    source, licence, sources = _source(edition)
    page = reverse("index:unit", args=[edition.slug, rows[0]["unit_code"]])
    return Chart(
        key="comparison",
        title=_("%(countries)s compared") % {"countries": ", ".join(series)},
        unit=_("score from 0 to 100"),
        subtitle=_("Overall score and each dimension, side by side"),
        source=source,
        licence=licence,
        sources=sources,
        columns=[_("Dimension"), *series],
        rows=table,
        numeric=tuple(range(1, len(series) + 1)),
        spec=_grouped(values, series, SERIES[: len(series)]),
        description=_("Bar chart of the countries' scores; the table lists the same data."),
        page_url=_absolute(absolute, page),
        embed_url=_absolute(
            absolute, reverse("index:unit_embed", args=[edition.slug, rows[0]["unit_code"]])
        ),
        controls="compare-form",
    )
