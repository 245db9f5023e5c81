"""Outlier treatment (COINr ``Treat``, default build).

An indicator "fails" when |skewness| ≥ 2 and kurtosis ≥ 3.5 (COINr ``check_SkewKurt``: it passes
when |skew| < 2 *or* kurt < 3.5). A failing indicator is winsorised one value at a time on the
side of the skew — the maximum (or minimum) values are set to the next value inside — until it
passes or ``winsorise_max`` points are reached; if it still fails, the fallback transformation
(default ``log_ct``: log(x − min + 0.01·(max − min))) is applied to the *original* values.
Skewness and kurtosis are the bias-corrected sample statistics COINr uses (those of Excel's
SKEW and KURT; Joanes & Gill 1998, type G1/G2).
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd

from composite.spec import TreatSpec


def _deviations(values: np.ndarray, least: int) -> tuple[int, np.ndarray, float] | None:
    """Count, deviations from the mean and their sum of squares of the non-missing values; None
    (the moment is NaN) below ``least`` values or when they do not vary."""
    x = values[~np.isnan(values)]
    n = x.size
    if n < least:
        return None
    d = x - x.mean()
    m2 = np.sum(d**2)
    if m2 == 0:
        return None
    return n, d, m2


def skewness(values: np.ndarray) -> float:
    """COINr ``skew``: sqrt(n(n−1))/(n−2) · m3 / m2^{3/2}; NaN below three values."""
    found = _deviations(values, 3)
    if found is None:
        return float("nan")
    n, d, m2 = found
    g1 = np.sqrt(n) * np.sum(d**3) / m2**1.5
    return float(g1 * np.sqrt(n * (n - 1)) / (n - 2))


def kurtosis(values: np.ndarray) -> float:
    """COINr ``kurt`` (excess): ((n+1)(r−3)+6)(n−1)/((n−2)(n−3)), r = n·m4/m2²."""
    found = _deviations(values, 4)
    if found is None:
        return float("nan")
    n, d, m2 = found
    r = n * np.sum(d**4) / m2**2
    return float(((n + 1) * (r - 3) + 6) * (n - 1) / ((n - 2) * (n - 3)))


def passes(values: np.ndarray, skew_threshold: float, kurtosis_threshold: float) -> bool:
    skew, kurt = skewness(values), kurtosis(values)
    if np.isnan(skew) or np.isnan(kurt):
        return True
    return bool(abs(skew) < skew_threshold or kurt < kurtosis_threshold)


def winsorise(values: np.ndarray, spec: TreatSpec) -> tuple[np.ndarray, np.ndarray, int]:
    """Winsorise one extreme at a time; returns values, per-point flags (+1 high, −1 low), count.

    The count follows COINr: the number of points set at the last high and low steps, which
    grows as winsorised points tie with the new extreme.
    """
    x = values.astype(float).copy()
    flags = np.zeros(x.size, dtype=int)
    high: np.ndarray = np.array([], dtype=int)
    low: np.ndarray = np.array([], dtype=int)
    count = 0
    passing = passes(x, spec.skew_threshold, spec.kurtosis_threshold)
    while (not passing or spec.force) and count < spec.winsorise_max:
        if skewness(x) >= 0:
            high = np.flatnonzero(x == np.nanmax(x))
            rest = np.delete(x, high)
            x[high] = np.nanmax(rest)
        else:
            low = np.flatnonzero(x == np.nanmin(x))
            rest = np.delete(x, low)
            x[low] = np.nanmin(rest)
        count = high.size + low.size
        passing = passes(x, spec.skew_threshold, spec.kurtosis_threshold)
    flags[high] = 1
    flags[low] = -1
    return x, flags, count


def log_transform(values: np.ndarray, kind: str) -> np.ndarray:
    """COINr's log transformations that keep every value finite."""
    x = values.astype(float)
    low, high = np.nanmin(x), np.nanmax(x)
    if kind == "log_ct":
        return np.log(x - low + 0.01 * (high - low))
    if kind == "log_ct_orig":
        return np.log(x - low + 1)
    if kind == "log_ct_plus":
        shift = 0.01 * (high - low)
        if skewness(x) > 0:
            return np.log(x - low + shift)
        return -np.log(high + shift - x)
    if kind == "log_gii":
        return np.log((high - 1) * (x - low) / (high - low) + 1)
    raise ValueError(f"unknown transformation {kind!r}")


@dataclass(frozen=True)
class Treatment:
    values: np.ndarray
    winsorised: int
    transformed: str
    skew_before: float
    kurtosis_before: float


def treat_values(values: np.ndarray, spec: TreatSpec) -> Treatment:
    """Treat one indicator (a vector over units)."""
    skew, kurt = skewness(values), kurtosis(values)
    if spec.method == "none":
        return Treatment(values.astype(float), 0, "", skew, kurt)
    if spec.lower_limit is not None or spec.upper_limit is not None:
        clipped = np.clip(values.astype(float), spec.lower_limit, spec.upper_limit)
        changed = int(np.sum(clipped != values))
        return Treatment(clipped, changed, "", skew, kurt)
    if passes(values, spec.skew_threshold, spec.kurtosis_threshold) and not spec.force:
        return Treatment(values.astype(float), 0, "", skew, kurt)
    treated, _flags, count = winsorise(values, spec)
    if passes(treated, spec.skew_threshold, spec.kurtosis_threshold) or spec.fallback == "none":
        return Treatment(treated, count, "", skew, kurt)
    return Treatment(log_transform(values, spec.fallback), 0, spec.fallback, skew, kurt)


def treat_frame(
    indicators: pd.DataFrame, default: TreatSpec, overrides: dict[str, TreatSpec]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Treat every indicator; returns the treated frame and a table of what was done."""
    columns = {}
    rows = []
    for code in indicators.columns:
        spec = overrides.get(code, default)
        result = treat_values(indicators[code].to_numpy(dtype=float), spec)
        columns[code] = result.values
        rows.append(
            {
                "indicator": code,
                "skew": result.skew_before,
                "kurtosis": result.kurtosis_before,
                "winsorised": result.winsorised,
                "transformed": result.transformed,
            }
        )
    treated = pd.DataFrame(columns, index=indicators.index)
    return treated, pd.DataFrame(rows).set_index("indicator")
