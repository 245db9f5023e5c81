"""Public pages of the index: editions, rankings, map, country profile, methodology, reweighting."""

import csv
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render

from vigie.core.regions import Region
from vigie.core.roles import is_editor
from vigie.index import engine, queries
from vigie.index.models import Edition, Result


def visible_edition(request: HttpRequest, edition_id: int) -> Edition:
    """Drafts and previews are for editors only."""
    edition = get_object_or_404(Edition, pk=edition_id)
    if not edition.is_frozen and not is_editor(request.user):
        raise Http404
    return edition


def home(request: HttpRequest) -> HttpResponse:
    editions = queries.list_editions(include_drafts=is_editor(request.user))
    return render(request, "index/home.html", {"editions": editions})


SORT_KEYS = {"rank", "name", "overall", "status", "interval"}


def _sorted(rows: list[dict[str, Any]], key: str, descending: bool, names: dict[str, str]):
    def value(row: dict[str, Any]) -> Any:
        if key == "name":
            return row["unit_name"]
        if key == "status":
            return row["status"]
        if key == "interval":
            low, high = row["rank_low"], row["rank_high"]
            return None if low is None else high - low
        if key in names:
            return row["scores"].get(key)
        return row[key]

    present = [r for r in rows if value(r) is not None]
    missing = [r for r in rows if value(r) is None]
    present.sort(key=value, reverse=descending)
    return present + missing


def rankings(request: HttpRequest, edition_id: int) -> HttpResponse:
    edition = visible_edition(request, edition_id)
    names = queries.dimension_names(edition)
    rows = queries.get_rankings(edition.pk)
    region = request.GET.get("region", "")
    if region in Region.values:
        rows = [r for r in rows if r["region"] == region]
    sort = request.GET.get("sort", "rank")
    if sort not in SORT_KEYS and sort not in names:
        sort = "rank"
    descending = request.GET.get("dir") == "desc"
    rows = _sorted(rows, sort, descending, names)
    regions = sorted({r["region"] for r in queries.get_rankings(edition.pk) if r["region"]})
    context = {
        "edition": edition,
        "rows": rows,
        "names": names,
        "sort": sort,
        "descending": descending,
        "region": region,
        "regions": [(code, Region(code).label) for code in regions],
        "pairs": queries.indistinguishable_pairs(edition) if edition.has_uncertainty else [],
        "statuses": Result.Status,
        "columns": [("rank", None), ("name", None), ("overall", None)]
        + [(code, name) for code, name in names.items()],
    }
    return render(request, "index/rankings.html", context)


def map_view(request: HttpRequest, edition_id: int) -> HttpResponse:
    edition = visible_edition(request, edition_id)
    names = queries.dimension_names(edition)
    dimension = request.GET.get("dimension", "overall")
    if dimension != "overall" and dimension not in names:
        dimension = "overall"
    rows = queries.get_rankings(edition.pk)
    values = [
        {
            "id": r["numeric"],
            "name": r["unit_name"],
            "status": r["status_label"],
            "overall": r["overall"],
            **{code: r["scores"].get(code) for code in names},
        }
        for r in rows
        if r["numeric"]
    ]
    return render(
        request,
        "index/map.html",
        {"edition": edition, "names": names, "dimension": dimension, "values": values},
    )


def profile(request: HttpRequest, edition_id: int, unit_code: str) -> HttpResponse:
    edition = visible_edition(request, edition_id)
    names = queries.dimension_names(edition)
    rows = queries.get_rankings(edition.pk)
    row = next((r for r in rows if r["unit_code"] == unit_code), None)
    if row is None:
        raise Http404
    compare_codes = [c for c in request.GET.get("compare", "").split(",") if c][:4]
    compared = [r for r in rows if r["unit_code"] in compare_codes and r is not row]
    medians = {}
    for code in ["overall", *names]:
        values = sorted(
            v
            for v in (r["overall"] if code == "overall" else r["scores"].get(code) for r in rows)
            if v is not None
        )
        medians[code] = _median(values)
    table = [
        {
            "code": code,
            "name": name,
            "value": row["scores"].get(code),
            "median": medians[code],
            "compared": [c["scores"].get(code) for c in compared],
        }
        for code, name in names.items()
    ]
    return render(
        request,
        "index/profile.html",
        {
            "edition": edition,
            "row": row,
            "names": names,
            "table": table,
            "median_overall": medians["overall"],
            "compared": compared,
            "others": [r for r in rows if r is not row],
            "compare_codes": compare_codes,
            "count": len([r for r in rows if r["rank"]]),
        },
    )


def _median(values: list[float]) -> float | None:
    if not values:
        return None
    middle = len(values) // 2
    return values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2


