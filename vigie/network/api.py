"""Read-only API of the member directory: public organisation fields only."""

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router

from vigie.core.api_errors import INVALID, NOT_FOUND
from vigie.core.api_schemas import schema_of
from vigie.network import queries

router = Router(tags=["network"])


OrganisationOut: Any = schema_of(
    queries.PublicOrganisation, "OrganisationOut", exclude=["type_label", "summary", "url"]
)


@router.get("/organisations", response={200: list[OrganisationOut], **INVALID})
def list_organisations(request: HttpRequest, country: str = "") -> list[queries.PublicOrganisation]:
    if country:
        return queries.list_member_organisations_in_country(country)
    return queries.list_member_organisations()


@router.get("/organisations/{slug}", response={200: OrganisationOut, **NOT_FOUND})
def get_organisation(request: HttpRequest, slug: str) -> queries.PublicOrganisation:
    for row in queries.list_member_organisations():
        if row["slug"] == slug:
            return row
    raise Http404
