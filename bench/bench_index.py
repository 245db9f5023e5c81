"""Reweighting latency of the index pages for a 200-country edition; prints its figures.

Target: under 200 ms per slider change for 200 countries. A synthetic edition (200 units,
5 dimensions of 3 indicators each, random data) is computed by the engine into a throw-away
SQLite database, then 200 reweighting requests go through Django's full request cycle (the
htmx partial the sliders ask for), each with new random weights.
Run: .venv/bin/python bench/bench_index.py
"""

import os
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "vigie.test_settings"
os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"

import django  # noqa: E402

warnings.filterwarnings("ignore", message="No directory at")

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from vigie.index import services  # noqa: E402

DIMENSIONS = ["d1", "d2", "d3", "d4", "d5"]


def synthetic_spec() -> str:
    lines = [
        "[index]",
        'name = "Synthetic"',
        'unit_column = "code"',
        'levels = ["Indicator", "Dimension", "Index"]',
    ]
    for dimension in DIMENSIONS:
        for i in range(3):
            lines += ["[[indicators]]", f'code = "{dimension}_{i}"', f'parent = "{dimension}"']
        lines += ["[[aggregates]]", f'code = "{dimension}"', "level = 2", 'parent = "IDX"']
    lines += ["[[aggregates]]", 'code = "IDX"', "level = 3"]
    return "\n".join(lines) + "\n"


def synthetic_data(units: int, rng: np.random.Generator) -> str:
    codes = [f"{d}_{i}" for d in DIMENSIONS for i in range(3)]
    rows = ["code," + ",".join(codes)]
    for unit in range(units):
        rows.append(f"U{unit:03d}," + ",".join(f"{v:.4f}" for v in rng.random(len(codes)) * 100))
    return "\n".join(rows) + "\n"


def main() -> None:
    setup_test_environment()
    call_command("migrate", verbosity=0)
    rng = np.random.default_rng(0)
    edition = services.create_edition(
        family="bench", year=2026, title_en="Synthetic 200", spec_toml=synthetic_spec()
    )
    edition = services.upload_indicator_data(edition=edition, csv_text=synthetic_data(200, rng))
    started = time.perf_counter()
    edition = services.compute_edition(edition_id=edition.pk, replications=1000)
    compute = time.perf_counter() - started
    services.publish_edition(edition=edition)
    print(f"computing a 200-unit edition with 1,000 uncertainty replications: {compute:.2f} s")

    client = Client()
    url = f"/en/index/{edition.slug}/reweight/"
    client.get(url, headers={"HX-Request": "true"})
    timings = []
    for _ in range(200):
        weights = "&".join(f"w_{d}={rng.integers(0, 21) / 2:g}" for d in DIMENSIONS)
        started = time.perf_counter()
        response = client.get(f"{url}?{weights}", headers={"HX-Request": "true"})
        timings.append(time.perf_counter() - started)
        if response.status_code != 200:
            raise SystemExit(f"reweighting failed with status {response.status_code}")
    timings.sort()
    p95 = timings[int(0.95 * len(timings)) - 1]
    print(
        f"reweighting latency over 200 changes (200 countries, full request): "
        f"median {statistics.median(timings) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms, "
        f"max {timings[-1] * 1000:.1f} ms (target < 200 ms)"
    )


if __name__ == "__main__":
    main()
