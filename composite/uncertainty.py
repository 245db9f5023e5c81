"""Uncertainty analysis: how much do ranks move when the modeller's choices change?

Monte Carlo over any combination of: weights perturbed by a noise factor at chosen levels,
the normalisation method, the aggregation method, the winsorisation limit and the imputation
method (Saisana, Saltelli & Tarantola 2005; COINr ``get_sensitivity(SA_type = "UA")``).
Each replication draws one value of each uncertain input; the output is every unit's nominal
rank and the median, 5th and 95th percentile of its rank and score over the replications.
Replications are evaluated in batches (see ``composite.batch``), not by re-running the pipeline.

Memory does not grow with the number of replications: each batch is reduced to running
statistics and dropped. Ranks are integers, so a units × ranks count matrix gives their
percentiles exactly (numpy's linear interpolation, as ``np.nanpercentile`` on every rank).
Scores are kept as they are while replications × units stays under ``exact_scores_limit``
values (exact percentiles); above it, each unit's scores go into a histogram of
``score_bins`` bins between the smallest and largest normalised value (every weighted mean
lies between them) together with the exact minimum and maximum, and a percentile is read
within its bin: the error is at most one bin width, (max − min)/score_bins.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from composite.batch import (
    AggregationChoice,
    BatchModel,
    RunChoices,
    Variant,
    build_batch_model,
    evaluate_batches,
    noisy_factors,
)
from composite.data import DataSource, IndexData, prepare_data
from composite.errors import SpecError
from composite.pipeline import run_pipeline
from composite.rank import rank_scores
from composite.spec import IndexSpec, NormaliseSpec

Progress = Callable[[int, int], None]
QUANTILES = {"median": 50.0, "q05": 5.0, "q95": 95.0}


@dataclass
class UncertainInputs:
    """The uncertain inputs; an empty list means "keep the spec's own choice".

    An aggregation is one method for every level or a list of one method per level.
    """

    weight_noise: dict[int, float] = field(default_factory=dict)  # level of the weighted nodes
    normalisations: list[NormaliseSpec] = field(default_factory=list)
    aggregations: Sequence[AggregationChoice] = field(default_factory=list)
    winsorise_limits: list[int] = field(default_factory=list)
    imputations: list[str] = field(default_factory=list)

    def resolved(self, spec: IndexSpec) -> UncertainInputs:
        top = len(spec.index.levels)
        for level in self.weight_noise:
            if not 1 <= level < top:
                raise SpecError(f"weight noise: level {level} must be between 1 and {top - 1}")
        return UncertainInputs(
            weight_noise=dict(self.weight_noise),
            normalisations=self.normalisations or [spec.steps.normalise],
            aggregations=list(self.aggregations) or [spec.steps.aggregate.method],
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
    """Per unit: nominal rank and score, and their distribution over the replications.

    ``rank_counts[u, r]`` is how many replications gave unit ``u`` the rank ``r`` (column 0 is
    unused). ``ranks`` and ``scores`` (replications × units) are kept only when asked for with
    ``keep_replications=True``: they are the one part that grows with the replications.
    """

    summary: pd.DataFrame
    ranks: np.ndarray | None
    scores: np.ndarray | None
    units: list[str]
    replications: int
    rank_counts: np.ndarray = field(default_factory=lambda: np.zeros((0, 1), dtype=np.int64))


def prepare_model(
    spec: IndexSpec, source: DataSource, inputs: UncertainInputs
) -> tuple[BatchModel, UncertainInputs, IndexData]:
    data = source if isinstance(source, IndexData) else prepare_data(spec, source)
    resolved = inputs.resolved(spec)
    return build_batch_model(spec, data, resolved.variants()), resolved, data


def level_weight_factors(
    model: BatchModel, inputs: UncertainInputs, count: int, rng: np.random.Generator
) -> list[np.ndarray]:
    """Factors (count × children) of the nominal weights at each aggregation step."""
    factors = []
    for step, (children, _parents, _m) in enumerate(model.levels):
        level = step + 1  # weights of level-l nodes are used when building level l + 1
        noise = inputs.weight_noise.get(level, 0.0)
        if noise:
            factors.append(noisy_factors(noise, count, len(children), rng))
        else:
            factors.append(np.ones((count, len(children))))
    return factors


def linear_percentile(
    order_statistic: Callable[[np.ndarray], np.ndarray], count: np.ndarray, q: float
) -> np.ndarray:
    """numpy's "linear" percentile from the k-th smallest value of each row (k from 0).

    The same arithmetic as ``np.percentile`` (virtual index (n − 1)·q/100, and its two-sided
    interpolation), so that percentiles of integer ranks from counts equal those of the ranks.
    """
    index = (q / 100) * (count - 1)
    below = np.floor(index)
    above = np.minimum(below + 1, np.maximum(count - 1, 0))
    t = index - below
    low = order_statistic(below.astype(np.int64))
    high = order_statistic(above.astype(np.int64))
    with np.errstate(invalid="ignore"):  # a unit never scored: ±inf bounds, NaN result
        difference = high - low
        result = np.where(t >= 0.5, high - difference * (1 - t), low + difference * t)
    return np.where(count > 0, result, np.nan)


class RankCounts:
    """How often each unit took each rank: exact rank percentiles in units × units memory."""

    def __init__(self, units: int) -> None:
        self.counts = np.zeros((units, units + 1), dtype=np.int64)

    def add(self, ranks: np.ndarray) -> None:
        known = ~np.isnan(ranks)
        unit = np.broadcast_to(np.arange(ranks.shape[1]), ranks.shape)[known]
        cells = unit * self.counts.shape[1] + ranks[known].astype(np.int64)
        self.counts += np.bincount(cells, minlength=self.counts.size).reshape(self.counts.shape)

    def percentile(self, q: float) -> np.ndarray:
        cumulative = np.cumsum(self.counts, axis=1)

        def kth(k: np.ndarray) -> np.ndarray:
            return np.argmax(cumulative > k[:, None], axis=1).astype(float)

        return linear_percentile(kth, cumulative[:, -1], q)


class ScoreHistogram:
    """Each unit's scores in fixed bins over known bounds, with the exact minimum and maximum."""

    def __init__(self, units: int, bounds: tuple[float, float], bins: int) -> None:
        low, high = bounds
        self.low, self.width = low, (high - low) / bins if high > low else 1.0
        self.counts = np.zeros((units, bins), dtype=np.int32)  # 4 bytes a cell: 2,000 units, 32 MB
        self.minimum = np.full(units, np.inf)
        self.maximum = np.full(units, -np.inf)

    def add(self, scores: np.ndarray) -> None:
        if not scores.size:
            return
        known = ~np.isnan(scores)
        self.minimum = np.minimum(self.minimum, np.where(known, scores, np.inf).min(axis=0))
        self.maximum = np.maximum(self.maximum, np.where(known, scores, -np.inf).max(axis=0))
        bins = self.counts.shape[1]
        position = np.clip(((scores[known] - self.low) / self.width).astype(np.int64), 0, bins - 1)
        unit = np.broadcast_to(np.arange(scores.shape[1]), scores.shape)[known]
        cells = unit * bins + position
        self.counts += np.bincount(cells, minlength=self.counts.size).reshape(self.counts.shape)

    def percentile(self, q: float) -> np.ndarray:
        cumulative = np.cumsum(self.counts, axis=1)
        rows = np.arange(self.counts.shape[0])

        def kth(k: np.ndarray) -> np.ndarray:
            b = np.argmax(cumulative > k[:, None], axis=1)
            before = cumulative[rows, b] - self.counts[rows, b]
            inside = (k - before + 0.5) / np.maximum(self.counts[rows, b], 1)
            value = self.low + (b + inside) * self.width
            return np.clip(value, self.minimum, self.maximum)

        return linear_percentile(kth, cumulative[:, -1], q)


