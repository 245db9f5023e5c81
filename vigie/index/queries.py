"""Read-only index data for pages and other apps (plain dicts and lists only)."""

import itertools
from typing import Any

from django.urls import reverse

from vigie.core.i18n import active_language
from vigie.core.queries import get_country
from vigie.index import engine
from vigie.index.models import Edition, Result


def dimension_names(edition: Edition) -> dict[str, str]:
    language = active_language()
    return {
        d["code"]: d.get(f"name_{language}") or d.get("name_en") or d["code"]
        for d in edition.dimensions
    }


def _sources(result: Result) -> list[dict[str, str]]:
    return [{"url": s.url, "title": s.title or s.url} for s in result.sources.all()]


def result_dict(result: Result, names: dict[str, str]) -> dict[str, Any]:
    scores = {code: result.scores.get(code) for code in names}
    known = {code: value for code, value in scores.items() if value is not None}
    return {
        "unit_code": result.unit_code,
        "unit_name": result.country.name if result.country else result.unit_name,
        "iso3": result.country.iso3 if result.country else "",
        "numeric": result.country.numeric if result.country else "",
        "region": result.country.region if result.country else "",
        "rank": result.rank,
        "overall": result.overall,
        "scores": scores,
        "status": result.status,
        "status_label": str(Result.Status(result.status).label),
        "is_settled": result.is_settled,
        "notes": result.notes,
        "rank_low": result.rank_low,
        "rank_median": result.rank_median,
        "rank_high": result.rank_high,
        "strongest": max(known, key=lambda c: known[c]) if len(known) > 1 else None,
        "weakest": min(known, key=lambda c: known[c]) if len(known) > 1 else None,
        "sources": _sources(result),
    }


def list_editions(*, include_drafts: bool = False) -> list[dict[str, Any]]:
    """Every edition (published only unless asked), newest first."""
    editions = Edition.objects.all()
    if not include_drafts:
        editions = editions.filter(status=Edition.Status.PUBLISHED)
    return [
        {
            "id": e.pk,
            "slug": e.slug,
            "version": e.version,
            "title": e.title,
            "year": e.year,
            "kind": e.kind,
            "status": e.status,
            "is_demonstration": e.is_demonstration,
            "has_uncertainty": e.has_uncertainty,
            "url": reverse("index:rankings", args=[e.pk]),
        }
        for e in editions
    ]


def get_rankings(edition_id: int) -> list[dict[str, Any]]:
    """The edition's rows: ranked rows first by rank, then the rows without a rank."""
    edition = Edition.objects.get(pk=edition_id)
    names = dimension_names(edition)
    results = edition.results.select_related("country").prefetch_related("sources")
    rows = [result_dict(r, names) for r in results]
    rows.sort(key=lambda r: (r["rank"] is None, r["rank"] or 0, r["unit_name"]))
    return rows


def get_country_index_summary(iso3_or_iso2: str) -> list[dict[str, Any]]:
    """One dict per published edition that includes the country (for the country profile)."""
    country = get_country(iso3_or_iso2)
    if country is None:
        return []
    summaries = []
    results = (
        Result.objects.filter(country=country, edition__status=Edition.Status.PUBLISHED)
        .select_related("edition", "country")
        .prefetch_related("sources")
        .order_by("-edition__year", "-edition__version")
    )
    for result in results:
        names = dimension_names(result.edition)
        row = result_dict(result, names)
        row.update(
            {
                "edition_id": result.edition_id,
                "edition_title": result.edition.title,
                "edition_year": result.edition.year,
                "is_demonstration": result.edition.is_demonstration,
                "dimension_names": names,
                "url": reverse("index:profile", args=[result.edition_id, result.unit_code]),
            }
        )
        summaries.append(row)
    return summaries


def indistinguishable_pairs(edition: Edition) -> list[tuple[str, str]]:
    """Pairs of neighbouring ranks whose 5–95 % rank intervals overlap."""
    rows = [r for r in get_rankings(edition.pk) if r["rank_low"] is not None]
    pairs = []
    for upper, lower in itertools.pairwise(rows):
        if upper["rank_high"] >= lower["rank_low"]:
            pairs.append((upper["unit_name"], lower["unit_name"]))
    return pairs


def parse_weights(edition: Edition, text: str) -> dict[str, float]:
    """Read ``?w=code:1.5,code:0`` (or values in dimension order); falls back to the edition's."""
    defaults = dict(edition.top_level.get("weights", {}))
    if not text:
        return defaults
    weights = dict(defaults)
    parts = [p for p in text.split(",") if p]
    for position, part in enumerate(parts):
        code, _sep, value = part.rpartition(":")
        code = code or (list(defaults)[position] if position < len(defaults) else "")
        try:
            number = float(value)
        except ValueError:
            continue
        if code in weights and 0 <= number <= 100:
            weights[code] = number
    return weights if sum(weights.values()) > 0 else defaults


def reweighted_rankings(edition: Edition, weights: dict[str, float]) -> list[dict[str, Any]]:
    """The ranking with new top-level weights, from the stored scores (nothing recomputed)."""
    rows = [r for r in get_rankings(edition.pk) if r["overall"] is not None]
    scores = {r["unit_code"]: r["scores"] for r in rows}
    method = edition.top_level.get("aggregation", "arithmetic")
    combined = engine.reaggregate(scores, weights, method)
    for row in rows:
        row["reweighted"] = combined[row["unit_code"]]
    ordered = sorted(rows, key=lambda r: -(r["reweighted"] or float("-inf")))
    previous_score, previous_rank = None, 0
    for position, row in enumerate(ordered, start=1):
        if row["reweighted"] != previous_score:
            previous_rank = position
        row["new_rank"] = previous_rank
        previous_score = row["reweighted"]
    return ordered
