"""The composite engine at scale: 2,000 units × 200 indicators, as whole command-line processes.

Targets (issue 14): ``python -m composite run`` under 2 s as a whole process, and
``python -m composite uncertainty -n 10000`` under 1 GB peak resident memory (memory must not
grow with the number of replications, so the bench also prints the peak for fewer runs).
The data are synthetic, seeded and fictional, written to a temporary directory (never to
data/): 200 indicators in 20 pillars of 10, 4 sub-indices of 5 pillars, one index; some gaps,
a group column, a few lower-is-better indicators.
Run: .venv/bin/python bench/bench_engine_scale.py [--units 2000] [--indicators 200] [-n 10000]
"""

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent


def write_case(folder: Path, units: int, indicators: int, seed: int = 42) -> tuple[Path, Path]:
    """A seeded synthetic index: spec (TOML) and data (CSV)."""
    rng = np.random.default_rng(seed)
    pillars = max(1, indicators // 10)
    subindices = max(1, pillars // 5)
    codes = [f"i{k:03d}" for k in range(indicators)]
    latent = rng.normal(size=(units, 1))
    values = 50 + 10 * (0.6 * latent + rng.normal(size=(units, indicators)))
    values *= rng.lognormal(0, 0.3, size=(1, indicators))
    values[rng.random(values.shape) < 0.03] = np.nan  # 3 % gaps
    frame = pd.DataFrame(values.round(4), columns=codes)
    frame.insert(0, "uCode", [f"U{k:05d}" for k in range(units)])
    frame.insert(1, "uName", [f"Unit {k}" for k in range(units)])
    frame.insert(2, "Region", rng.choice(["north", "south", "east", "west"], size=units))
    data = folder / "data.csv"
    frame.to_csv(data, index=False)

    lines = [
        "[index]",
        'name = "Synthetic scale test"',
        'unit_column = "uCode"',
        'name_column = "uName"',
        'levels = ["Indicator", "Pillar", "Sub-index", "Index"]',
        "[steps.impute]",
        'method = "mean_group"',
        'group = "Region"',
        "[steps.screen]",
        'by = "na"',
        "data_threshold = 0.8",
        "[steps.treat]",
        'method = "winsorise"',
        "winsorise_max = 5",
        "[steps.normalise]",
        'method = "minmax"',
        "range = [1, 100]",
    ]
    for k, code in enumerate(codes):
        direction = -1 if k % 7 == 0 else 1
        lines += [
            "[[indicators]]",
            f'code = "{code}"',
            f'parent = "P{k % pillars:02d}"',
            f"direction = {direction}",
            f"weight = {1 + k % 3}",
        ]
    for p in range(pillars):
        lines += [
            "[[aggregates]]",
            f'code = "P{p:02d}"',
            "level = 2",
            f'parent = "S{p % subindices}"',
        ]
    for s in range(subindices):
        lines += ["[[aggregates]]", f'code = "S{s}"', "level = 3", 'parent = "INDEX"']
    lines += ["[[aggregates]]", 'code = "INDEX"', "level = 4"]
    spec = folder / "spec.toml"
    spec.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return spec, data


def timed_process(arguments: list[str]) -> tuple[float, float, float]:
    """Wall time (s), CPU time (s) and peak resident memory (MiB) of one command-line process.

    CPU time is printed too because wall time on a shared machine grows with its load."""
    command = [sys.executable, "-m", "composite", *arguments]
    started = time.perf_counter()
    script = (
        "import resource, subprocess, sys; "
        "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode; "
        "usage = resource.getrusage(resource.RUSAGE_CHILDREN); "
        "print(usage.ru_maxrss, usage.ru_utime + usage.ru_stime); sys.exit(code)"
    )
    # Measured from a fresh parent so that only this command's peak is reported.
    result = subprocess.run(
        [sys.executable, "-c", script, *command], cwd=ROOT, capture_output=True, text=True
    )
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(arguments)} failed with status {result.returncode}")
    peak, cpu = result.stdout.split()
    return elapsed, float(cpu), int(peak) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--units", type=int, default=2000)
    parser.add_argument("--indicators", type=int, default=200)
    parser.add_argument("-n", "--replications", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        spec, data = write_case(folder, args.units, args.indicators)
        size = f"{args.units} units × {args.indicators} indicators"
        runs = [timed_process(["run", str(spec), str(data), "--out", str(folder / "out")])]
        runs += [timed_process(["run", str(spec), str(data), "--out", str(folder / "out")])]
        best = min(runs)
        print(
            f"run on {size}: {best[0]:.2f} s wall, {best[1]:.2f} s CPU as a whole process "
            f"(best of 2; target < 2 s), peak RSS {best[2]:.0f} MiB"
        )
        uncertainty = [
            "uncertainty", str(spec), str(data), "--out", str(folder / "unc"),
            "--weight-noise", "2=0.25", "--weight-noise", "3=0.25",
            "--normalisation", "minmax", "--normalisation", "zscore",
            "--aggregation", "arithmetic", "--aggregation", "geometric",
        ]  # fmt: skip
        for replications in sorted({max(1, args.replications // 10), args.replications}):
            elapsed, cpu, peak = timed_process([*uncertainty, "-n", str(replications)])
            print(
                f"uncertainty -n {replications} on {size}: {elapsed:.1f} s wall, {cpu:.1f} s CPU, "
                f"peak RSS {peak:.0f} MiB (target < 1024 MiB)"
            )
    load = Path("/proc/loadavg").read_text().split()[:3] if Path("/proc/loadavg").exists() else []
    print(
        f"machine load (1, 5, 15 min): {' '.join(load)}; "
        f"this process {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB"
    )


if __name__ == "__main__":
    main()
