"""API: who a personal token speaks for (``GET /api/v1/workspace/token``)."""

from django.http import HttpRequest
from ninja import Router, Schema

from vigie.core.api_errors import ApiErrorOut
from vigie.workspace.auth import api_token_auth

router = Router(tags=["workspace"])


class TokenIdentityOut(Schema):
    username: str
    role: str


@router.get(
    "/token",
    response={200: TokenIdentityOut, 401: ApiErrorOut},
    auth=api_token_auth,
    url_name="token_identity",
    summary="The account and role a personal API token acts for (Bearer authentication)",
)
def token_identity(request: HttpRequest) -> TokenIdentityOut:
    identity = request.auth  # type: ignore[attr-defined]
    return TokenIdentityOut(username=identity.username, role=identity.role)
