"""One way to cut a list into pages, for pages of the site and for lists of the API.

A list page reads one page of rows (a count and a slice: two queries whatever the size of the
list), keeps its filters in the links to the other pages, and says how many rows there are in
all. The API keeps its answers as JSON lists (``/api/v1/`` does not change shape): the page is
chosen with ``?page=`` and ``?per_page=``, and the total and the neighbouring pages are given in
the ``X-Total-Count`` and ``Link`` (RFC 8288) headers, as GitHub's API does.
"""

from collections.abc import Sequence
from typing import Any, TypeVar

from django.core.paginator import EmptyPage, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse

PAGE_SIZE = 50
API_PAGE_SIZE = 100
API_MAX_PAGE_SIZE = 500

T = TypeVar("T")


def _other_parameters(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def page_context(
    request: HttpRequest, items: QuerySet[Any] | Sequence[Any], *, per_page: int = PAGE_SIZE
) -> dict[str, Any]:
    """``page_obj`` (the rows of the page asked for, the last if beyond) and its links' query.

    Render with ``{% include "core/partials/pagination.html" %}``.
    """
    paginator = Paginator(items, per_page, allow_empty_first_page=True)
    page = paginator.get_page(request.GET.get("page"))
    return {"page_obj": page, "page_query": _other_parameters(request)}


def api_page(
    request: HttpRequest,
    response: HttpResponse,
    items: QuerySet[Any] | Sequence[T],
    *,
    page: int,
    per_page: int,
    counted: QuerySet[Any] | None = None,
) -> list[Any]:
    """The rows of one page of an API list (empty beyond the last), with its headers.

    ``counted``: the same rows as a plainer query, counted in place of ``items`` (without the
    joins that only read the columns shown, the count scans an index alone).
    """
    paginator = Paginator(items, per_page, allow_empty_first_page=True)
    if counted is not None:
        paginator.count = counted.count()  # a cached_property: set, it is not computed again
    try:
        rows = list(paginator.page(page).object_list)
    except EmptyPage:
        rows = []
    response["X-Total-Count"] = str(paginator.count)
    links = []
    base = request.build_absolute_uri(request.path)
    others = _other_parameters(request)
    for relation, number in (
        ("first", 1),
        ("prev", page - 1),
        ("next", page + 1),
        ("last", paginator.num_pages),
    ):
        if 1 <= number <= paginator.num_pages and (relation in ("first", "last") or number != page):
            query = f"{others}&page={number}" if others else f"page={number}"
            links.append(f'<{base}?{query}>; rel="{relation}"')
    if links:
        response["Link"] = ", ".join(links)
    return rows
