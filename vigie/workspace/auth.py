"""Bearer authentication of the API with personal tokens, for django-ninja operations.

An operation that needs a signed-in caller of any role declares ``auth=api_token_auth``;
``request.auth`` is then the caller's ``TokenIdentity``. Staff writes use
``core.api_auth.staff_write_auth`` (an editor's token or session), which reaches the token
check below through the hook this app registers. Operations without ``auth`` stay open to
anonymous readers.
"""

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer

from vigie.core import roles
from vigie.workspace.services import ROLE_RANK, TokenIdentity, authenticate_token


class ApiTokenAuth(HttpBearer):
    """``Authorization: Bearer <token>``: a personal token whose role is at least ``min_role``."""

    def __init__(self, min_role: str = roles.MEMBER) -> None:
        super().__init__()
        self.min_role = min_role

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        identity: TokenIdentity | None = authenticate_token(token)
        if identity is None or ROLE_RANK[identity.role] < ROLE_RANK[self.min_role]:
            return None
        return identity


api_token_auth = ApiTokenAuth()
