"""Compute an edition from its spec and indicator data: every stage, ranks and rank intervals.

The spec is TOML (``[methods]``, ``[[indicators]]``, ``[[aggregates]]``, see ``docs/index.md``). Each
step is a pure function over a data frame and every stage is returned, so that the pages read stored
results and never recompute. The uncertainty analysis runs all replications at once over a
replication axis (numpy), perturbing weights and the choice of aggregation, as the GDPI's own
validation did with randomly perturbed weighting schemes.
"""

import io
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from vigie.core.errors import DomainError

STAGES = ("Raw", "Denominated", "Imputed", "Screened", "Normalised", "Aggregated")
UNIT_COLUMNS = ("unit_code", "unit_name")


class SpecError(DomainError):
    """The spec is not valid; the message names the path of the bad field."""


class DataError(DomainError):
    """The indicator data do not fit the spec; the message names the unit and the indicator."""


@dataclass(frozen=True)
class Node:
    code: str
    name: str
    parent: str
    weight: float
    direction: int = 1
    denominator: str = ""
    level: int = 1


@dataclass(frozen=True)
class Spec:
    indicators: tuple[Node, ...]
    aggregates: tuple[Node, ...]
    imputation: str = "none"
    group: str = ""
    screen_threshold: float = 0.0
    normalise_range: tuple[float, float] = (0.0, 100.0)
    aggregation: str = "arithmetic"
    denominators: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()

    @property
    def index(self) -> Node:
        return max(self.aggregates, key=lambda node: node.level)

    @property
    def top_level(self) -> list[Node]:
        """The aggregates directly under the index: what readers see as dimensions."""
        return [node for node in self.aggregates if node.parent == self.index.code]

    def children(self, code: str) -> list[Node]:
        return [n for n in (*self.indicators, *self.aggregates) if n.parent == code]


@dataclass
class Computation:
    stages: dict[str, pd.DataFrame]
    ranks: pd.Series
    uncertainty: pd.DataFrame | None = None
    notes: list[str] = field(default_factory=list)


def _node(entry: Any, path: str, level: int) -> Node:
    if not isinstance(entry, dict):
        raise SpecError(f"{path}: expected a table")
    for key in ("code", "parent") if level < 99 else ("code",):
        if not isinstance(entry.get(key), str) or not entry.get(key):
            raise SpecError(f"{path}.{key}: a non-empty text is required")
    weight = entry.get("weight", 1.0)
    if not isinstance(weight, int | float) or weight < 0:
        raise SpecError(f"{path}.weight: {weight!r} is not a non-negative number")
    direction = entry.get("direction", 1)
    if direction not in (1, -1):
        raise SpecError(f"{path}.direction: {direction!r} must be 1 or -1")
    return Node(
        code=entry["code"],
        name=str(entry.get("name", entry["code"])),
        parent=str(entry.get("parent", "")),
        weight=float(weight),
        direction=int(direction),
        denominator=str(entry.get("denominator", "")),
        level=int(entry.get("level", level)),
    )


