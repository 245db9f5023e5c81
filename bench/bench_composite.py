"""Benchmark of the composite engine on COINr's ASEM example; prints its figures.

Targets: full default build under 50 ms; 10,000 uncertainty replications (weights noise 0.25 at
levels 2 and 3, two normalisations, arithmetic/geometric aggregation, winsorisation limit 1–5)
under 10 s with peak memory under 1 GB. COINr took about 0.1 s per rebuild on this machine type.
Run: .venv/bin/python bench/bench_composite.py
"""

import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from composite import NormaliseSpec, UncertainInputs, load_spec, prepare_data, run_pipeline  # noqa: E402
from composite.uncertainty import run_uncertainty  # noqa: E402

ASEM = ROOT / "composite" / "tests" / "data" / "asem"


def main() -> None:
    spec = load_spec(ROOT / "composite" / "examples" / "asem.toml")
    csv = ASEM / "iData.csv"
    run_pipeline(spec, csv)
    builds = []
    for _ in range(20):
        started = time.perf_counter()
        run_pipeline(spec, csv)
        builds.append(time.perf_counter() - started)
    print(
        f"full default build of ASEM (from CSV): median {statistics.median(builds) * 1000:.1f} ms, "
        f"best {min(builds) * 1000:.1f} ms over {len(builds)} runs"
    )

    data = prepare_data(spec, csv)
    inputs = UncertainInputs(
        weight_noise={2: 0.25, 3: 0.25},
        normalisations=[
            NormaliseSpec(method="minmax", range=(1, 100)),
            NormaliseSpec(method="zscore", mean=10, sd=1),
        ],
        aggregations=["arithmetic", "geometric"],
        winsorise_limits=[1, 2, 3, 4, 5],
    )
    replications = 10_000
    tracemalloc.start()
    started = time.perf_counter()
    result = run_uncertainty(spec, data, inputs, replications=replications, seed=1)
    elapsed = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"uncertainty analysis: {replications} replications in {elapsed:.2f} s "
        f"= {replications / elapsed:,.0f} replications/s "
        f"({elapsed / replications * 1000:.3f} ms each; COINr about 105 ms each)"
    )
    print(
        f"peak memory: {peak / 2**20:.0f} MiB allocated by numpy/pandas (tracemalloc), "
        f"{max_rss:.0f} MiB maximum resident set of the process"
    )
    widest = (result.summary["rank_q95"] - result.summary["rank_q05"]).max()
    print(f"widest 5-95% rank interval: {widest:.0f} ranks")


if __name__ == "__main__":
    main()
