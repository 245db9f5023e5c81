"""Screening of units by data availability (COINr ``Screen``).

A unit with too little data cannot be scored fairly: ``na`` drops units whose share of
available indicator values is below ``data_threshold``; ``zeros`` drops units whose share of
non-zero values (among available ones) is below ``nonzero_threshold``.
"""

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class ScreenResult:
    kept: pd.DataFrame
    summary: pd.DataFrame
    removed: list[str]


def data_availability(indicators: pd.DataFrame) -> pd.DataFrame:
    """Per unit: missing and zero counts, share available and share non-zero."""
    n_columns = indicators.shape[1]
    missing = indicators.isna().sum(axis=1)
    zeros = (indicators == 0).sum(axis=1)
    return pd.DataFrame(
        {
            "n_missing": missing,
            "n_zero": zeros,
            "data_available": 1 - missing / n_columns,
            "non_zero": 1 - zeros / (n_columns - missing),
        }
    )


def screen_units(
    indicators: pd.DataFrame,
    *,
    by: str,
    data_threshold: float = 2 / 3,
    nonzero_threshold: float = 0.05,
    force_include: list[str] | None = None,
    force_exclude: list[str] | None = None,
) -> ScreenResult:
    summary = data_availability(indicators)
    low_data = summary["data_available"] < data_threshold
    low_nonzero = summary["non_zero"] < nonzero_threshold
    if by == "none":
        included = pd.Series(True, index=indicators.index)
    elif by == "na":
        included = ~low_data
    elif by == "zeros":
        included = ~low_nonzero
    elif by == "na_and_zeros":
        included = ~(low_data | low_nonzero)
    else:
        raise ValueError(f"unknown screening {by!r}")
    for unit in force_include or []:
        included[unit] = True
    for unit in force_exclude or []:
        included[unit] = False
    summary["included"] = included
    removed = [str(unit) for unit in indicators.index[~included]]
    return ScreenResult(indicators[included], summary, removed)