def load_spec(text: str) -> Spec:
    """Parse and validate a spec; every error names the path of the field at fault."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise SpecError(f"spec: not valid TOML ({error})") from error
    methods = raw.get("methods", {})
    indicators = tuple(
        _node(entry, f"indicators[{i}]", 1) for i, entry in enumerate(raw.get("indicators", []))
    )
    aggregates = tuple(
        _node(entry, f"aggregates[{i}]", 99 if not entry.get("parent") else 2)
        for i, entry in enumerate(raw.get("aggregates", []))
    )
    if not indicators:
        raise SpecError("indicators: at least one indicator is required")
    roots = [node for node in aggregates if not node.parent]
    if len(roots) != 1:
        raise SpecError("aggregates: exactly one aggregate (the index) must have no parent")
    codes = [node.code for node in (*indicators, *aggregates)]
    duplicates = sorted({code for code in codes if codes.count(code) > 1})
    if duplicates:
        raise SpecError(f"codes: {', '.join(duplicates)} used more than once")
    aggregate_codes = {node.code for node in aggregates}
    for _i, node in enumerate((*indicators, *aggregates)):
        if node.parent and node.parent not in aggregate_codes:
            raise SpecError(f"{node.code}.parent: {node.parent!r} is not an aggregate")
    spec_range = methods.get("normalise_range", [0, 100])
    aggregation = methods.get("aggregation", "arithmetic")
    if aggregation not in ("arithmetic", "geometric"):
        raise SpecError(f"methods.aggregation: {aggregation!r} is not arithmetic or geometric")
    imputation = methods.get("imputation", "none")
    if imputation not in ("none", "mean", "group_mean"):
        raise SpecError(f"methods.imputation: {imputation!r} is not none, mean or group_mean")
    spec = Spec(
        indicators=indicators,
        aggregates=aggregates,
        imputation=imputation,
        group=str(methods.get("group", "")),
        screen_threshold=float(methods.get("screen_threshold", 0.0)),
        normalise_range=(float(spec_range[0]), float(spec_range[1])),
        aggregation=aggregation,
        denominators=tuple({n.denominator for n in indicators if n.denominator}),
        groups=tuple(methods.get("groups", [])),
    )
    for node in spec.aggregates:
        if not spec.children(node.code):
            raise SpecError(f"{node.code}: an aggregate needs at least one child")
    return spec


def read_data(spec: Spec, text: str) -> pd.DataFrame:
    """Read the indicator CSV, naming the unit and the indicator of any bad value."""
    frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    missing = [
        column
        for column in (*UNIT_COLUMNS, *(n.code for n in spec.indicators), *spec.denominators)
        if column not in frame.columns
    ]
    if missing:
        raise DataError(f"columns missing: {', '.join(missing)}")
    if frame["unit_code"].duplicated().any():
        unit = frame.loc[frame["unit_code"].duplicated(), "unit_code"].iloc[0]
        raise DataError(f"unit {unit}: appears more than once")
    numeric = pd.DataFrame(index=frame["unit_code"])
    for column in (*(n.code for n in spec.indicators), *spec.denominators):
        values = []
        for unit, value in zip(frame["unit_code"], frame[column], strict=True):
            value = value.strip()
            if value in ("", "NA"):
                values.append(np.nan)
                continue
            try:
                values.append(float(value))
            except ValueError:
                raise DataError(
                    f"unit {unit}, indicator {column}: {value!r} is not a number"
                ) from None
        numeric[column] = values
    numeric.insert(0, "unit_name", list(frame["unit_name"]))
    for column in spec.groups:
        if column in frame.columns:
            numeric[column] = list(frame[column])
    return numeric


def _aggregate(spec: Spec, normalised: pd.DataFrame, method: str) -> pd.DataFrame:
    result = normalised.copy()
    for node in sorted(spec.aggregates, key=lambda n: n.level):
        children = spec.children(node.code)
        values = result[[child.code for child in children]].to_numpy(dtype=float)
        weights = np.array([child.weight for child in children])
        result[node.code] = _weighted(values[None, :, :], weights[None, :], method)[0]
    return result


def _weighted(values: np.ndarray, weights: np.ndarray, method: str) -> np.ndarray:
    """Weighted mean over the last axis of ``values`` [R, units, children], ignoring missing values."""
    present = ~np.isnan(values)
    w = np.where(present, weights[:, None, :], 0.0)
    total = w.sum(axis=2)
    filled = np.where(present, values, 0.0)
    if method == "geometric":
        if np.any(filled[present] <= 0):
            raise DataError(
                "a geometric mean needs positive values; use a normalisation range above 0"
            )
        logs = np.where(present, np.log(np.where(present, values, 1.0)), 0.0)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.exp((w * logs).sum(axis=2) / total)
    with np.errstate(invalid="ignore", divide="ignore"):
        return (w * filled).sum(axis=2) / total


def rank_scores(scores: pd.Series) -> pd.Series:
    """Rank 1 = highest score; ties share the lowest rank (COINr's "min" method)."""
    return scores.rank(ascending=False, method="min", na_option="keep")


def run_pipeline(spec: Spec, data: pd.DataFrame) -> Computation:
    """Run every step and keep every stage."""
    codes = [node.code for node in spec.indicators]
    raw = data[codes].astype(float)
    denominated = raw.copy()
    for node in spec.indicators:
        if node.denominator:
            denominated[node.code] = raw[node.code] / data[node.denominator].astype(float)
    imputed = denominated.copy()
    if spec.imputation == "mean":
        imputed = imputed.fillna(imputed.mean())
    elif spec.imputation == "group_mean":
        if spec.group not in data.columns:
            raise DataError(f"methods.group: column {spec.group!r} is not in the data")
        group_means = imputed.groupby(data[spec.group]).transform("mean")
        imputed = imputed.fillna(group_means)
    coverage = denominated.notna().mean(axis=1)
    screened = imputed[coverage >= spec.screen_threshold]
    low, high = spec.normalise_range
    oriented = screened * np.array([node.direction for node in spec.indicators])
    span = oriented.max() - oriented.min()
    normalised = (oriented - oriented.min()) / span.replace(0, np.nan) * (high - low) + low
    aggregated = _aggregate(spec, normalised, spec.aggregation)
    ranks = rank_scores(aggregated[spec.index.code])
    return Computation(
        stages={
            "Raw": raw,
            "Denominated": denominated,
            "Imputed": imputed,
            "Screened": screened,
            "Normalised": normalised,
            "Aggregated": aggregated,
        },
        ranks=ranks,
    )


def run_uncertainty(
    spec: Spec,
    computation: Computation,
    *,
    replications: int = 500,
    noise: float = 0.25,
    seed: int = 1,
    progress: Callable[[int], None] | None = None,
) -> pd.DataFrame:
    """Monte Carlo over weights (each ×U(1−noise, 1+noise)) and aggregation (arithmetic/geometric).

    Returns per unit: nominal rank, median, 5th and 95th percentile rank, and the same for the score.
    All replications are computed at once along a replication axis, in batches for memory.
    """
    rng = np.random.default_rng(seed)
    normalised = computation.stages["Normalised"]
    units = normalised.index
    low, _high = spec.normalise_range
    shift = 1.0 - low if low <= 0 else 0.0
    ranks_all: list[np.ndarray] = []
    scores_all: list[np.ndarray] = []
    batch = 250
    done = 0
    while done < replications:
        size = min(batch, replications - done)
        geometric = rng.random(size) < 0.5
        values: dict[str, np.ndarray] = {
            code: np.broadcast_to(normalised[code].to_numpy(float), (size, len(units)))
            for code in normalised.columns
        }
        for node in sorted(spec.aggregates, key=lambda n: n.level):
            children = spec.children(node.code)
            stack = np.stack([values[child.code] for child in children], axis=2)
            base = np.array([child.weight for child in children])
            weights = base[None, :] * rng.uniform(1 - noise, 1 + noise, (size, len(children)))
            arithmetic = _weighted(stack, weights, "arithmetic")
            geo = _weighted(stack + shift, weights, "geometric") - shift
            values[node.code] = np.where(geometric[:, None], geo, arithmetic)
        index_scores = values[spec.index.code]
        ranks = pd.DataFrame(index_scores).rank(axis=1, ascending=False, method="min").to_numpy()
        ranks_all.append(ranks)
        scores_all.append(index_scores)
        done += size
        if progress:
            progress(round(100 * done / replications))
    ranks = np.concatenate(ranks_all)
    scores = np.concatenate(scores_all)
    nominal = computation.ranks.reindex(units)
    return pd.DataFrame(
        {
            "nominal_rank": nominal.to_numpy(),
            "rank_median": np.nanmedian(ranks, axis=0),
            "rank_q05": np.nanpercentile(ranks, 5, axis=0),
            "rank_q95": np.nanpercentile(ranks, 95, axis=0),
            "score_median": np.nanmedian(scores, axis=0),
            "score_q05": np.nanpercentile(scores, 5, axis=0),
            "score_q95": np.nanpercentile(scores, 95, axis=0),
        },
        index=units,
    )


def reaggregate(
    scores: dict[str, dict[str, float | None]], weights: dict[str, float], method: str
) -> dict[str, float | None]:
    """Recombine stored top-level scores with new weights: no stage is recomputed."""
    codes = list(weights)
    units = list(scores)
    values = np.array(
        [[np.nan if scores[u].get(c) is None else scores[u][c] for c in codes] for u in units],
        dtype=float,
    )
    w = np.array([weights[c] for c in codes], dtype=float)
    if w.sum() <= 0:
        raise DataError("weights: at least one weight must be above zero")
    shift = 0.0
    if method == "geometric" and np.nanmin(values) <= 0:
        shift = 1.0 - np.nanmin(values)
    combined = _weighted(values[None, :, :] + shift, w[None, :], method)[0] - shift
    return {u: (None if np.isnan(v) else float(v)) for u, v in zip(units, combined, strict=True)}
