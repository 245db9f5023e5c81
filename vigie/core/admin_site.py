"""The admin site: every write made through the admin makes cached measures and profiles stale.

Installed as the default site by ``vigie.core.admin_apps.VigieAdminConfig`` (in
``INSTALLED_APPS`` in place of ``django.contrib.admin``), so ``admin.site`` is this site.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from django.contrib import admin
from django.http import HttpRequest, HttpResponseBase

from vigie.core.freshness import facts_changed

View = TypeVar("View", bound=Callable[..., HttpResponseBase])


class VigieAdminSite(admin.AdminSite):
    def admin_view(self, view: View, cacheable: bool = False) -> View:
        """Each admin page, for a user the admin lets in; a POST to it may have written facts."""

        @wraps(view)
        def writing_view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            try:
                return view(request, *args, **kwargs)
            finally:
                if request.method == "POST":
                    facts_changed()

        return super().admin_view(cast(View, writing_view), cacheable)
