"""Periodic jobs, run by the task worker on a schedule (no cron to install).

``settings.PERIODIC_JOBS`` maps a job's name to the dotted path of a django-tasks task (taking
no argument) and the number of minutes between two runs. The clock (``run_periodic_jobs``) is
started by ``manage.py schedule_periodic_jobs`` when a worker starts,
then queues itself again every minute; each due job is queued once per period whatever the
number of workers, claimed in the shared cache. To add a job (a weekly digest, say), write its
task and add one line to ``PERIODIC_JOBS``::

    "weekly-digest": {"task": "vigie.network.tasks.send_weekly_digest", "minutes": 7 * 24 * 60},
"""

import datetime
from typing import TypedDict

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task


class PeriodicJob(TypedDict):
    task: str
    minutes: int


def jobs() -> dict[str, PeriodicJob]:
    return {
        name: PeriodicJob(task=str(job["task"]), minutes=int(job["minutes"]))
        for name, job in settings.PERIODIC_JOBS.items()
    }


def _claim(key: str, seconds: int) -> bool:
    """True for the first process to claim the key (an atomic add in the shared cache)."""
    return bool(cache.add(key, 1, seconds))


def minute_claimed(now: datetime.datetime) -> bool:
    """True for the one clock that runs this minute."""
    return _claim(f"periodic:clock:{int(now.timestamp()) // 60}", 3600)


def due_jobs(now: datetime.datetime) -> list[str]:
    """Queue each job whose period started since its last run; the names queued."""
    queued = []
    for name, job in jobs().items():
        period = int(now.timestamp()) // 60 // job["minutes"]
        if _claim(f"periodic:job:{name}:{period}", job["minutes"] * 60 + 3600):
            import_string(job["task"]).enqueue()
            queued.append(name)
    return queued


@task()
def run_periodic_jobs() -> list[str]:
    """The clock of the periodic jobs: queue those due, then come back at the next minute.

    Runs in the task worker itself (no cron). Several workers may each have started a clock:
    each minute is claimed once in the shared cache, and a clock that finds its minute taken
    stops, so one clock goes on.
    """
    now = timezone.now()
    if not minute_claimed(now):
        return []
    try:
        return due_jobs(now)
    finally:
        next_minute = now.replace(second=0, microsecond=0) + datetime.timedelta(minutes=1)
        run_periodic_jobs.using(run_after=next_minute).enqueue()


def start_clock() -> None:
    """Queue the clock now; a second clock (another worker's) stops at its first minute."""
    run_periodic_jobs.enqueue()


@task()
def prune_task_results() -> None:
    """Delete the results of tasks finished over a week ago (the clock adds one a minute)."""
    call_command("prune_db_task_results", min_age_days=7, failed_min_age_days=30, verbosity=0)
