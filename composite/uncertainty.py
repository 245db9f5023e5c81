"""Uncertainty analysis: how much do ranks move when the modeller's choices change?

Monte Carlo over any combination of: weights perturbed by a noise factor at chosen levels,
the normalisation method, the aggregation method, the winsorisation limit and the imputation
method (Saisana, Saltelli & Tarantola 2005; COINr ``get_sensitivity(SA_type = "UA")``).
Each replication draws one value of each uncertain input; the output is every unit's nominal
rank and the median, 5th and 95th percentile of its rank and score over the replications.
Replications are evaluated in batches (see ``composite.batch``), not by re-running the pipeline.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from composite.batch import (
    BatchModel,
    Variant,
    build_batch_model,
    evaluate,
    noisy_weights,
    nominal_weight_arrays,
    ranks_of,
)
from composite.data import IndexData, prepare_data
from composite.errors import SpecError
from composite.pipeline import run_pipeline
from composite.rank import rank_scores
from composite.spec import IndexSpec, NormaliseSpec

Progress = Callable[[int, int], None]


@dataclass
class UncertainInputs:
    """The uncertain inputs; an empty list means "keep the spec's own choice"."""

    weight_noise: dict[int, float] = field(default_factory=dict)  # level of the weighted nodes
    normalisations: list[NormaliseSpec] = field(default_factory=list)
    aggregations: list[str] = field(default_factory=list)
    winsorise_limits: list[int] = field(default_factory=list)
    imputations: list[str] = field(default_factory=list)

    def resolved(self, spec: IndexSpec) -> UncertainInputs:
        top = len(spec.index.levels)
        for level in self.weight_noise:
            if not 1 <= level < top:
                raise SpecError(f"weight noise: level {level} must be between 1 and {top - 1}")
        aggregation = spec.steps.aggregate.method
        return UncertainInputs(
            weight_noise=dict(self.weight_noise),
            normalisations=self.normalisations or [spec.steps.normalise],
            aggregations=self.aggregations
            or [aggregation if isinstance(aggregation, str) else aggregation[0]],
            winsorise_limits=self.winsorise_limits or [spec.steps.treat.winsorise_max],
            imputations=self.imputations or [spec.steps.impute.method],
        )

    def variants(self) -> list[Variant]:
        return [
            Variant(imputation, limit, normalisation)
            for imputation in self.imputations
            for limit in self.winsorise_limits
            for normalisation in self.normalisations
        ]

    def variant_index(
        self, imputation: np.ndarray, limit: np.ndarray, norm: np.ndarray
    ) -> np.ndarray:
        n_l, n_n = len(self.winsorise_limits), len(self.normalisations)
        return (imputation * n_l + limit) * n_n + norm


@dataclass
class UncertaintyResult:
    """Per unit: nominal rank and score, and their distribution over the replications."""

    summary: pd.DataFrame
    ranks: np.ndarray
    scores: np.ndarray
    units: list[str]
    replications: int


def prepare_model(
    spec: IndexSpec, source: str | Path | pd.DataFrame | IndexData, inputs: UncertainInputs
) -> tuple[BatchModel, UncertainInputs]:
    data = source if isinstance(source, IndexData) else prepare_data(spec, source)
    resolved = inputs.resolved(spec)
    return build_batch_model(spec, data, resolved.variants()), resolved


def level_weight_sets(
    model: BatchModel, inputs: UncertainInputs, count: int, rng: np.random.Generator
) -> list[np.ndarray]:
    """Weights (count × children) for each aggregation step, noisy where asked."""
    arrays = []
    for step, base in enumerate(nominal_weight_arrays(model)):
        level = step + 1  # weights of level-l nodes are used when building level l + 1
        noise = inputs.weight_noise.get(level, 0.0)
        if noise:
            arrays.append(noisy_weights(base, noise, count, rng))
        else:
            arrays.append(np.broadcast_to(base, (count, base.size)).copy())
    return arrays


def run_uncertainty(
    spec: IndexSpec,
    source: str | Path | pd.DataFrame | IndexData,
    inputs: UncertainInputs,
    *,
    replications: int = 1000,
    seed: int = 0,
    progress: Progress | None = None,
    chunk: int = 1000,
) -> UncertaintyResult:
    """Monte Carlo uncertainty analysis of the index ranks and scores (reproducible by seed)."""
    if replications < 1:
        raise SpecError("replications must be at least 1")
    model, resolved = prepare_model(spec, source, inputs)
    rng = np.random.default_rng(seed)
    scores = np.empty((replications, len(model.units)))
    for start in range(0, replications, chunk):
        count = min(chunk, replications - start)
        variant = resolved.variant_index(
            rng.integers(len(resolved.imputations), size=count),
            rng.integers(len(resolved.winsorise_limits), size=count),
            rng.integers(len(resolved.normalisations), size=count),
        )
        aggregation = rng.integers(len(resolved.aggregations), size=count)
        weights = level_weight_sets(model, resolved, count, rng)
        scores[start : start + count] = evaluate(
            model,
            variant_of_run=variant,
            aggregation_of_run=aggregation,
            aggregation_methods=resolved.aggregations,
            weights_of_run=weights,
        )
        if progress:
            progress(start + count, replications)
    ranks = ranks_of(scores)
    nominal = _nominal_scores(spec, source)
    nominal_scores = nominal.reindex(model.units).to_numpy(dtype=float)
    summary = pd.DataFrame(
        {
            "nominal_score": nominal_scores,
            "nominal_rank": rank_scores(nominal_scores),
            "rank_median": np.nanmedian(ranks, axis=0),
            "rank_q05": np.nanpercentile(ranks, 5, axis=0),
            "rank_q95": np.nanpercentile(ranks, 95, axis=0),
            "score_median": np.nanmedian(scores, axis=0),
            "score_q05": np.nanpercentile(scores, 5, axis=0),
            "score_q95": np.nanpercentile(scores, 95, axis=0),
        },
        index=pd.Index(model.units, name="unit"),
    ).sort_values("nominal_rank")
    return UncertaintyResult(summary, ranks, scores, model.units, replications)


def _nominal_scores(spec: IndexSpec, source: str | Path | pd.DataFrame | IndexData) -> pd.Series:
    return run_pipeline(spec, source).index_scores


def indistinguishable_pairs(summary: pd.DataFrame) -> list[tuple[str, str]]:
    """Pairs of units, adjacent in the nominal ranking, whose 5–95% rank intervals overlap."""
    ordered = summary.sort_values("nominal_rank")
    units = [str(unit) for unit in ordered.index]
    low = ordered["rank_q05"].to_numpy(dtype=float)
    high = ordered["rank_q95"].to_numpy(dtype=float)
    return [(units[i], units[i + 1]) for i in range(len(units) - 1) if low[i + 1] <= high[i]]
