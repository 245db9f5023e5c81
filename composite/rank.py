"""Ranks of scores: 1 is the highest score; ties share the best rank (COINr ``get_results``:
``rank(-x, ties.method = "min")``); missing scores have no rank."""

import numpy as np
from scipy.stats import rankdata


def rank_scores(scores: np.ndarray) -> np.ndarray:
    """Rank the last axis of ``scores`` (1 = highest), ties by minimum; NaN stays NaN."""
    scores = np.asarray(scores, dtype=float)
    if scores.ndim == 1:
        ranks = np.full(scores.shape, np.nan)
        known = ~np.isnan(scores)
        ranks[known] = rankdata(-scores[known], method="min")
        return ranks
    # Batched (replications × units): rank = 1 + number of units with a strictly higher score.
    filled = np.where(np.isnan(scores), -np.inf, scores)
    higher = (filled[..., None, :] > filled[..., :, None]).sum(axis=-1)
    ranks = (higher + 1).astype(float)
    return np.where(np.isnan(scores), np.nan, ranks)
