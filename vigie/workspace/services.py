"""Creating, revoking and checking personal API tokens (``vigie.workspace.models.ApiToken``)."""

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vigie.core import roles
from vigie.core.errors import DomainError
from vigie.core.tokens import hash_token, new_token
from vigie.workspace.models import ApiToken

# Roles from least to most powerful: a token acts with the lower of its scope and the owner's role.
ROLE_RANK = {"": 0, roles.MEMBER: 1, roles.EDITOR: 2, roles.ADMIN: 3}
MAX_ACTIVE_TOKENS = 10


class ApiTokenError(DomainError):
    """A token cannot be created (no role, a name missing, too many tokens)."""


@dataclass(frozen=True)
class TokenIdentity:
    """Who a valid API token speaks for, and with which role (the lower of scope and role)."""

    user_id: int
    username: str
    role: str


def role_of(user: Any) -> str:
    """The user's role name, or "" for a signed-in person with no role."""
    if roles.is_admin(user):
        return roles.ADMIN
    if roles.is_editor(user):
        return roles.EDITOR
    if roles.is_member(user):
        return roles.MEMBER
    return ""


@transaction.atomic
def create_api_token(*, user: Any, name: str) -> tuple[ApiToken, str]:
    """A new token for ``user`` scoped by their role; the token itself is returned once only."""
    name = name.strip()
    if not name:
        raise ApiTokenError(_("Give the token a name, so you can tell it apart later."))
    scope = role_of(user)
    if not scope:
        raise ApiTokenError(_("Only members, editors and admins can create API tokens."))
    active = ApiToken.objects.select_for_update().filter(user=user, revoked_at__isnull=True)
    if active.count() >= MAX_ACTIVE_TOKENS:
        raise ApiTokenError(
            _("You already have %(count)s active tokens: revoke one first.")
            % {"count": MAX_ACTIVE_TOKENS}
        )
    token, token_hash = new_token()
    row = ApiToken.objects.create(
        user=user, name=name[:100], token_hash=token_hash, prefix=token[:8], scope=scope
    )
    return row, token


def revoke_api_token(*, user: Any, token_id: int) -> bool:
    """Revoke one of ``user``'s own tokens; False when they have no such active token."""
    updated = ApiToken.objects.filter(pk=token_id, user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    return updated == 1


def list_api_tokens(user: Any) -> list[ApiToken]:
    return list(ApiToken.objects.filter(user=user))


def authenticate_token(token: str) -> TokenIdentity | None:
    """The identity a bearer token stands for, or None (unknown, revoked, inactive owner, or an
    owner who no longer has any role)."""
    if not token:
        return None
    row = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=hash_token(token), revoked_at__isnull=True)
        .first()
    )
    if row is None or not row.user.is_active:
        return None
    current = role_of(row.user)
    role = min(current, row.scope, key=lambda name: ROLE_RANK.get(name, 0))
    if not role:
        return None
    ApiToken.objects.filter(pk=row.pk).update(last_used_at=timezone.now())
    return TokenIdentity(user_id=row.user_id, username=row.user.get_username(), role=role)
