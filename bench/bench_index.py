"""Reweighting latency on a 200-country synthetic edition (median and p95 over 200 changes).

Measures the server path (``queries.reweighted_rankings`` through the engine's ``reaggregate``,
used for the CSV download and the no-JavaScript page) on stored dimension scores, as a page
would: nothing is recomputed but the top-level combination and the ranks. Run after
``make data``: ``.venv/bin/python bench/bench_index.py``. The synthetic edition is created in a
transaction that is rolled back, so the database is left unchanged.
"""

import os
import statistics
import sys
import time
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vigie.settings")
django.setup()

import numpy as np  # noqa: E402
from django.db import transaction  # noqa: E402

from vigie.index import engine, queries  # noqa: E402
from vigie.index.models import Edition, Result  # noqa: E402

UNITS = 200
CHANGES = 200
CODES = ["d1", "d2", "d3", "d4", "d5"]


class Rollback(Exception):
    pass


def main() -> None:
    rng = np.random.default_rng(7)
    timings: list[float] = []
    memory: list[float] = []
    try:
        with transaction.atomic():
            edition = Edition.objects.create(
                slug="bench-synthetic",
                version=999,
                year=2025,
                kind=Edition.Kind.COMPUTED,
                title_en="Synthetic",
                title_fr="Synthetic",
                title_es="Synthetic",
                status=Edition.Status.COMPUTED,
                dimensions=[{"code": c, "name_en": c} for c in CODES],
                top_level={
                    "index": "index",
                    "weights": dict.fromkeys(CODES, 1.0),
                    "aggregation": "arithmetic",
                },
            )
            scores = rng.uniform(0, 100, (UNITS, len(CODES)))
            Result.objects.bulk_create(
                Result(
                    edition=edition,
                    unit_code=f"U{i:03d}",
                    unit_name=f"Unit {i}",
                    rank=i + 1,
                    overall=float(scores[i].mean()),
                    status=Result.Status.COMPUTED,
                    scores=dict(zip(CODES, map(float, scores[i]), strict=True)),
                )
                for i in range(UNITS)
            )
            for _change in range(CHANGES):
                weights = dict(zip(CODES, map(float, rng.uniform(0, 10, len(CODES))), strict=True))
                started = time.perf_counter()
                rows = queries.reweighted_rankings(edition, weights)
                timings.append((time.perf_counter() - started) * 1000)
                assert len(rows) == UNITS
            stored = {r["unit_code"]: r["scores"] for r in queries.get_rankings(edition.pk)}
            for _change in range(CHANGES):
                weights = dict(zip(CODES, map(float, rng.uniform(0, 10, len(CODES))), strict=True))
                started = time.perf_counter()
                combined = engine.reaggregate(stored, weights, "arithmetic")
                sorted(combined, key=lambda unit: -(combined[unit] or 0.0))
                memory.append((time.perf_counter() - started) * 1000)
            raise Rollback
    except Rollback:
        pass
    report("server page and CSV, reading the database each time", timings)
    report("recombination and ranking on loaded scores (the page's own path)", memory)


def report(label: str, timings: list[float]) -> None:
    timings = sorted(timings)
    p95 = timings[int(0.95 * len(timings)) - 1]
    print(f"reweighting, {UNITS} countries, {CHANGES} changes, {label}:")
    print(f"  median {statistics.median(timings):.2f} ms, p95 {p95:.2f} ms")


if __name__ == "__main__":
    main()
