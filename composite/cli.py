"""Command line: ``python -m composite run SPEC DATA --out DIR`` and ``uncertainty``.

Errors in the spec or the data print one clear message (naming the field, unit and indicator)
and exit with status 2, never a traceback. The engine (pandas, pydantic) is imported by the
command that needs it, so that ``--help`` and argument errors answer at once.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from composite.errors import CompositeError

if TYPE_CHECKING:
    from composite.spec import NormaliseSpec

STAGE_FILES = {
    "Raw": "stage_raw.csv",
    "Denominated": "stage_denominated.csv",
    "Imputed": "stage_imputed.csv",
    "Screened": "stage_screened.csv",
    "Treated": "stage_treated.csv",
    "Normalised": "stage_normalised.csv",
    "Aggregated": "stage_aggregated.csv",
}


PROG = "python -m composite"
# Texts for --help, kept apart from the parser's behaviour (tested in test_cli/test_reporting).
HELP = {
    "run": "build the index and write every stage as CSV",
    "uncertainty": "Monte Carlo rank intervals",
    "weight-noise": "perturb the weights of nodes at LEVEL by ±NOISE (e.g. 2=0.25)",
    "normalisation": "alternative normalisation methods",
    "aggregation": "alternative aggregation methods (generalised uses the spec's `p`)",
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=PROG, description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help=HELP["run"])
    run.add_argument("spec", type=Path)
    run.add_argument("data", type=Path)
    run.add_argument("--out", type=Path, required=True)
    unc = commands.add_parser("uncertainty", help=HELP["uncertainty"])
    unc.add_argument("spec", type=Path)
    unc.add_argument("data", type=Path)
    unc.add_argument("-n", "--replications", type=int, default=1000)
    unc.add_argument("--seed", type=int, default=0)
    unc.add_argument("--out", type=Path, default=Path("."))
    unc.add_argument(
        "--weight-noise",
        action="append",
        default=[],
        metavar="LEVEL=NOISE",
        help=HELP["weight-noise"],
    )
    unc.add_argument(
        "--normalisation",
        action="append",
        default=[],
        choices=["minmax", "zscore", "rank", "prank", "borda", "dist2max", "fracmax"],
        help=HELP["normalisation"],
    )
    unc.add_argument(
        "--aggregation",
        action="append",
        default=[],
        choices=["arithmetic", "geometric", "harmonic", "generalised"],
        help=HELP["aggregation"],
    )
    unc.add_argument("--winsorise-limit", action="append", type=int, default=[])
    unc.add_argument(
        "--imputation",
        action="append",
        default=[],
        choices=["none", "mean", "median", "mean_group", "median_group"],
    )
    return parser


def _normalisation(method: str, geometric: bool) -> NormaliseSpec:
    from composite.spec import NormaliseSpec

    if method == "minmax":
        return NormaliseSpec(method="minmax", range=(1.0, 100.0) if geometric else (0.0, 100.0))
    if method == "zscore":
        return NormaliseSpec(method="zscore", mean=10.0 if geometric else 0.0, sd=1.0)
    return NormaliseSpec(method=method)  # type: ignore[arg-type]


def _write_run(args: argparse.Namespace) -> None:
    from composite.pipeline import run_pipeline
    from composite.spec import load_spec
    from composite.stagecsv import StageWriter

    spec = load_spec(args.spec)
    result = run_pipeline(spec, args.data)
    args.out.mkdir(parents=True, exist_ok=True)
    writer = StageWriter()
    for stage, name in STAGE_FILES.items():
        writer.write(result.stages[stage], args.out / name, spec.index.unit_column)
    result.results_table().to_csv(args.out / "results.csv", index_label=spec.index.unit_column)
    result.treatment.to_csv(args.out / "treatment.csv")
    result.screening.to_csv(args.out / "screening.csv", index_label=spec.index.unit_column)
    print(f"{len(result.index_scores)} units scored; stages and results written to {args.out}")


def _write_uncertainty(args: argparse.Namespace) -> None:
    from composite.progress import ProgressBar
    from composite.spec import load_spec
    from composite.uncertainty import UncertainInputs, indistinguishable_pairs, run_uncertainty

    spec = load_spec(args.spec)
    noise = {}
    for item in args.weight_noise:
        level, _, value = item.partition("=")
        try:
            noise[int(level)] = float(value)
        except ValueError:
            raise CompositeError(f"--weight-noise {item!r}: expected LEVEL=NOISE") from None
    geometric = "geometric" in args.aggregation
    inputs = UncertainInputs(
        weight_noise=noise,
        normalisations=[_normalisation(m, geometric) for m in args.normalisation],
        aggregations=args.aggregation,
        winsorise_limits=args.winsorise_limit,
        imputations=args.imputation,
    )
    result = run_uncertainty(
        spec,
        args.data,
        inputs,
        replications=args.replications,
        seed=args.seed,
        progress=ProgressBar("replications"),
    )
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / "rank_intervals.csv"
    result.summary.to_csv(path)
    pairs = indistinguishable_pairs(result.summary)
    print(f"{args.replications} replications; rank intervals written to {path}")
    print(
        f"{len(pairs)} adjacent pairs of units cannot be told apart (5–95% rank intervals overlap)"
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "run":
            _write_run(args)
        else:
            _write_uncertainty(args)
    except CompositeError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0
