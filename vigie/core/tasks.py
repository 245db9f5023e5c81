"""Background work of the kernel: precomputed pages and the periodic jobs' clock."""

import datetime

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task

from vigie.core.models import FactChange

# Rows of FactChange kept by the daily prune (only the highest id matters).
KEEP_FACT_CHANGES = 100
# The last data version (and day) whose pages were all computed.
REFRESHED_VERSION_KEY = "freshness:refreshed-version"


@task()
def refresh_precomputed() -> None:
    """Compute every page of ``settings.PRECOMPUTED_PAGES`` under the current data version.

    Each entry is the dotted path of a function taking the version; it stores what it computed
    in the shared cache under that version, where the pages read it.
    """
    from vigie.core.freshness import REFRESH_PENDING_KEY, data_version

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


@task()
def prune_task_results() -> None:
    """Delete the results of tasks finished over a week ago (the clock adds one a minute)."""
    from django.core.management import call_command

    call_command("prune_db_task_results", min_age_days=7, failed_min_age_days=30, verbosity=0)


@task()
def run_periodic_jobs() -> list[str]:
    """The clock of the periodic jobs: queue those due, then come back at the next minute.

    Runs in the task worker itself (no cron). Several workers may each have started a clock:
    each minute is claimed once in the shared cache, and a clock that finds its minute taken
    stops, so one clock goes on.
    """
    from vigie.core.periodic import due_jobs, minute_claimed

    now = timezone.now()
    if not minute_claimed(now):
        return []
    try:
        return due_jobs(now)
    finally:
        next_minute = now.replace(second=0, microsecond=0) + datetime.timedelta(minutes=1)
        run_periodic_jobs.using(run_after=next_minute).enqueue()
