"""Bearer authentication of the API with personal tokens, for django-ninja operations.

An operation that needs a signed-in caller declares ``auth=api_token_auth`` (every role) or
``auth=editor_token_auth`` (editors and admins); ``request.auth`` is then the caller's
``TokenIdentity``. Operations without ``auth`` stay open to anonymous readers.
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
editor_token_auth = ApiTokenAuth(min_role=roles.EDITOR)
