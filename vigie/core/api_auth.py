"""Who may call the API's write operations: editors, by personal token or by their session.

Write operations of staff tasks declare ``auth=staff_write_auth``:

* a script sends an editor's (or admin's) personal token as ``Authorization: Bearer …``;
* a browser page of the site sends the signed-in editor's session cookie and the CSRF token
  (``X-CSRFToken``), as the site's own forms do.

A valid token or session of a lower role (a member) is answered 403; no credentials, an
unknown or a revoked token, 401. ``request.auth`` is then the user the write is audited under.

Tokens belong to the workspace app, which registers its check when it starts
(``use_token_check``), so that the kernel imports no app.
"""

from collections.abc import Callable
from typing import Any, Protocol

from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from vigie.core import roles


class TokenHolder(Protocol):
    @property
    def user_id(self) -> int: ...

    @property
    def role(self) -> str: ...


_token_checks: list[Callable[[str], TokenHolder | None]] = []


def use_token_check(check: Callable[[str], TokenHolder | None]) -> None:
    """Set how a bearer token is read (the workspace app's ``authenticate_token``)."""
    _token_checks[:] = [check]


def _may_write(role: str) -> bool:
    return role in (roles.EDITOR, roles.ADMIN)


class EditorTokenAuth(HttpBearer):
    """An editor's or admin's personal token; a member's token is refused (403)."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        identity = _token_checks[0](token) if _token_checks else None
        if identity is None:
            return None
        if not _may_write(identity.role):
            raise HttpError(403, _("This token's role may not make this change."))
        return get_user_model().objects.get(pk=identity.user_id)


class EditorSessionAuth(APIKeyCookie):
    """An editor signed in to the site; the request must carry the CSRF token."""

    param_name = settings.SESSION_COOKIE_NAME

    def __init__(self) -> None:
        super().__init__(csrf=False)  # checked below, once a session is known to be there

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = request.user
        if not user.is_authenticated:
            return None
        if not roles.is_editor(user):
            raise HttpError(403, _("Only editors may make this change."))
        if check_csrf(request) is not None:
            raise HttpError(403, _("The CSRF token is missing or wrong."))
        return user


staff_write_auth = [EditorTokenAuth(), EditorSessionAuth()]


def api_actor(request: HttpRequest) -> Any:
    """The user a write operation acts for (the token's owner, or the signed-in editor)."""
    return request.auth  # type: ignore[attr-defined]
