"""Aggregation of children into their parent (COINr ``Aggregate`` with ``a_*`` functions).

Weighted arithmetic mean Σwx/Σw over the available children (weights re-normalised when a
value is missing, as COINr's ``a_amean``); weighted geometric mean exp(Σw·ln x/Σw); weighted
harmonic mean Σw/Σ(w/x) (positive values only, like the geometric mean); generalised (power) mean (Σwx^p/Σw)^{1/p}, which is missing when any
child is missing (as COINr's ``a_genmean``). OECD/JRC Handbook (2008), §1.6.
"""

import numpy as np

from composite.errors import AggregationError


def aggregate_values(
    values: np.ndarray,
    weights: np.ndarray,
    method: str,
    *,
    p: float | None = None,
    data_threshold: float | None = None,
    label: str = "",
    unit_labels: list[str] | None = None,
) -> np.ndarray:
    """Aggregate a (units × children) matrix into one value per unit."""
    w = np.asarray(weights, dtype=float)
    if np.any(np.isnan(w)):
        raise AggregationError(f"{label}: weights cannot be missing")
    if np.isclose(w.sum(), 0):
        raise AggregationError(f"{label}: the weights of the children sum to zero")
    x = np.asarray(values, dtype=float)
    known = ~np.isnan(x)
    w_known = np.where(known, w, 0.0)
    w_sum = w_known.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        if method == "arithmetic":
            result = np.where(known, x, 0.0) @ w / w_sum
        elif method == "geometric":
            _refuse_non_positive(x, known, method, label, unit_labels)
            result = np.exp(np.where(known, np.log(np.where(known, x, 1.0)), 0.0) @ w / w_sum)
        elif method == "harmonic":
            # Defined for positive values only: with values of both signs Σ(w/x) can cancel to
            # zero (or to rounding noise), and the "mean" is infinite or meaningless.
            _refuse_non_positive(x, known, method, label, unit_labels)
            result = w_sum / (np.where(known, 1.0 / np.where(known, x, 1.0), 0.0) @ w)
        elif method == "generalised":
            if p is None or p == 0:
                raise AggregationError(
                    f"{label}: the generalised mean needs a non-zero `p` (p = 0 is the "
                    "geometric mean)"
                )
            if p < 0 and np.any(known & (x <= 0)):
                raise AggregationError(
                    f"{label}: the generalised mean with p < 0 meets a zero or negative value"
                )
            result = (np.where(known, x, 0.0) ** p @ w / w.sum()) ** (1 / p)
            result[~known.all(axis=1)] = np.nan
        else:
            raise AggregationError(f"{label}: unknown aggregation {method!r}")
    result = np.where(w_sum > 0, result, np.nan)
    if data_threshold is not None:
        share = known.sum(axis=1) / x.shape[1]
        result = np.where(share < data_threshold, np.nan, result)
    return np.asarray(result, dtype=float)


def _refuse_non_positive(
    x: np.ndarray, known: np.ndarray, method: str, label: str, unit_labels: list[str] | None
) -> None:
    """The geometric and harmonic means are defined for positive values only: name the first
    unit with a known value at or below zero."""
    bad = known & (x <= 0)
    if bad.any():
        row = int(np.argwhere(bad)[0][0])
        unit = unit_labels[row] if unit_labels else str(row)
        raise AggregationError(
            f"{label}: the {method} mean meets a zero or negative value (unit {unit}); "
            "normalise to a strictly positive range (e.g. min-max to [1, 100]) or use "
            "another aggregation"
        )
