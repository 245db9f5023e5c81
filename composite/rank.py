"""Ranks of scores: 1 is the highest score; ties share the best rank (COINr ``get_results``:
``rank(-x, ties.method = "min")``); missing scores have no rank.

Written with numpy's sort rather than ``scipy.stats.rankdata``: importing scipy.stats costs
seconds, which the command line and the web workers would pay at start for this one function.
One sort per row also ranks a whole batch of Monte Carlo replications in O(units·log units)
each, where comparing every pair of units would need units² memory per replication.
"""

import numpy as np


def min_ranks(values: np.ndarray) -> np.ndarray:
    """Ascending ranks along the last axis (1 = smallest), ties by minimum; NaN stays NaN.

    The same as R's ``rank(x, ties.method = "min", na.last = "keep")`` on every row.
    """
    x = np.asarray(values, dtype=float)
    missing = np.isnan(x)
    filled = np.where(missing, np.inf, x)  # missing values sort last and get no rank
    order = np.argsort(filled, axis=-1, kind="stable")
    ordered = np.take_along_axis(filled, order, axis=-1)
    positions = np.broadcast_to(np.arange(x.shape[-1]), x.shape)
    starts = np.ones(x.shape, dtype=bool)
    starts[..., 1:] = ordered[..., 1:] != ordered[..., :-1]
    # Each value takes the position of the first value of its group of ties.
    first = np.maximum.accumulate(np.where(starts, positions, 0), axis=-1)
    ranks = np.empty(x.shape)
    np.put_along_axis(ranks, order, first + 1.0, axis=-1)
    ranks[missing] = np.nan
    return ranks


def rank_scores(scores: np.ndarray) -> np.ndarray:
    """Rank the last axis of ``scores`` (1 = highest), ties by minimum; NaN stays NaN."""
    return min_ranks(-np.asarray(scores, dtype=float))
