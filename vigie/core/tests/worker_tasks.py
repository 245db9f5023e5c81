"""A task for the test of several task workers: it notes each run in a file."""

import os
import time

from django_tasks import task


@task()
def note_run(number: int, path: str) -> None:
    # One short line per run, appended: lines of concurrent writers never mix.
    with open(path, "a", encoding="utf-8") as notes:
        notes.write(f"{number} {os.getpid()}\n")
    time.sleep(0.02)
