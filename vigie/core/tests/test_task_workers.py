"""Two task workers on one PostgreSQL database never run the same task: 200 tasks, each once.

Each worker claims the next task with ``SELECT … FOR UPDATE SKIP LOCKED`` (django-tasks' database
back end), so several workers (on one machine or several) share the queue. SQLite has no row
locks: there one worker is run (docs/operations.md).
"""

import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django_tasks_db.models import DBTaskResult

from vigie.core.tests.processes import site_environment
from vigie.core.tests.worker_tasks import note_run

ROOT = Path(__file__).resolve().parents[3]
TASKS = 200


def _database_url() -> str:
    database = connection.settings_dict
    return (
        f"postgres://{database['USER']}:{database['PASSWORD']}@{database['HOST'] or '127.0.0.1'}:"
        f"{database['PORT'] or 5432}/{database['NAME']}"
    )


def _worker(environment: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with open(log, "wb") as output:
        return subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--interval", "0.1", "--no-startup-delay"],
            cwd=ROOT,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_run_each_of_two_hundred_tasks_exactly_once(
    tmp_path: Path, settings: Any
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL): SQLite has no row locks")
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    environment = site_environment(DATABASE_URL=_database_url())
    logs = [tmp_path / "worker-1.log", tmp_path / "worker-2.log"]
    workers = [_worker(environment, log) for log in logs]
    try:
        deadline = time.monotonic() + 120
        while not all("Starting worker" in log.read_text() for log in logs):
            assert all(worker.poll() is None for worker in workers), "a worker stopped"
            assert time.monotonic() < deadline, "the workers did not start within 120 s"
            time.sleep(0.2)
        notes = tmp_path / "runs.txt"
        for number in range(TASKS):
            note_run.enqueue(number, str(notes))
        while DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).exists():
            assert time.monotonic() < deadline + 120, "the tasks did not all run within 120 s"
            time.sleep(0.2)
    finally:
        for worker in workers:
            worker.terminate()
            worker.wait(timeout=30)
    runs = [line.split() for line in notes.read_text().splitlines()]
    numbers = sorted(int(number) for number, _pid in runs)
    assert numbers == list(range(TASKS))  # each task ran, and only once
    assert {pid for _number, pid in runs} == {str(worker.pid) for worker in workers}
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
    assert DBTaskResult.objects.values("worker_ids").distinct().count() == 2
