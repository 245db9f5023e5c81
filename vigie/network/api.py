"""Read-only API of the member directory: public organisation fields only."""

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Query, Router, Schema

from vigie.core.api_errors import INVALID, NOT_FOUND
from vigie.core.pagination import API_MAX_PAGE_SIZE, API_PAGE_SIZE, api_page
from vigie.network import queries

router = Router(tags=["network"])


class OrganisationOut(Schema):
    id: int
    name: str
    slug: str
    type: str
    region: str
    headquarters: str
    countries: list[str]
    focus_areas: list[str]
    languages: list[str]
    website: str
    summary_en: str
    summary_fr: str
    summary_es: str


@router.get("/organisations", response={200: list[OrganisationOut], **INVALID})
def list_organisations(
    request: HttpRequest,
    response: HttpResponse,
    country: str = "",
    page: int = Query(1, ge=1),
    per_page: int = Query(API_PAGE_SIZE, ge=1, le=API_MAX_PAGE_SIZE),
) -> list[queries.PublicOrganisation]:
    """Current members by name, one page at a time (total in ``X-Total-Count``, pages in ``Link``)."""
    members = queries.public_organisation_values(queries.member_organisations(country))
    rows = api_page(request, response, members, page=page, per_page=per_page)
    return queries.public_organisation_rows(rows)


@router.get("/organisations/{slug}", response={200: OrganisationOut, **NOT_FOUND})
def get_organisation(request: HttpRequest, slug: str) -> queries.PublicOrganisation:
    found = queries.get_member_organisation(slug)
    if found is None:
        raise Http404
    return found
