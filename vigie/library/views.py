"""Public pages of the library: the list with search and filters, a landing page per
publication with its recommended citation and exports, and the Atom feed.

Drafts are shown to editors only; to anyone else a draft does not exist (404).
"""

import datetime
import json
import math
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy

from vigie.core.models import Country
from vigie.core.roles import is_editor
from vigie.library import citation
from vigie.library.models import LANGUAGES, Publication, PublicationKind
from vigie.library.queries import (
    LibraryFilters,
    list_years,
    search_page,
    visible_publications,
)
from vigie.library.services import landing_url
from vigie.strategy import queries as strategy_queries

PAGE_SIZE = 20


def _int(value: str | None) -> int | None:
    try:
        number = int(value or "")
    except ValueError:
        return None
    return number if 0 < number < 10_000 else None


def filters_from(params: Any) -> LibraryFilters:
    """The filters of a request's parameters; an unknown value filters nothing."""
    kind = params.get("type", "")
    language = params.get("language", "")
    return LibraryFilters(
        q=params.get("q", "")[:200],
        kind=kind if kind in PublicationKind.values else "",
        priority=_int(params.get("priority")),
        pillar=_int(params.get("pillar")),
        country=params.get("country", "")[:2].upper(),
        language=language if language in dict(LANGUAGES) else "",
        year=_int(params.get("year")),
    )


def _visible(request: HttpRequest) -> Any:
    return visible_publications(include_drafts=is_editor(request.user))


def publication_list(request: HttpRequest) -> HttpResponse:
    filters = filters_from(request.GET)
    page_number = _int(request.GET.get("page")) or 1
    publications = _visible(request)
    results = search_page(
        publications, filters, limit=PAGE_SIZE, offset=(page_number - 1) * PAGE_SIZE
    )
    pages = max(1, math.ceil(results.total / PAGE_SIZE))
    priorities, pillars = strategy_queries.list_strategy_choices()
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filters": filters,
        "results": [
            {"publication": p, "snippet": results.snippets.get(p.pk, "")}
            for p in results.publications
        ],
        "total": results.total,
        "page_number": page_number,
        "pages": pages,
        "previous_page": page_number - 1 if page_number > 1 else None,
        "next_page": page_number + 1 if page_number < pages else None,
        "query_string": query.urlencode(),
        "kinds": PublicationKind.choices,
        "priorities": priorities,
        "pillars": pillars,
        "languages": LANGUAGES,
        "years": list_years(publications),
        "countries": Country.objects.filter(library_publications__in=publications)
        .distinct()
        .order_by("name"),
        "is_editor": is_editor(request.user),
    }
    return render(request, "library/publication_list.html", context)


def _publication(request: HttpRequest, slug: str) -> Publication:
    return get_object_or_404(_visible(request), slug=slug)


def publication_detail(request: HttpRequest, slug: str) -> HttpResponse:
    publication = _publication(request, slug)
    links = list(publication.strategy_links.all())
    priority_choices, pillar_choices = strategy_queries.list_strategy_choices()
    priorities, pillars = dict(priority_choices), dict(pillar_choices)
    url = landing_url(publication)
    context = {
        "publication": publication,
        "files": list(publication.files.defer("text")),
        "countries": list(publication.countries.order_by("name")),
        "priorities": [
            (link.number, priorities.get(link.number, ""))
            for link in links
            if link.kind == "priority"
        ],
        "pillars": [
            (link.number, pillars.get(link.number, "")) for link in links if link.kind == "pillar"
        ],
        "citation": citation.recommended_citation(publication, url),
        "landing_url": url,
        "is_editor": is_editor(request.user),
    }
    return render(request, "library/publication_detail.html", context)


EXPORTS = {
    "csl.json": ("application/vnd.citationstyles.csl+json; charset=utf-8", "json"),
    "bib": ("application/x-bibtex; charset=utf-8", "bib"),
    "ris": ("application/x-research-info-systems; charset=utf-8", "ris"),
}


def publication_citation(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    if fmt not in EXPORTS:
        raise Http404(fmt)
    publication = _publication(request, slug)
    url = landing_url(publication)
    if fmt == "csl.json":
        body = json.dumps([citation.csl_json(publication, url)], ensure_ascii=False, indent=2)
    elif fmt == "bib":
        body = citation.bibtex(publication, url)
    else:
        body = citation.ris(publication, url)
    content_type, extension = EXPORTS[fmt]
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{publication.slug}.{extension}"'
    return response


class PublicationFeed(Feed):
    """The newest published publications, as Atom."""

    feed_type = Atom1Feed
    title = gettext_lazy("Vigie publications library")
    subtitle = gettext_lazy("Reports, briefing papers, statements and blog posts of the network.")

    def link(self) -> str:
        return reverse("library:list")

    def items(self) -> Any:
        return visible_publications().order_by("-published_on", "-pk")[:50]

    def item_title(self, item: Publication) -> str:
        return item.title

    def item_description(self, item: Publication) -> str:
        return item.summary

    def item_link(self, item: Publication) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Publication) -> Any:
        return datetime.datetime.combine(item.published_on, datetime.time(), datetime.UTC)

    def item_updateddate(self, item: Publication) -> Any:
        return item.updated_at

    def item_author_name(self, item: Publication) -> str:
        return "; ".join(item.author_list) or item.publisher

    def item_categories(self, item: Publication) -> list[str]:
        return [str(item.get_kind_display())]


feed = PublicationFeed()
