"""Authentication back ends for the test suite only."""

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.http import HttpRequest


class AxesBackendAllowingTestClientLogin(AxesStandaloneBackend):
    """django-axes' lockout check, skipped for ``Client.login()``, which passes no request."""

    def authenticate(self, request: HttpRequest | None, *args: Any, **kwargs: Any) -> None:
        if request is None:
            return None
        return super().authenticate(request, *args, **kwargs)
