"""Periodic jobs, run by the task worker on a schedule (no cron to install).

``settings.PERIODIC_JOBS`` maps a job's name to the dotted path of a django-tasks task (taking
no argument) and the number of minutes between two runs. The clock (``run_periodic_jobs`` in
``vigie.core.tasks``) is started by ``manage.py schedule_periodic_jobs`` when a worker starts,
then queues itself again every minute; each due job is queued once per period whatever the
number of workers, claimed in the shared cache. To add a job (a weekly digest, say), write its
task and add one line to ``PERIODIC_JOBS``::

    "weekly-digest": {"task": "vigie.network.tasks.send_weekly_digest", "minutes": 7 * 24 * 60},
"""

import datetime
from typing import TypedDict

from django.conf import settings
from django.core.cache import cache
from django.utils.module_loading import import_string


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


def start_clock() -> None:
    """Queue the clock now; a second clock (another worker's) stops at its first minute."""
    from vigie.core.tasks import run_periodic_jobs

    run_periodic_jobs.enqueue()
