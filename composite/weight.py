"""Weights of each child within its parent: given in the spec, equal, or derived from PCA.

PCA weights follow the OECD/JRC Handbook (2008), §1.4 / §6.1: within each aggregate, the
children's absolute loadings on the first principal component of their correlation matrix,
squared and rescaled to sum to one, so that children explaining more common variance weigh more.
"""

import numpy as np
import pandas as pd

from composite.spec import IndexSpec


def principal_components(data: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """Eigenvalues (largest first) and eigenvectors (columns, same order) of the correlation
    matrix of the columns of ``data``; None when a correlation is undefined (a constant column).

    The one PCA of the engine: PCA weights and the analysis of each aggregate both use it.
    """
    with np.errstate(invalid="ignore", divide="ignore"):  # a constant column: NaN, see below
        corr = np.corrcoef(data, rowvar=False)
    if not np.all(np.isfinite(corr)):
        return None
    values, vectors = np.linalg.eigh(corr)  # ascending order
    return values[::-1], vectors[:, ::-1]


def equal_weights(spec: IndexSpec) -> dict[str, float]:
    return dict.fromkeys(spec.weights(), 1.0)


def pca_weights(spec: IndexSpec, levels: dict[int, pd.DataFrame]) -> dict[str, float]:
    """First-component weights per aggregate; ``levels[l]`` holds the scores of level ``l``."""
    weights = spec.weights()
    for level in range(2, len(spec.index.levels) + 1):
        frame = levels[level - 1]
        for parent in spec.aggregates_at(level):
            children = spec.children(parent)
            if len(children) < 2:
                continue
            components = principal_components(frame[children].dropna().to_numpy(dtype=float))
            if components is None:
                continue
            loadings = components[1][:, 0] ** 2
            for child, value in zip(children, loadings / loadings.sum(), strict=True):
                weights[child] = float(value)
    return weights
