"""The periodic jobs' clock runs in the task worker: each job is queued once per period.

The clock is a task that queues the jobs due, then queues itself again for the next minute.
Several workers may each start a clock; the minute is claimed in the shared cache, so only one
clock queues the jobs and the others stop.
"""

import datetime
from typing import Any, cast

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone
from django_tasks import default_task_backend
from django_tasks.backends.dummy import DummyBackend

from vigie.core import periodic

pytestmark = pytest.mark.django_db

REMINDERS = "vigie.events.reminders.queue_event_reminders"
CLOCK = "vigie.core.periodic.run_periodic_jobs"
START = datetime.datetime(2026, 3, 2, 9, 0, 5, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def recorded_tasks(settings: Any) -> None:
    """Tasks are recorded, not run; the only job is the event reminders, every ten minutes."""
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.dummy.DummyBackend",
            "QUEUES": settings.TASK_QUEUES,
        }
    }
    settings.PERIODIC_JOBS = {"event-reminders": {"task": REMINDERS, "minutes": 10}}
    cache.clear()


def _tick(monkeypatch: pytest.MonkeyPatch, at: datetime.datetime) -> list[str]:
    monkeypatch.setattr(timezone, "now", lambda: at)
    return periodic.run_periodic_jobs.call()


def _queued() -> list[tuple[str, datetime.datetime | None]]:
    backend = cast(DummyBackend, default_task_backend)
    queued = [(result.task.module_path, result.task.run_after) for result in backend.results]
    backend.clear()
    return queued


def test_the_event_reminders_are_a_periodic_job_of_the_real_settings() -> None:
    from vigie import settings as real_settings

    assert real_settings.PERIODIC_JOBS["event-reminders"]["task"] == REMINDERS


def test_a_clock_queues_the_due_job_once_per_period_and_comes_back_each_minute(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert _tick(monkeypatch, START) == ["event-reminders"]
    next_minute = datetime.datetime(2026, 3, 2, 9, 1, tzinfo=datetime.UTC)
    assert _queued() == [(REMINDERS, None), (CLOCK, next_minute)]
    # later minutes of the same ten-minute period: only the clock comes back
    for minute in range(1, 10):
        assert _tick(monkeypatch, START + datetime.timedelta(minutes=minute)) == []
        assert [path for path, _run_after in _queued()] == [CLOCK]
    # the next period: the job again
    assert _tick(monkeypatch, START + datetime.timedelta(minutes=10)) == ["event-reminders"]
    assert [path for path, _run_after in _queued()] == [REMINDERS, CLOCK]


def test_a_second_clock_in_the_same_minute_queues_nothing_and_stops(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Two workers each started a clock: one goes on, the other ends."""
    assert _tick(monkeypatch, START) == ["event-reminders"]
    _queued()
    assert _tick(monkeypatch, START + datetime.timedelta(seconds=20)) == []
    assert _queued() == []


def test_a_worker_starts_the_clock(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("schedule_periodic_jobs")
    assert _queued() == [(CLOCK, None)]
    assert f"event-reminders: {REMINDERS} every 10 minute(s)" in capsys.readouterr().out
