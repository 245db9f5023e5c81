"""Whole public pages served from the shared cache to anonymous visitors.

A public page (one named in ``settings.PUBLIC_PAGE_CACHE``, every one of them open to every role in
tests/test_url_walk.py) answered to an anonymous visitor is kept in the shared cache under the
data version (``vigie.core.freshness``), the day, the language, the address and its query: the next
anonymous visitor of the same address is answered from the cache without running the view. Every
service that writes what a public page shows records a change of facts, which moves the version:
no page computed before a write is served after it. Pages that change with the time of day (an
event that has started, registration that opens at an hour) are kept ``PAGE_CACHE_SECONDS`` at
most.

Nothing personal is ever kept or served:
- only GET requests without a session (no cookie but the CSRF and language cookies) and without
  an ``Authorization`` header are looked up or stored: a signed-in visitor (whose session
  cookie is sent) always gets a page computed for them, and never stores one;
- only complete 200 answers are stored, never one that sets a cookie, that used the CSRF token
  (a form), that changed the session or left a message, or that says ``private``/``no-store``;
- each process keeps a copy of the pages it served (``CACHES["pages"]``) under the same keys: the
  version is read from the database on every request, so a copy is never served after a change;
- an answer from the cache still honours ``If-None-Match``/``If-Modified-Since`` (304), and
  every answer of a cached page varies on ``Cookie`` for the caches between the site and the
  visitor.
"""

import hashlib
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache, caches
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import parse_http_date_safe
from django.utils.translation import get_language

from vigie.core.freshness import data_version

KEY_ATTRIBUTE = "_public_page_cache_key"
# When the page was computed (kept with it): a process's copy lives no longer than the shared one.
STORED_AT_ATTRIBUTE = "_public_page_stored_at"
# Set on an answer read from the cache (for tests and for the access log).
HIT_HEADER = "X-Page-Cache"


def _cookies_allowed() -> set[str]:
    return {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}


def _anonymous_get(request: HttpRequest) -> bool:
    return (
        request.method == "GET"
        and set(request.COOKIES) <= _cookies_allowed()
        and "HTTP_AUTHORIZATION" not in request.META
    )


def page_key(request: HttpRequest) -> str:
    """The cache key of this page as an anonymous visitor sees it now."""
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    day = timezone.localdate().isoformat()
    return f"page:{data_version()}:{day}:{get_language()}:{digest}"


def _storable(request: HttpRequest, response: HttpResponseBase) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_USED") or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    cache_control = response.get("Cache-Control", "")
    if "private" in cache_control or "no-store" in cache_control:
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    messages = getattr(request, "_messages", None)
    if messages is not None and getattr(messages, "added_new", False):
        return False
    user = getattr(request, "user", None)
    return not getattr(user, "is_authenticated", False)


class PublicPageCacheMiddleware:
    """The last middleware: looks a public page up once the URL is resolved, stores it after."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        key = getattr(request, KEY_ATTRIBUTE, None)
        if key is None or HIT_HEADER in response:
            return response
        patch_vary_headers(response, ("Cookie",))
        if _storable(request, response):
            setattr(response, STORED_AT_ATTRIBUTE, time.time())
            cache.set(key, response, settings.PAGE_CACHE_SECONDS)
            caches["pages"].set(key, response, settings.PAGE_CACHE_SECONDS)
        return response

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponseBase | None:
        match = request.resolver_match
        if (
            not settings.PAGE_CACHE_SECONDS
            or match is None
            or match.view_name not in settings.PUBLIC_PAGE_CACHE
            or not _anonymous_get(request)
        ):
            return None
        key = page_key(request)
        setattr(request, KEY_ATTRIBUTE, key)
        local = caches["pages"]
        cached: HttpResponse | None = local.get(key)
        if cached is None:
            cached = cache.get(key)
            if cached is None:
                return None
            age = time.time() - getattr(cached, STORED_AT_ATTRIBUTE, 0.0)
            if age < settings.PAGE_CACHE_SECONDS:
                local.set(key, cached, settings.PAGE_CACHE_SECONDS - age)
        cached[HIT_HEADER] = "hit"
        return get_conditional_response(
            request,
            etag=cached.get("ETag"),
            last_modified=parse_http_date_safe(cached.get("Last-Modified", "")),
            response=cached,
        )
