"""Normalisation: bring indicators to a common scale (COINr ``Normalise`` and its ``n_*``).

Values are first multiplied by the indicator's direction (−1 when lower is better), then
normalised column by column. Formulas follow COINr and the OECD/JRC Handbook on Constructing
Composite Indicators (2008), §1.5: min-max (x − min)/(max − min)·(u − l) + l; z-score
(x − mean)/sd·s + m (sample sd); rank and percentile rank (ties by minimum rank); Borda
(rank − 1); distance to the maximum 1 − (max − x)/(max − min); distance to a reference unit
1 − (x_ref − x)/(x_ref − min); distance to a target (x − min)/(target − min); fraction of the
maximum x/max; goalposts (x − lower)/(upper − lower)·scale, truncated to [0, scale], or
(x − upper)/(lower − upper)·scale when lower is better (COINr ``n_goalposts``, ``direction = -1``).
"""

import numpy as np
import pandas as pd

from composite.errors import DataError
from composite.rank import min_ranks
from composite.spec import NormaliseSpec


def normalise_values(
    x: np.ndarray,
    spec: NormaliseSpec,
    *,
    direction: int = 1,
    target: float | None = None,
    reference_index: int | None = None,
    code: str = "",
) -> np.ndarray:
    """Normalise one indicator's values (already numeric) according to ``spec``."""
    x = x.astype(float) * direction
    method = spec.method
    if method in {"none", "categorical"}:
        # Categorical answers were mapped to numbers when the data were read
        # (``composite.data``): the mapped numbers are the normalised values.
        return x
    if method == "minmax":
        low, high = np.nanmin(x), np.nanmax(x)
        lower, upper = spec.range
        with np.errstate(invalid="ignore", divide="ignore"):
            return (x - low) / (high - low) * (upper - lower) + lower
    if method == "zscore":
        return (x - np.nanmean(x)) / np.nanstd(x, ddof=1) * spec.sd + spec.mean
    if method == "scaled":
        lower, upper = float(spec.lower or 0), float(spec.upper or 0)
        if direction == -1:
            lower, upper = -upper, -lower
        return (x - lower) / (upper - lower) * spec.scale_factor
    if method == "rank":
        return min_ranks(x)
    if method == "borda":
        return min_ranks(x) - 1
    if method == "prank":
        return (min_ranks(x) - 1) / (np.sum(~np.isnan(x)) - 1)
    if method == "dist2max":
        low, high = np.nanmin(x), np.nanmax(x)
        return 1 - (high - x) / (high - low)
    if method == "dist2ref":
        if reference_index is None:
            raise DataError(f"indicator {code!r}: the reference unit is not in the data")
        reference = x[reference_index]
        result = 1 - (reference - x) / (reference - np.nanmin(x))
        return np.minimum(result, 1) if spec.cap_max else result
    if method == "dist2targ":
        if target is None:
            raise DataError(f"indicator {code!r}: dist2targ needs the indicator's `target`")
        # x and target are both multiplied by the direction, as COINr does with iMeta targets.
        signed_target = target * direction
        low = np.nanmin(x)
        result = (x - low) / (signed_target - low)
        return np.minimum(result, 1) if spec.cap_max else result
    if method == "fracmax":
        return x / np.nanmax(x)
    if method == "goalposts":
        lower, upper = float(spec.lower or 0), float(spec.upper or 0)
        # The goalposts are given on the indicator's own scale. When lower is better, the
        # upper goalpost scores 0 and the lower one scores 1 (COINr ``n_goalposts(direction
        # = -1)``: (x − upper)/(lower − upper)); ``x`` is already multiplied by −1 here.
        original = x * direction
        if direction == -1:
            result = (original - upper) / (lower - upper)
        else:
            result = (original - lower) / (upper - lower)
        if spec.truncate:
            result = np.clip(result, 0, 1)
        return result * spec.scale
    raise DataError(f"indicator {code!r}: unknown normalisation {method!r}")


def map_categories(values: pd.Series, mapping: dict[str, float], code: str) -> np.ndarray:
    """Map coded expert answers (e.g. yes/partly/no) to numbers; unknown codes are errors."""
    keys = {str(k).strip().lower(): v for k, v in mapping.items()}
    out = np.full(len(values), np.nan)
    for position, (unit, raw) in enumerate(values.items()):
        if pd.isna(raw) or str(raw).strip() == "":
            continue
        key = str(raw).strip().lower()
        if key not in keys:
            raise DataError(
                f"unit {unit!r}, indicator {code!r}: answer {raw!r} is not in the mapping "
                f"({', '.join(mapping)})"
            )
        out[position] = keys[key]
    return out


def normalise_frame(
    indicators: pd.DataFrame,
    default: NormaliseSpec,
    overrides: dict[str, NormaliseSpec],
    directions: dict[str, int],
    targets: dict[str, float | None],
) -> pd.DataFrame:
    """Normalise every indicator with its own or the global method."""
    columns = {}
    units = list(indicators.index)
    for code in indicators.columns:
        spec = overrides.get(code, default)
        reference = None
        if spec.reference_unit is not None and spec.reference_unit in units:
            reference = units.index(spec.reference_unit)
        values = indicators[code].to_numpy(dtype=float)
        columns[code] = normalise_values(
            values,
            spec,
            direction=directions.get(code, 1),
            target=targets.get(code),
            reference_index=reference,
            code=code,
        )
    return pd.DataFrame(columns, index=indicators.index)
