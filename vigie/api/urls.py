from django.http import HttpRequest, HttpResponsePermanentRedirect
from django.urls import path, re_path

from vigie.api.api import api


class _PermanentRedirectKeepingMethod(HttpResponsePermanentRedirect):
    status_code = 308


# The read paths that ended with a slash before every path followed one rule (no trailing
# slash). Only these: a catch-all would meet CommonMiddleware's APPEND_SLASH in a loop.
OLD_ADDRESSES = r"events/(?:events|series)(?:/[\w-]+)?|index/editions(?:/[\w-]+/results)?"


def old_address(request: HttpRequest, rest: str) -> HttpResponsePermanentRedirect:
    """An old API address, sent on with its query by a 308 so that a script keeps its method."""
    query = request.META.get("QUERY_STRING", "")
    return _PermanentRedirectKeepingMethod(f"/api/v1/{rest}" + (f"?{query}" if query else ""))


urlpatterns = [
    path("v1/", api.urls),
    re_path(rf"^v1/(?P<rest>{OLD_ADDRESSES})/$", old_address, name="api_old_address"),
]
