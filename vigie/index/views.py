"""Public pages of the index: editions, rankings, map, unit profile, methodology, reweighting."""

import io
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

import composite
from vigie.core.charts import frameable, render_embed
from vigie.core.exports import csv_response
from vigie.core.regions import Region
from vigie.index import charts, queries
from vigie.index.models import Edition

# A country is compared with at most this many others (2–4 countries side by side).
COMPARED = 3


def _public_edition(slug: str, *, sources: bool = False) -> Edition:
    """A published edition; with ``sources``, its sources read once for the page and its charts."""
    editions = queries.public_editions()
    if sources:
        editions = editions.prefetch_related("sources")
    return get_object_or_404(editions, slug=slug)


def home(request: HttpRequest) -> HttpResponse:
    editions = list(queries.public_editions())
    return render(request, "index/home.html", {"editions": editions})


def _sort_key(request: HttpRequest, edition: Edition) -> str:
    allowed = {"rank", "name", "score", *[d["code"] for d in edition.dimensions]}
    sort = request.GET.get("sort", "rank")
    return sort if sort.lstrip("-") in allowed else "rank"


def _region(request: HttpRequest) -> str:
    region = request.GET.get("region", "")
    return region if region in Region.values else ""


def edition(request: HttpRequest, slug: str) -> HttpResponse:
    edition = _public_edition(slug, sources=True)
    region = _region(request)
    sort = _sort_key(request, edition)
    rows = queries.get_rankings(edition.pk, region=region, sort=sort)
    context = {
        "edition": edition,
        "rows": rows,
        "chart": charts.ranking_chart(edition, rows, absolute=request.build_absolute_uri),
        "region": region,
        "sort": sort,
        "regions": Region.choices,
        "dimensions": [(d["code"], edition.dimension_name(d["code"])) for d in edition.dimensions],
        "has_intervals": any(r["rank_q05"] is not None for r in rows),
        "indistinguishable": edition.indistinguishable,
    }
    template = (
        "index/partials/rankings_table.html"
        if request.headers.get("HX-Request")
        else "index/edition.html"
    )
    return render(request, template, context)


@frameable
def ranking_embed(request: HttpRequest, slug: str) -> HttpResponse:
    """The ranking chart alone (its region from the address), for other sites to frame."""
    edition = _public_edition(slug, sources=True)
    rows = queries.get_rankings(edition.pk, region=_region(request))
    return render_embed(
        request, charts.ranking_chart(edition, rows, absolute=request.build_absolute_uri)
    )


def _map_context(request: HttpRequest, edition: Edition) -> dict[str, Any]:
    choices = [("score", _("Overall score"))] + [
        (d["code"], edition.dimension_name(d["code"])) for d in edition.dimensions
    ]
    labels = dict(choices)
    field = request.GET.get("dimension", "score")
    if field not in labels:
        field = "score"
    rows = queries.get_map_values(edition, field)
    chart = charts.map_chart(edition, labels[field], rows, absolute=request.build_absolute_uri)
    return {
        "edition": edition,
        "choices": choices,
        "field": field,
        "chart": chart,
        "choropleth": True,
        "map_config": {
            "field": field,
            "label": labels[field],
            "values": rows,
            "nameLabel": _("Country"),
            "noData": _("No data"),
        },
    }


def edition_map(request: HttpRequest, slug: str) -> HttpResponse:
    return render(
        request, "index/map.html", _map_context(request, _public_edition(slug, sources=True))
    )


@frameable
def map_embed(request: HttpRequest, slug: str) -> HttpResponse:
    """The map alone (its dimension from the address), for other sites to frame."""
    context = _map_context(request, _public_edition(slug, sources=True))
    return render_embed(
        request, context["chart"], scripts="index/partials/map_script.html", context=context
    )


def _unit_charts(
    request: HttpRequest, edition: Edition, unit_code: str
) -> tuple[list[queries.RankingRow], queries.RankingRow, dict[str, Any]]:
    """The unit's row, its dimension profile and, when other countries are picked, the
    comparison (``?compare=`` names up to three by code or name)."""
    rows = queries.get_rankings(edition.pk)
    row = next((r for r in rows if r["unit_code"] == unit_code), None)
    if row is None:
        raise Http404(_("This unit is not in the edition."))
    codes = [d["code"] for d in edition.dimensions]
    picks = request.GET.getlist("compare")[:COMPARED]
    others = [r for r in queries.find_units(rows, picks) if r is not row]
    absolute = request.build_absolute_uri
    profile = charts.profile_chart(
        edition,
        row,
        queries.get_dimension_averages(rows, codes, region_code=row["region_code"])
        if row["region_code"]
        else {},
        queries.get_dimension_averages(rows, codes),
        absolute=absolute,
    )
    comparison = (
        charts.comparison_chart(edition, [row, *others], absolute=absolute) if others else None
    )
    return rows, row, {"profile": profile, "comparison": comparison, "compared": others}


@frameable
def unit_embed(request: HttpRequest, slug: str, unit_code: str) -> HttpResponse:
    """A country's comparison (if others are picked) or its profile, for other sites to frame."""
    edition = _public_edition(slug, sources=True)
    _rows, _row, found = _unit_charts(request, edition, unit_code)
    return render_embed(request, found["comparison"] or found["profile"])


