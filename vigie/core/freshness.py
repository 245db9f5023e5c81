"""The version of the facts that cached pages are computed from, shared by every process.

The strategy's measures of success and the country profiles are cached under the current data
version. Every service, loader and importer that writes facts those pages read says so, by being
decorated with ``@changes_facts`` (or by calling ``facts_changed()``); the admin does it once for
all its writes (``vigie.core.admin_site``).

The version is the highest id of ``FactChange``, a table rows are only added to: every web
process and worker reads the same version from the database, so once a change is committed no
process serves a page computed before it (there is no per-process copy to go stale). Each change
also asks the task worker to compute the pages listed in ``settings.PRECOMPUTED_PAGES`` again
under the new version (``refresh_precomputed``), so pages read them instead of
computing them; a page that finds nothing under the current version computes it once itself.
"""

import threading
from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task

from vigie.core.models import FactChange

# Entries are keyed by version, so they never go stale: old versions are simply never read again
# and expire after this time.
CACHE_SECONDS = 7 * 24 * 3600
# Set while a refresh of the precomputed pages waits for the worker: one more write then does not
# queue one more refresh (the waiting one will read the latest version when it runs).
REFRESH_PENDING_KEY = "freshness:refresh-pending"
REFRESH_PENDING_SECONDS = 600
# The last data version (and day) whose pages were all computed.
REFRESHED_VERSION_KEY = "freshness:refreshed-version"
# Rows of FactChange kept by the daily prune (only the highest id matters).
KEEP_FACT_CHANGES = 100

P = ParamSpec("P")
R = TypeVar("R")


# The version, read on every request of a cached page: plain SQL, without building a query.
_VERSION_SQL = f"SELECT MAX(id) FROM {FactChange._meta.db_table}"


def data_version() -> int:
    """The current version of the facts (one indexed read of the database)."""
    with connection.cursor() as cursor:
        cursor.execute(_VERSION_SQL)
        row = cursor.fetchone()
    return int(row[0] or 0) if row else 0


def _record() -> None:
    FactChange.objects.create()


def _committed() -> None:
    # A second row once the write is committed: on PostgreSQL a row's id is drawn when it is
    # inserted, so a transaction that commits after a later one may not have raised the highest
    # id; this row, drawn after the commit, does. It also closes the window in which another
    # process, still reading the rows before the commit, cached them under the first new version.
    _record()
    schedule_refresh()


def facts_changed() -> None:
    """Make every cached measure and profile stale: now, and again once the write is committed."""
    _record()
    if connection.in_atomic_block:
        transaction.on_commit(_committed)
    else:
        schedule_refresh()


def schedule_refresh() -> None:
    """Queue one computation of the precomputed pages, unless one is already waiting."""
    if not settings.PRECOMPUTED_PAGES:
        return
    if cache.add(REFRESH_PENDING_KEY, 1, REFRESH_PENDING_SECONDS):
        try:
            refresh_precomputed.enqueue()
        except Exception:
            cache.delete(REFRESH_PENDING_KEY)
            raise


@task(queue_name="pages")
def refresh_precomputed() -> None:
    """Compute every page of ``settings.PRECOMPUTED_PAGES`` under the current data version.

    Each entry is the dotted path of a function taking the version; it stores what it computed
    in the shared cache under that version, where the pages read it.
    """
    cache.delete(REFRESH_PENDING_KEY)  # a write from now on queues the next refresh
    version = data_version()
    # pages computed "as of today" change with the day, as well as with the version
    done = f"{version}:{timezone.localdate().isoformat()}"
    if cache.get(REFRESHED_VERSION_KEY) == done:
        return  # a refresh queued earlier already computed this version today
    for path in settings.PRECOMPUTED_PAGES:
        import_string(path)(version)
    cache.set(REFRESHED_VERSION_KEY, done, None)


@task()
def prune_fact_changes() -> int:
    """Delete the old rows of FactChange (the version is the highest id, which is kept)."""
    newest = FactChange.objects.order_by("-id").values_list("id", flat=True).first()
    if newest is None:
        return 0
    deleted, _ = FactChange.objects.filter(id__lte=newest - KEEP_FACT_CHANGES).delete()
    return deleted


class _Writing(threading.local):
    depth = 0


_writing = _Writing()


def changes_facts(function: Callable[P, R]) -> Callable[P, R]:
    """Mark a writer: once it returns (or fails half-way), cached measures and profiles are stale.

    A writer called by another (an import saving each of its rows, a loader citing each source)
    leaves it to the outermost one, which says it once for all of them. Importing the 76 bundled
    measures recorded 266 changes, and 266 more at commit, when each writer said it."""

    @wraps(function)
    def writer(*args: P.args, **kwargs: P.kwargs) -> R:
        _writing.depth += 1
        try:
            return function(*args, **kwargs)
        finally:
            _writing.depth -= 1
            if _writing.depth == 0:
                facts_changed()

    return writer
