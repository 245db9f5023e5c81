"""Read-only API of the member directory: public organisation fields only."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Query, Router

from vigie.core.api_errors import INVALID, NOT_FOUND
from vigie.core.api_schemas import schema_of
from vigie.core.pagination import API_MAX_PAGE_SIZE, API_PAGE_SIZE, api_page
from vigie.network import queries

router = Router(tags=["network"])


OrganisationOut: Any = schema_of(
    queries.PublicOrganisation, "OrganisationOut", exclude=["type_label", "summary", "url"]
)


@router.get("/organisations", response={200: list[OrganisationOut], **INVALID})
def list_organisations(
    request: HttpRequest,
    response: HttpResponse,
    country: str = "",
    page: int = Query(1, ge=1),
    per_page: int = Query(API_PAGE_SIZE, ge=1, le=API_MAX_PAGE_SIZE),
) -> list[queries.PublicOrganisation]:
    """Current members by name, one page at a time (total in ``X-Total-Count``, pages in ``Link``)."""
    members = queries.member_organisations(country)
    rows = api_page(request, response, members, page=page, per_page=per_page)
    return [queries.organisation_public_dict(o) for o in rows]


@router.get("/organisations/{slug}", response={200: OrganisationOut, **NOT_FOUND})
def get_organisation(request: HttpRequest, slug: str) -> queries.PublicOrganisation:
    found = queries.get_member_organisation(slug)
    if found is None:
        raise Http404
    return found
