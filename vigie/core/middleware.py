"""Requests whose parameters hold a NUL character are refused before any view runs.

PostgreSQL text cannot hold NUL (0x00): a filter or a form value carrying one made the database
raise and the site answer 500, while SQLite accepted it. No text Vigie stores or searches has a
reason to contain it, so the request is answered once, here, for every page and API operation:
422 with the API's validation-error shape under ``/api/``, 400 elsewhere.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext as _

NUL = "\x00"


def _first_nul_parameter(request: HttpRequest) -> tuple[str, str] | None:
    for place, values in (("query", request.GET), ("form", request.POST)):
        for name, items in values.lists():
            if NUL in name or any(NUL in item for item in items):
                return place, name.replace(NUL, "")
    return None


class RefuseNulCharactersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        found = _first_nul_parameter(request) if request.method in ("GET", "POST") else None
        if found is None:
            return self.get_response(request)
        place, name = found
        message = _("A NUL character is not allowed in a request parameter.")
        if request.path.startswith("/api/"):
            detail = [{"type": "value_error", "loc": [place, name], "msg": message}]
            return JsonResponse({"detail": detail}, status=422)
        return HttpResponseBadRequest(f"{message} ({name})", content_type="text/plain")
