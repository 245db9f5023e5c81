"""The one check that guards staff pages: ``editor_required``.

Anonymous visitors are sent to the login page (with ``next`` so they come back); people who are
signed in but are not editors get 403, since logging in again would not help them.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from vigie.core.roles import is_editor

View = Callable[..., HttpResponse]


def editor_required(view: View) -> View:
    """Let editors and admins through; anonymous → login page, everyone else → 403."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_editor(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
