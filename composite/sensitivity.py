"""Variance-based sensitivity analysis: which uncertain choice moves the ranks most?

First-order (S_i) and total (S_Ti) Sobol' indices of an output to each uncertain input, from
Saltelli's design of N·(d + 2) runs (matrices A, B and A with column i from B) and the
estimators of Saltelli et al. (2010), "Variance based sensitivity analysis of model output",
Comput. Phys. Commun. 181: S_i = mean(f(B)·(f(A_B^i) − f(A)))/V and Jansen's
S_Ti = mean((f(A) − f(A_B^i))²)/(2V), as COINr's ``SA_estimate``; confidence intervals by
bootstrap over the N rows. Each input is a uniform number in [0, 1) mapped to one of its
alternatives; noisy weights of a level are drawn once as a bank of alternative weight sets.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from composite.batch import RunChoices, evaluate, noisy_factors, ranks_of
from composite.data import DataSource
from composite.errors import SpecError
from composite.pipeline import run_pipeline
from composite.rank import rank_scores
from composite.spec import IndexSpec
from composite.uncertainty import UncertainInputs, prepare_model

Output = Callable[[np.ndarray, np.ndarray], np.ndarray]


@dataclass
class SensitivityResult:
    indices: pd.DataFrame  # one row per input: Si, STi and their bootstrap intervals
    variance: float
    runs: int


def saltelli_design(n: int, d: int, rng: np.random.Generator) -> np.ndarray:
    """Rows: A (n), B (n), then A_B^i for i = 1 … d (n each) — COINr ``SA_sample`` order."""
    a, b = rng.random((n, d)), rng.random((n, d))
    blocks = [a, b]
    for i in range(d):
        ab = a.copy()
        ab[:, i] = b[:, i]
        blocks.append(ab)
    return np.vstack(blocks)


def sobol_indices(
    y: np.ndarray, n: int, d: int, *, bootstrap: int = 0, rng: np.random.Generator | None = None
) -> tuple[pd.DataFrame, float]:
    """Estimate S_i and S_Ti from outputs ordered as ``saltelli_design``."""
    if y.size != n * (d + 2):
        raise SpecError(f"expected {n * (d + 2)} outputs for N = {n}, d = {d}; got {y.size}")
    y_a, y_b = y[:n], y[n : 2 * n]
    y_ab = y[2 * n :].reshape(d, n)
    variance = float(np.var(np.concatenate([y_a, y_b]), ddof=1))
    first_terms = y_b[None, :] * (y_ab - y_a[None, :])
    total_terms = (y_a[None, :] - y_ab) ** 2
    table = pd.DataFrame(
        {
            "Si": first_terms.mean(axis=1) / variance,
            "STi": total_terms.sum(axis=1) / (2 * n * variance),
        }
    )
    if bootstrap:
        generator = rng or np.random.default_rng(0)
        picks = generator.integers(n, size=(bootstrap, n))
        si_boot = first_terms[:, picks].mean(axis=2) / variance
        sti_boot = total_terms[:, picks].sum(axis=2) / (2 * n * variance)
        table["Si_q05"] = np.percentile(si_boot, 5, axis=1)
        table["Si_q95"] = np.percentile(si_boot, 95, axis=1)
        table["STi_q05"] = np.percentile(sti_boot, 5, axis=1)
        table["STi_q95"] = np.percentile(sti_boot, 95, axis=1)
    return table, variance


def mean_absolute_rank_shift(nominal_ranks: np.ndarray) -> Output:
    """COINr's default output: the mean absolute change of rank against the nominal ranking."""

    def output(scores: np.ndarray, ranks: np.ndarray) -> np.ndarray:
        return np.nanmean(np.abs(ranks - nominal_ranks[None, :]), axis=1)

    return output


def run_sensitivity(
    spec: IndexSpec,
    source: DataSource,
    inputs: UncertainInputs,
    *,
    base_samples: int = 500,
    bootstrap: int = 200,
    seed: int = 0,
    unit: str | None = None,
    target: str = "rank",
    weight_bank: int = 1000,
) -> SensitivityResult:
    """Sobol' indices of one output to each uncertain input.

    The output is the rank (``target="rank"``) or score (``"score"``) of ``unit``, or, with no
    unit, the mean absolute rank shift of all units from the nominal ranking.
    """
    model, resolved, data = prepare_model(spec, source, inputs)
    rng = np.random.default_rng(seed)
    factors: list[tuple[str, int]] = [
        (f"weights (level {level})", weight_bank) for level in sorted(resolved.weight_noise)
    ]
    for name, options in (
        ("imputation", resolved.imputations),
        ("winsorisation limit", resolved.winsorise_limits),
        ("normalisation", resolved.normalisations),
        ("aggregation", resolved.aggregations),
    ):
        if len(options) > 1:
            factors.append((name, len(options)))
    if not factors:
        raise SpecError("sensitivity analysis needs at least one uncertain input")
    d = len(factors)
    design = saltelli_design(base_samples, d, rng)
    choice = {
        name: np.minimum((design[:, i] * k).astype(int), k - 1)
        for i, (name, k) in enumerate(factors)
    }
    runs = design.shape[0]
    zeros = np.zeros(runs, dtype=int)
    variant = resolved.variant_index(
        choice.get("imputation", zeros),
        choice.get("winsorisation limit", zeros),
        choice.get("normalisation", zeros),
    )
    weight_factors = []
    for step, (children, _parents, _m) in enumerate(model.levels):
        level = step + 1
        if level in resolved.weight_noise:
            bank = noisy_factors(resolved.weight_noise[level], weight_bank, len(children), rng)
            weight_factors.append(bank[choice[f"weights (level {level})"]])
        else:
            weight_factors.append(np.ones((runs, len(children))))
    scores = evaluate(
        model,
        RunChoices(
            variant_of_run=variant,
            aggregation_of_run=choice.get("aggregation", zeros),
            aggregation_methods=resolved.aggregations,
            factors_of_run=weight_factors,
        ),
    )
    ranks = ranks_of(scores)
    if unit is not None:
        if unit not in model.units:
            raise SpecError(f"unit {unit!r} is not in the data")
        column = model.units.index(unit)
        y = (ranks if target == "rank" else scores)[:, column]
    else:
        nominal_scores = run_pipeline(spec, data).index_scores.reindex(model.units)
        nominal = rank_scores(nominal_scores.to_numpy(dtype=float))
        y = mean_absolute_rank_shift(nominal)(scores, ranks)
    table, variance = sobol_indices(y, base_samples, d, bootstrap=bootstrap, rng=rng)
    table.insert(0, "input", [name for name, _k in factors])
    return SensitivityResult(table.set_index("input"), variance, runs)
