"""Batched evaluation of many variants of an index at once (for uncertainty and sensitivity).

Re-running the whole pipeline per Monte-Carlo replication, as COINr does, repeats work that
does not change: the discrete choices (imputation, winsorisation limit, normalisation) have few
distinct values. The normalised indicator matrix is computed once per distinct combination;
each replication then only re-aggregates with its own weights and aggregation method, and the
aggregation of a whole batch of replications is a pair of tensor contractions (numpy einsum over
a replication axis): Σ_c x[u,c]·w[r,c]·M[c,p] / Σ_c known[u,c]·w[r,c]·M[c,p].
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np
import pandas as pd
from pydantic import BaseModel

from composite.data import IndexData
from composite.errors import AggregationError
from composite.pipeline import run_pipeline
from composite.rank import rank_scores
from composite.spec import IndexSpec, NormaliseSpec

ModelT = TypeVar("ModelT", bound=BaseModel)


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
    base_weights: dict[str, float]

    @property
    def index_code(self) -> str:
        return self.spec.index_code


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
    return BatchModel(spec, units, codes, matrices, levels, spec.weights())


def aggregate_batch(
    model: BatchModel, variant: int, weights: list[np.ndarray], method: str
) -> np.ndarray:
    """Index scores (replications × units) for one variant and aggregation method.

    ``weights[k]`` holds the weights (replications × children) used at aggregation step k.
    """
    x = model.normalised[variant]
    if method == "geometric" and np.any(x[~np.isnan(x)] <= 0):
        raise AggregationError(
            "the geometric mean meets a zero or negative normalised value; for geometric "
            "aggregation use a normalisation with a strictly positive range (e.g. min-max [1, 100])"
        )
    replications = weights[0].shape[0]
    values = np.broadcast_to(x, (replications, *x.shape))
    for (_children, _parents, membership), w in zip(model.levels, weights, strict=True):
        known = ~np.isnan(values)
        if method == "geometric":
            filled = np.where(known, np.log(np.where(known, values, 1.0)), 0.0)
        else:
            filled = np.where(known, values, 0.0)
        weighted = w[:, :, None] * membership[None, :, :]  # r × c × p
        numerator = np.einsum("ruc,rcp->rup", filled, weighted, optimize=True)
        denominator = np.einsum("ruc,rcp->rup", known.astype(float), weighted, optimize=True)
        with np.errstate(invalid="ignore", divide="ignore"):
            values = numerator / denominator
        if method == "geometric":
            values = np.exp(values)
    return values[:, :, 0]


def noisy_weights(
    base: np.ndarray, noise: float, count: int, rng: np.random.Generator
) -> np.ndarray:
    """COINr ``get_noisy_weights``: w + U(−1, 1)·noise·w, independently per weight."""
    return base[None, :] * (1 + (rng.random((count, base.size)) * 2 - 1) * noise)


def evaluate(
    model: BatchModel,
    *,
    variant_of_run: np.ndarray,
    aggregation_of_run: np.ndarray,
    aggregation_methods: list[str],
    weights_of_run: list[np.ndarray],
    batch_size: int | None = None,
) -> np.ndarray:
    """Index scores (runs × units) for arbitrary per-run choices, batched by shared choices."""
    runs = variant_of_run.size
    if batch_size is None:
        # Keep each (runs × units × children) tensor near 4 million values (≈32 MB).
        width = max(len(children) for children, _p, _m in model.levels)
        batch_size = max(1, 4_000_000 // (len(model.units) * width))
    scores = np.full((runs, len(model.units)), np.nan)
    keys = variant_of_run * len(aggregation_methods) + aggregation_of_run
    for key in np.unique(keys):
        selected = np.flatnonzero(keys == key)
        variant, aggregation = divmod(int(key), len(aggregation_methods))
        for start in range(0, selected.size, batch_size):
            chunk = selected[start : start + batch_size]
            scores[chunk] = aggregate_batch(
                model,
                variant,
                [w[chunk] for w in weights_of_run],
                aggregation_methods[aggregation],
            )
    return scores


def ranks_of(scores: np.ndarray, batch_size: int = 2000) -> np.ndarray:
    out = np.empty_like(scores)
    for start in range(0, scores.shape[0], batch_size):
        out[start : start + batch_size] = rank_scores(scores[start : start + batch_size])
    return out


def nominal_weight_arrays(model: BatchModel) -> list[np.ndarray]:
    return [
        np.array([model.base_weights[c] for c in children], dtype=float)
        for children, _parents, _m in model.levels
    ]


def as_frame(model: BatchModel, values: np.ndarray) -> pd.DataFrame:
    return pd.DataFrame(values, columns=model.units)
