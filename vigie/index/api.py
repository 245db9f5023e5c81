"""Read-only JSON API of published index editions (/api/v1/index/)."""

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from vigie.core.api_errors import NOT_FOUND
from vigie.index import queries

router = Router(tags=["index"])


class EditionOut(Schema):
    id: int
    slug: str
    title: str
    year: int
    version: int
    kind: str
    is_demonstration: bool
    units: int
    url: str


class ResultOut(Schema):
    unit_code: str
    name: str
    iso3: str
    score: float | None
    rank: int | None
    rank_q05: float | None
    rank_median: float | None
    rank_q95: float | None
    status: str
    dimensions: dict[str, float | None]
    sources: list[str]


@router.get("/editions", response=list[EditionOut])
def editions(request: HttpRequest) -> list[queries.EditionSummary]:
    return queries.list_editions()


@router.get("/editions/{slug}/results", response={200: list[ResultOut], **NOT_FOUND})
def results(request: HttpRequest, slug: str) -> list[queries.RankingRow]:
    edition = get_object_or_404(queries.public_editions(), slug=slug)
    return queries.get_rankings(edition.pk)
