"""The version of the facts that cached pages are computed from.

The strategy's measures of success and the country profiles are cached under the current data
version. Every service, loader and importer that writes facts those pages read says so, by being
decorated with ``@changes_facts`` (or by calling ``facts_changed()``); the admin does it once for
all its writes (``vigie.core.admin_site``). The cached entries also expire after
``CACHE_SECONDS``, which bounds staleness when a change was made some other way (a shell).
"""

from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

from django.core.cache import cache
from django.db import transaction

CACHE_SECONDS = 300
VERSION_KEY = "strategy:data-version"

P = ParamSpec("P")
R = TypeVar("R")


def data_version() -> int:
    return int(cache.get_or_set(VERSION_KEY, 0) or 0)


def _bump() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 1, None)


def facts_changed() -> None:
    """Make every cached measure and profile stale: now, and again once the write is committed.

    The second bump closes the window in which another request, still reading the committed
    rows, would cache them under the new version.
    """
    _bump()
    transaction.on_commit(_bump)


def changes_facts(function: Callable[P, R]) -> Callable[P, R]:
    """Mark a writer: once it returns (or fails half-way), cached measures and profiles are stale."""

    @wraps(function)
    def writer(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return function(*args, **kwargs)
        finally:
            facts_changed()

    return writer
