"""Imputation of missing values (COINr ``Impute`` with ``i_mean``, ``i_median``, ``i_*_grp``).

Each missing value becomes the indicator's mean or median over all units, or over the units of
the same group (e.g. the same region). "none" leaves gaps, and aggregation then averages the
available values only (re-normalising the weights), as COINr's ``a_amean`` does.
"""

import warnings

import numpy as np
import pandas as pd

from composite.errors import DataError


def impute(indicators: pd.DataFrame, method: str, groups: pd.Series | None = None) -> pd.DataFrame:
    """Return a copy of ``indicators`` with gaps filled by ``method``.

    Units whose group is missing are left as they are (COINr ``skip_f_na = TRUE``); a group in
    which an indicator has no value at all stays missing for that indicator.
    """
    if method == "none":
        return indicators.copy()
    if method in {"mean", "median"}:
        fill = indicators.mean() if method == "mean" else indicators.median()
        return indicators.fillna(fill)
    if method in {"mean_group", "median_group"}:
        if groups is None:
            raise DataError(f"imputation {method!r} needs a group column")
        statistic = np.nanmean if method == "mean_group" else np.nanmedian
        values = indicators.to_numpy(dtype=float, copy=True)
        labels = groups.to_numpy()
        known = groups.notna().to_numpy()
        for label in pd.unique(labels[known]):
            rows = known & (labels == label)
            block = values[rows]
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)  # a group with no value stays NaN
                fill = statistic(block, axis=0)
            values[rows] = np.where(np.isnan(block), fill, block)
        return pd.DataFrame(values, index=indicators.index, columns=indicators.columns)
    raise DataError(f"unknown imputation method {method!r}")