def unit(request: HttpRequest, slug: str, unit_code: str) -> HttpResponse:
    edition = _public_edition(slug, sources=True)
    rows, row, found = _unit_charts(request, edition, unit_code)
    known = [(code, value) for code, value in row["dimensions"].items() if value is not None]
    scores = sorted(r["score"] for r in rows if r["score"] is not None)
    names = {r["unit_code"]: r["name"] for r in rows}
    picked = [r["name"] for r in found["compared"]]
    return render(
        request,
        "index/unit.html",
        {
            "edition": edition,
            "row": row,
            "strongest": edition.dimension_name(max(known, key=lambda kv: kv[1])[0])
            if known
            else "",
            "weakest": edition.dimension_name(min(known, key=lambda kv: kv[1])[0]) if known else "",
            "median_score": scores[len(scores) // 2] if scores else None,
            "count": len(rows),
            "others": [r for r in rows if r is not row],
            "picks": picked + [""] * (COMPARED - len(picked)),
            "has_intervals": any(r["rank_q05"] is not None for r in rows),
            **found,
            # Named as the ranking names them, never by their codes (HUN, EST).
            "indistinguishable_from": [
                names.get(other, other)
                for a, b in edition.indistinguishable
                if unit_code in (a, b)
                for other in [a if b == unit_code else b]
            ],
        },
    )


def methodology(request: HttpRequest, slug: str) -> HttpResponse:
    edition = _public_edition(slug)
    spec = composite.load_spec(edition.spec_toml) if edition.spec_toml else None
    tree: list[dict[str, Any]] = []
    if spec is not None:
        names = {node.code: (node.name or node.code) for node in spec.nodes()}
        weights = spec.weights()

        def branch(code: str, depth: int) -> None:
            tree.append(
                {"code": code, "name": names[code], "depth": depth, "weight": weights.get(code)}
            )
            for child in spec.children(code):
                branch(child, depth + 1)

        branch(spec.index_code, 0)
    return render(
        request,
        "index/methodology.html",
        {
            "edition": edition,
            "spec": spec,
            "tree": tree,
            "aggregation_methods": [
                (spec.index.levels[level - 1], spec.aggregation_method(level))
                for level in range(2, len(spec.index.levels) + 1)
            ]
            if spec
            else [],
        },
    )


def _weights_from(request: HttpRequest, edition: Edition) -> dict[str, float]:
    weights = {}
    for dimension in edition.dimensions:
        raw = request.GET.get(f"w_{dimension['code']}")
        default = edition.dimension_weights.get(dimension["code"], 1.0)
        try:
            weights[dimension["code"]] = min(max(float(raw), 0.0), 10.0) if raw else float(default)
        except ValueError:
            weights[dimension["code"]] = float(default)
    return weights


def reweight(request: HttpRequest, slug: str) -> HttpResponse:
    edition = _public_edition(slug)
    if not edition.dimension_weights:
        raise Http404(_("This edition has no dimension scores to reweight."))
    weights = _weights_from(request, edition)
    rows = queries.reweight(edition, weights)
    if request.GET.get("format") == "csv":
        table: list[list[object]] = [
            ["rank", "unit", "name", "score", "published_rank", *weights],
            ["", "", _("weights"), "", "", *weights.values()],
        ]
        table += [
            [
                row.rank,
                row.unit_code,
                row.name,
                None if row.score is None else round(row.score, 4),
                row.nominal_rank,
            ]
            for row in rows
        ]
        return csv_response(f"{edition.slug}-reweighted.csv", table)
    total = sum(weights.values()) or 1.0
    context = {
        "edition": edition,
        "rows": rows,
        "sliders": [
            {
                "code": d["code"],
                "name": edition.dimension_name(d["code"]),
                "weight": weights[d["code"]],
                "share": weights[d["code"]] / total * 100,
            }
            for d in edition.dimensions
        ],
        "query": "&".join(f"w_{code}={value:g}" for code, value in weights.items()),
    }
    template = (
        "index/partials/reweight_table.html"
        if request.headers.get("HX-Request")
        else "index/reweight.html"
    )
    return render(request, template, context)


RESULT_FIELDS = queries.RESULT_EXPORT_FIELDS


def download(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    edition = _public_edition(slug)
    rows = queries.get_rankings(edition.pk)
    if fmt == "json":
        payload = {
            "edition": edition.title,
            "year": edition.year,
            "version": edition.version,
            "licence": edition.licence or "CC BY 4.0",
            "demonstration": edition.is_demonstration,
            "results": [
                {
                    key: queries.get_ranking_field(row, key)
                    for key in (*RESULT_FIELDS, "status", "dimensions", "sources")
                }
                for row in rows
            ],
        }
        return JsonResponse(payload, json_dumps_params={"ensure_ascii": False, "indent": 1})
    table = queries.list_result_export_rows(edition.pk, rows)
    return csv_response(f"{edition.slug}.csv", table)


def inputs(request: HttpRequest, slug: str) -> HttpResponse:
    edition = _public_edition(slug)
    if not (edition.inputs_are_open and edition.input_csv):
        raise Http404(_("The inputs of this edition are not published."))
    import pandas as pd  # imported here: pandas is loaded only when the inputs are read

    # Read as the upload was read (pandas has no cell-size limit), every cell as text.
    frame = pd.read_csv(io.StringIO(edition.input_csv), dtype=str, keep_default_na=False)
    return csv_response(f"{edition.slug}-inputs.csv", [list(frame.columns), *frame.values.tolist()])
