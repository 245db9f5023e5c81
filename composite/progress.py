"""A plain text progress bar on standard error, for the command line."""

import sys
import time
from typing import TextIO


class ProgressBar:
    def __init__(self, label: str, stream: TextIO | None = None, width: int = 30) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.width = width
        self.started = time.perf_counter()

    def __call__(self, done: int, total: int) -> None:
        filled = int(self.width * done / total) if total else self.width
        elapsed = time.perf_counter() - self.started
        bar = "#" * filled + "-" * (self.width - filled)
        self.stream.write(f"\r{self.label} [{bar}] {done}/{total} ({elapsed:.1f} s)")
        if done >= total:
            self.stream.write("\n")
        self.stream.flush()