def methodology(request: HttpRequest, edition_id: int) -> HttpResponse:
    edition = visible_edition(request, edition_id)
    spec = engine.load_spec(edition.spec_toml) if edition.spec_toml else None
    tree = _tree(spec, spec.index.code, 100.0) if spec else None
    return render(
        request,
        "index/methodology.html",
        {"edition": edition, "spec": spec, "tree": tree, "names": queries.dimension_names(edition)},
    )


def _tree(spec: engine.Spec, code: str, share: float) -> dict[str, Any]:
    """The framework as nested dicts; ``share`` is the node's % weight within its parent."""
    node = next(n for n in (*spec.indicators, *spec.aggregates) if n.code == code)
    children = spec.children(code)
    total = sum(child.weight for child in children) or 1.0
    return {
        "node": node,
        "share": round(share, 1),
        "children": [_tree(spec, c.code, 100 * c.weight / total) for c in children],
    }


def reweight(request: HttpRequest, edition_id: int) -> HttpResponse:
    edition = visible_edition(request, edition_id)
    if not edition.top_level:
        raise Http404
    names = queries.dimension_names(edition)
    sliders = [f"{k[7:]}:{v}" for k, v in request.GET.items() if k.startswith("weight-")]
    weights = queries.parse_weights(edition, ",".join(sliders) or request.GET.get("w", ""))
    rows = queries.reweighted_rankings(edition, weights)
    if request.GET.get("format") == "csv":
        return _reweighted_csv(edition, rows, weights, names)
    data = [
        {
            "code": r["unit_code"],
            "name": r["unit_name"],
            "rank": r["rank"],
            "scores": [r["scores"].get(code) for code in names],
        }
        for r in rows
    ]
    return render(
        request,
        "index/reweight.html",
        {
            "edition": edition,
            "names": names,
            "weights": weights,
            "defaults": edition.top_level.get("weights", {}),
            "rows": rows,
            "payload": {
                "codes": list(names),
                "method": edition.top_level.get("aggregation", "arithmetic"),
                "units": data,
            },
        },
    )


def _reweighted_csv(
    edition: Edition, rows: list[dict[str, Any]], weights: dict[str, float], names: dict[str, str]
) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{edition.slug}-v{edition.version}-reweighted.csv"'
    )
    writer = csv.writer(response)
    writer.writerow(["# weights", *(f"{code}={value:g}" for code, value in weights.items())])
    writer.writerow(["rank", "unit_code", "unit_name", "score", "published_rank", *names])
    for row in rows:
        writer.writerow(
            [
                row["new_rank"],
                row["unit_code"],
                row["unit_name"],
                _fmt(row["reweighted"]),
                row["rank"] or "",
                *(_fmt(row["scores"].get(code)) for code in names),
            ]
        )
    return response


def _fmt(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"


def results_csv(request: HttpRequest, edition_id: int) -> HttpResponse:
    edition = visible_edition(request, edition_id)
    names = queries.dimension_names(edition)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{edition.slug}-v{edition.version}.csv"'
    )
    writer = csv.writer(response)
    writer.writerow(
        [
            "unit_code",
            "unit_name",
            "rank",
            "overall",
            *names,
            "rank_q05",
            "rank_median",
            "rank_q95",
            "status",
            "notes",
            "sources",
        ]
    )
    for row in queries.get_rankings(edition.pk):
        writer.writerow(
            [
                row["unit_code"],
                row["unit_name"],
                row["rank"] or "",
                _fmt(row["overall"]),
                *(_fmt(row["scores"].get(code)) for code in names),
                _fmt(row["rank_low"]),
                _fmt(row["rank_median"]),
                _fmt(row["rank_high"]),
                row["status"],
                row["notes"],
                " | ".join(s["url"] for s in row["sources"]),
            ]
        )
    return response


def results_json(request: HttpRequest, edition_id: int) -> JsonResponse:
    edition = visible_edition(request, edition_id)
    return JsonResponse(
        {
            "edition": {
                "id": edition.pk,
                "title": edition.title,
                "year": edition.year,
                "version": edition.version,
                "status": edition.status,
                "is_demonstration": edition.is_demonstration,
            },
            "dimensions": edition.dimensions,
            "results": queries.get_rankings(edition.pk),
            "stages": edition.stages,
            "uncertainty": edition.uncertainty,
        }
    )


def inputs_csv(request: HttpRequest, edition_id: int) -> HttpResponse:
    edition = visible_edition(request, edition_id)
    if not edition.inputs_csv or not (edition.inputs_licensed or is_editor(request.user)):
        raise Http404
    response = HttpResponse(edition.inputs_csv, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{edition.slug}-inputs.csv"'
    return response


def spec_text(request: HttpRequest, edition_id: int) -> HttpResponse:
    edition = visible_edition(request, edition_id)
    return HttpResponse(edition.spec_toml, content_type="text/plain; charset=utf-8")