def run_uncertainty(
    spec: IndexSpec,
    source: DataSource,
    inputs: UncertainInputs,
    *,
    replications: int = 1000,
    seed: int = 0,
    progress: Progress | None = None,
    chunk: int = 1000,
    keep_replications: bool = False,
    exact_scores_limit: int = 4_000_000,
    score_bins: int = 4096,
) -> UncertaintyResult:
    """Monte Carlo uncertainty analysis of the index ranks and scores (reproducible by seed)."""
    if replications < 1:
        raise SpecError("replications must be at least 1")
    model, resolved, data = prepare_model(spec, source, inputs)
    units = len(model.units)
    rng = np.random.default_rng(seed)
    rank_counts = RankCounts(units)
    exact = keep_replications or replications * units <= exact_scores_limit
    stored_scores = np.empty((replications, units)) if exact else None
    stored_ranks = np.empty((replications, units)) if keep_replications else None
    histogram = None if exact else ScoreHistogram(units, model.score_bounds(), score_bins)
    for start in range(0, replications, chunk):
        count = min(chunk, replications - start)
        variant = resolved.variant_index(
            rng.integers(len(resolved.imputations), size=count),
            rng.integers(len(resolved.winsorise_limits), size=count),
            rng.integers(len(resolved.normalisations), size=count),
        )
        aggregation = rng.integers(len(resolved.aggregations), size=count)
        factors = level_weight_factors(model, resolved, count, rng)
        choices = RunChoices(
            variant_of_run=variant,
            aggregation_of_run=aggregation,
            aggregation_methods=resolved.aggregations,
            factors_of_run=factors,
        )
        for runs, scores in evaluate_batches(model, choices):
            ranks = rank_scores(scores)
            rank_counts.add(ranks)
            if stored_scores is not None:
                stored_scores[start + runs] = scores
            if stored_ranks is not None:
                stored_ranks[start + runs] = ranks
            if histogram is not None:
                histogram.add(scores)
        if progress:
            progress(start + count, replications)
    nominal = run_pipeline(spec, data).index_scores
    nominal_scores = nominal.reindex(model.units).to_numpy(dtype=float)
    columns = {
        "nominal_score": nominal_scores,
        "nominal_rank": rank_scores(nominal_scores),
    }
    for name, q in QUANTILES.items():
        columns[f"rank_{name}"] = rank_counts.percentile(q)
    for name, q in QUANTILES.items():
        if stored_scores is not None:
            columns[f"score_{name}"] = (
                np.nanmedian(stored_scores, axis=0)
                if name == "median"
                else np.nanpercentile(stored_scores, q, axis=0)
            )
        elif histogram is not None:
            columns[f"score_{name}"] = histogram.percentile(q)
    summary = pd.DataFrame(columns, index=pd.Index(model.units, name="unit"))
    summary = summary.sort_values("nominal_rank")
    return UncertaintyResult(
        summary,
        stored_ranks,
        stored_scores if keep_replications else None,
        model.units,
        replications,
        rank_counts.counts,
    )


def indistinguishable_pairs(summary: pd.DataFrame) -> list[tuple[str, str]]:
    """Pairs of units, adjacent in the nominal ranking, whose 5–95% rank intervals overlap."""
    ordered = summary.sort_values("nominal_rank")
    units = [str(unit) for unit in ordered.index]
    low = ordered["rank_q05"].to_numpy(dtype=float)
    high = ordered["rank_q95"].to_numpy(dtype=float)
    return [(units[i], units[i + 1]) for i in range(len(units) - 1) if low[i + 1] <= high[i]]
