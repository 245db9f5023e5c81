"""Batched evaluation of many variants of an index at once (for uncertainty and sensitivity).

Re-running the whole pipeline per Monte-Carlo replication, as COINr does, repeats work that
does not change: the discrete choices (imputation, winsorisation limit, normalisation) have few
distinct values. The normalised indicator matrix is computed once per distinct combination;
each replication then only re-aggregates with its own weights and aggregation method, and the
aggregation of a whole batch of replications is one matrix product per level over a
replication axis: Σ_c t(x[u,c])·w[r,c]·M[c,p] / Σ_c known[u,c]·w[r,c]·M[c,p], where M says
which parent each child belongs to and t is the transform of the mean (x for the arithmetic
mean, ln x for the geometric, 1/x for the harmonic, x^p for the generalised mean), undone after
the division. The first level reads the same indicator matrix for every replication, so it is
never copied per replication.

Every aggregation the pipeline offers (``composite.aggregate``) is computed here with the same
formula, the same treatment of gaps and ``data_threshold``, the same refusals (a geometric mean
over a value ≤ 0, a harmonic mean over a value ≤ 0), one method per level when the spec gives a list,
and the weights the pipeline used for that variant (given, equal or PCA); anything else is
refused with an ``AggregationError`` rather than computed another way.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np
from pydantic import BaseModel

from composite.data import IndexData
from composite.errors import AggregationError
from composite.pipeline import run_pipeline
from composite.rank import rank_scores
from composite.spec import IndexSpec, NormaliseSpec

ModelT = TypeVar("ModelT", bound=BaseModel)
AggregationChoice = str | Sequence[str]  # one method for every level, or one per level
METHODS = ("arithmetic", "geometric", "harmonic", "generalised")
SIDE_BY_SIDE_FROM = 1_000_000  # units × children × parents from which one wide product pays


@dataclass(frozen=True)
class Variant:
    """One combination of the discrete choices that need a fresh normalised matrix."""

    imputation: str
    winsorise_max: int
    normalisation: NormaliseSpec


@dataclass
class BatchModel:
    """Everything needed to aggregate many replications: matrices, tree and nominal weights."""

    spec: IndexSpec
    units: list[str]
    indicator_codes: list[str]
    normalised: list[np.ndarray]  # one (units × indicators) matrix per variant
    levels: list[tuple[list[str], list[str], np.ndarray]]  # (children, parents, membership)
    variant_weights: list[dict[str, float]]  # the weights the pipeline used, per variant

    @property
    def index_code(self) -> str:
        return self.spec.index_code

    def methods_of(self, choice: AggregationChoice) -> list[str]:
        """One aggregation method per aggregation step, checked."""
        methods = [choice] * len(self.levels) if isinstance(choice, str) else list(choice)
        if len(methods) != len(self.levels):
            raise AggregationError(
                f"aggregation {list(methods)!r}: give one method or one per level "
                f"({len(self.levels)})"
            )
        for method in methods:
            if method not in METHODS:
                raise AggregationError(
                    f"unknown aggregation {method!r} (expected one of {', '.join(METHODS)})"
                )
        return methods

    def score_bounds(self) -> tuple[float, float]:
        """Smallest and largest normalised value of any variant: every weighted mean with
        non-negative weights lies between them, so index scores do too."""
        lows = [np.nanmin(x) for x in self.normalised if np.any(~np.isnan(x))]
        highs = [np.nanmax(x) for x in self.normalised if np.any(~np.isnan(x))]
        if not lows:
            return 0.0, 1.0
        return float(min(lows)), float(max(highs))


def build_variant_spec(spec: IndexSpec, variant: Variant) -> IndexSpec:
    steps = spec.steps
    impute = replace_model(steps.impute, method=variant.imputation)
    treat = replace_model(steps.treat, winsorise_max=variant.winsorise_max)
    new_steps = replace_model(steps, impute=impute, treat=treat, normalise=variant.normalisation)
    return replace_model(spec, steps=new_steps)


def replace_model(model: ModelT, **changes: Any) -> ModelT:
    """A copy of a pydantic model with some fields changed (validated again)."""
    return type(model).model_validate({**model.model_dump(), **changes})


def build_batch_model(spec: IndexSpec, data: IndexData, variants: list[Variant]) -> BatchModel:
    """Run the pipeline once per variant and set up the aggregation tree as matrices."""
    results = [run_pipeline(build_variant_spec(spec, v), data) for v in variants]
    units = sorted({str(u) for r in results for u in r.stages["Normalised"].index})
    codes = spec.indicator_codes
    matrices = [
        r.stages["Normalised"].reindex(index=units, columns=codes).to_numpy(dtype=float)
        for r in results
    ]
    for variant, matrix in zip(variants, matrices, strict=True):
        infinite = np.isinf(matrix)
        if infinite.any():
            # Sums over a dense membership matrix would turn ∞·0 into NaN: refuse instead.
            unit, column = np.argwhere(infinite)[0]
            raise AggregationError(
                f"normalisation {variant.normalisation.method!r} gives an infinite value "
                f"(unit {units[unit]!r}, indicator {codes[column]!r}); the uncertainty "
                "analysis cannot aggregate it: choose another normalisation or reference"
            )
    levels = []
    children_codes = codes
    for level in range(2, len(spec.index.levels) + 1):
        parents = spec.aggregates_at(level)
        membership = np.zeros((len(children_codes), len(parents)))
        position = {code: i for i, code in enumerate(children_codes)}
        for j, parent in enumerate(parents):
            for child in spec.children(parent):
                membership[position[child], j] = 1.0
        levels.append((children_codes, parents, membership))
        children_codes = parents
    return BatchModel(spec, units, codes, matrices, levels, [r.weights for r in results])


def _refuse_invalid(values: np.ndarray, known: np.ndarray, method: str, p: float | None) -> None:
    """The pipeline's refusals (``aggregate_values``), for a whole batch at once."""
    if method == "geometric" and np.any(known & (values <= 0)):
        raise AggregationError(
            "the geometric mean meets a zero or negative normalised value; for geometric "
            "aggregation use a normalisation with a strictly positive range (e.g. min-max [1, 100])"
        )
    if method == "harmonic" and np.any(known & (values <= 0)):
        raise AggregationError(
            "the harmonic mean meets a zero or negative normalised value; for harmonic "
            "aggregation use a normalisation with a strictly positive range (e.g. min-max [1, 100])"
        )
    if method == "generalised":
        if p is None or p == 0:
            raise AggregationError(
                "the generalised mean needs a non-zero `p` (p = 0 is the geometric mean)"
            )
        if p < 0 and np.any(known & (values <= 0)):
            raise AggregationError("the generalised mean with p < 0 meets a zero or negative value")


