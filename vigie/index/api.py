"""Read-only open data of the index: published editions and their results."""

from typing import Any

from django.shortcuts import get_object_or_404
from ninja import Router

from vigie.index import queries
from vigie.index.models import Edition

router = Router(tags=["index"])


@router.get("/editions/")
def editions(request: Any) -> list[dict[str, Any]]:
    """Published editions, newest first."""
    return queries.list_editions()


@router.get("/editions/{edition_id}/results/")
def results(request: Any, edition_id: int) -> dict[str, Any]:
    """One published edition's rows: rank, scores, rank interval, status and sources."""
    edition = get_object_or_404(Edition, pk=edition_id, status=Edition.Status.PUBLISHED)
    return {
        "edition": {
            "id": edition.pk,
            "title": edition.title,
            "year": edition.year,
            "version": edition.version,
            "is_demonstration": edition.is_demonstration,
        },
        "dimensions": edition.dimensions,
        "results": queries.get_rankings(edition.pk),
    }


@router.get("/countries/{code}/")
def country(request: Any, code: str) -> list[dict[str, Any]]:
    """A country's results in every published edition (alpha-2 or alpha-3 code)."""
    return queries.get_country_index_summary(code)
