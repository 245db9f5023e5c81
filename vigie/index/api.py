"""Read-only JSON API of published index editions (/api/v1/index/)."""

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router

from vigie.core.api_errors import NOT_FOUND
from vigie.core.api_schemas import schema_of
from vigie.index import queries

router = Router(tags=["index"])


EditionOut: Any = schema_of(queries.EditionSummary, "EditionOut")
ResultOut: Any = schema_of(
    queries.RankingRow,
    "ResultOut",
    exclude=["iso2", "numeric", "region", "region_code", "status_label", "note", "url"],
)


@router.get("/editions", response=list[EditionOut])
def editions(request: HttpRequest) -> list[queries.EditionSummary]:
    return queries.list_editions()


@router.get("/editions/{slug}/results", response={200: list[ResultOut], **NOT_FOUND})
def results(request: HttpRequest, slug: str) -> list[queries.RankingRow]:
    edition = get_object_or_404(queries.public_editions(), slug=slug)
    return queries.get_rankings(edition.pk)