def _contract(values: np.ndarray, weighted: np.ndarray) -> np.ndarray:
    """Σ_c values[(r,) u, c]·weighted[r, c, p] → (r × u × p).

    The indicators (a 2-D matrix, the same for every replication) are never copied per
    replication. A large matrix goes through one product with all replications side by side
    (c × r·p); a small one (COINr's ASEM: 51 × 49) is multiplied replication by replication,
    because one wide product of small matrices makes BLAS start threads that cost more than
    they save on a busy machine. Higher levels are one small product per replication.
    """
    if values.ndim == 2 and values.size * weighted.shape[2] >= SIDE_BY_SIDE_FROM:
        replications, children, parents = weighted.shape
        side_by_side = weighted.transpose(1, 0, 2).reshape(children, replications * parents)
        product = values @ side_by_side  # u × (r·p)
        return np.ascontiguousarray(
            product.reshape(values.shape[0], replications, parents).transpose(1, 0, 2)
        )
    return np.matmul(values, weighted)


def aggregate_level(
    values: np.ndarray,
    weights: np.ndarray,
    membership: np.ndarray,
    method: str,
    *,
    p: float | None = None,
    data_threshold: float | None = None,
) -> np.ndarray:
    """Aggregate children (units × children, or replications × units × children) into their
    parents for a batch of weights (replications × children): replications × units × parents.
    """
    known = ~np.isnan(values)
    _refuse_invalid(values, known, method, p)
    safe = np.where(known, values, 1.0)
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        if method == "geometric":
            transformed = np.log(safe)
        elif method == "harmonic":
            transformed = 1.0 / safe
        elif method == "generalised":
            transformed = safe ** float(p or 1.0)
        else:
            transformed = safe
        filled = np.where(known, transformed, 0.0)
        weighted = weights[:, :, None] * membership[None, :, :]  # r × c × p
        numerator = _contract(filled, weighted)
        known_weight = _contract(known.astype(float), weighted)
        if method == "generalised":
            # COINr's a_genmean: divided by every child's weight, missing if any child is.
            total = (weights @ membership)[:, None, :]
            missing = (~known).astype(float) @ membership
            result = (numerator / total) ** (1.0 / float(p or 1.0))
            result = np.where(missing > 0, np.nan, result)
        else:
            mean = numerator / known_weight
            if method == "geometric":
                result = np.exp(mean)
            elif method == "harmonic":
                result = 1.0 / mean
            else:
                result = mean
    result = np.where(known_weight > 0, result, np.nan)
    if data_threshold is not None:
        present = known.astype(float) @ membership
        share = present / membership.sum(axis=0)
        result = np.where(share < data_threshold, np.nan, result)
    return result


