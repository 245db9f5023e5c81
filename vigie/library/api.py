"""Read-only API of the library: published publications, searchable, filtered and paginated."""

import datetime
from typing import Literal

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from vigie.core.api_errors import INVALID, NOT_FOUND
from vigie.library.models import Publication
from vigie.library.queries import LibraryFilters, search_page, visible_publications, with_details
from vigie.library.services import landing_url

router = Router(tags=["library"])

MAX_LIMIT = 100


class PublicationFileOut(Schema):
    language: str
    url: str
    size: int
    pages: int


class PublicationOut(Schema):
    slug: str
    type: str
    title_en: str
    title_fr: str
    title_es: str
    summary_en: str
    summary_fr: str
    summary_es: str
    authors: list[str]
    publisher: str
    published_on: datetime.date
    url: str
    doi: str
    landing_page: str
    priorities: list[int]
    pillars: list[int]
    countries: list[str]
    files: list[PublicationFileOut]


class PublicationHitOut(PublicationOut):
    snippet: str


class PublicationPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[PublicationHitOut]


class PublicationQuery(Schema):
    q: str = ""
    type: str = ""
    priority: int | None = Field(None, ge=1, le=99)
    pillar: int | None = Field(None, ge=1, le=99)
    country: str = Field("", max_length=2)
    language: Literal["", "en", "fr", "es"] = ""
    year: int | None = Field(None, ge=1, le=9999)
    limit: int = Field(20, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=1_000_000)


def _publication(publication: Publication) -> dict[str, object]:
    links = list(publication.strategy_links.all())
    return {
        "slug": publication.slug,
        "type": publication.kind,
        **{
            f"{name}_{code}": getattr(publication, f"{name}_{code}") or ""
            for name in ("title", "summary")
            for code in ("en", "fr", "es")
        },
        "authors": publication.author_list,
        "publisher": publication.publisher,
        "published_on": publication.published_on,
        "url": publication.url,
        "doi": publication.doi,
        "landing_page": landing_url(publication),
        "priorities": [link.number for link in links if link.kind == "priority"],
        "pillars": [link.number for link in links if link.kind == "pillar"],
        "countries": [country.iso2 for country in publication.countries.all()],
        "files": [
            {"language": f.language, "url": f.file.url, "size": f.size, "pages": f.pages}
            for f in publication.files.all()
            if f.file
        ],
    }


@router.get("/publications", response={200: PublicationPageOut, **INVALID})
def list_publications(request: object, params: Query[PublicationQuery]) -> dict[str, object]:
    """Published publications, newest first, or ranked by a full-text query ``q``; ``limit`` is
    at most 100. The filters combine with each other and with the query."""
    limit, offset = params.limit, params.offset
    filters = LibraryFilters(
        q=params.q[:200],
        kind=params.type,
        priority=params.priority,
        pillar=params.pillar,
        country=params.country,
        language=params.language,
        year=params.year,
    )
    results = search_page(visible_publications(), filters, limit=limit, offset=offset)
    return {
        "count": results.total,
        "limit": limit,
        "offset": offset,
        "items": [
            {**_publication(p), "snippet": str(results.snippets.get(p.pk, ""))}
            for p in results.publications
        ],
    }


@router.get("/publications/{slug}", response={200: PublicationOut, **NOT_FOUND})
def get_publication(request: object, slug: str) -> dict[str, object]:
    publication = get_object_or_404(with_details(visible_publications()), slug=slug)
    return _publication(publication)