def aggregate_batch(
    model: BatchModel, variant: int, factors: list[np.ndarray], method: AggregationChoice
) -> np.ndarray:
    """Index scores (replications × units) for one variant and aggregation choice.

    ``factors[k]`` (replications × children) multiplies the variant's nominal weights of the
    children aggregated at step k (1 when the weights are not uncertain).
    """
    methods = model.methods_of(method)
    step = model.spec.steps.aggregate
    base = nominal_weight_arrays(model, variant)
    values = model.normalised[variant]
    for k, (_children, _parents, membership) in enumerate(model.levels):
        values = aggregate_level(
            values,
            factors[k] * base[k][None, :],
            membership,
            methods[k],
            p=step.p,
            data_threshold=step.data_threshold,
        )
    return values[:, :, 0]


def noisy_factors(noise: float, count: int, size: int, rng: np.random.Generator) -> np.ndarray:
    """COINr ``get_noisy_weights`` as factors of the nominal weights: 1 + U(−1, 1)·noise."""
    return 1 + (rng.random((count, size)) * 2 - 1) * noise


def batch_size_for(model: BatchModel) -> int:
    """Replications per batch so that each (replications × units × nodes) array holds about
    4 million values (≈32 MB), whatever the number of replications."""
    width = max(len(parents) for _children, parents, _m in model.levels)
    return max(1, 4_000_000 // (len(model.units) * width))


@dataclass(frozen=True)
class RunChoices:
    """The choices of every run: its variant (index into ``BatchModel.normalised``), its
    aggregation (index into ``aggregation_methods``) and, per level, its weight factors
    (runs × children)."""

    variant_of_run: np.ndarray
    aggregation_of_run: np.ndarray
    aggregation_methods: Sequence[AggregationChoice]
    factors_of_run: list[np.ndarray]


def evaluate_batches(
    model: BatchModel, runs: RunChoices, *, batch_size: int | None = None
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """(runs, index scores of those runs) batch by batch, runs grouped by shared choices."""
    size = batch_size or batch_size_for(model)
    methods = runs.aggregation_methods
    keys = runs.variant_of_run * len(methods) + runs.aggregation_of_run
    for key in np.unique(keys):
        selected = np.flatnonzero(keys == key)
        variant, aggregation = divmod(int(key), len(methods))
        for start in range(0, selected.size, size):
            chunk = selected[start : start + size]
            scores = aggregate_batch(
                model, variant, [f[chunk] for f in runs.factors_of_run], methods[aggregation]
            )
            yield chunk, scores


def evaluate(model: BatchModel, runs: RunChoices, *, batch_size: int | None = None) -> np.ndarray:
    """Index scores (runs × units) for arbitrary per-run choices."""
    scores = np.full((runs.variant_of_run.size, len(model.units)), np.nan)
    for chunk, values in evaluate_batches(model, runs, batch_size=batch_size):
        scores[chunk] = values
    return scores


def ranks_of(scores: np.ndarray) -> np.ndarray:
    """Ranks of every run (runs × units): 1 = highest score, ties by minimum."""
    return rank_scores(scores)


def nominal_weight_arrays(model: BatchModel, variant: int = 0) -> list[np.ndarray]:
    weights = model.variant_weights[variant]
    return [
        np.array([weights[c] for c in children], dtype=float)
        for children, _parents, _m in model.levels
    ]
