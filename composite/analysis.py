"""Statistical checks of a built index: correlations, Cronbach's alpha and PCA per aggregate.

They tell whether the indicators grouped under an aggregate measure something in common
(OECD/JRC Handbook 2008, §1.4 and §6): Pearson correlations within and across levels,
Cronbach's alpha α = k/(k−1)·(1 − Σσ²_i/σ²_total) of each aggregate's children, and the share
of variance explained by each principal component of the children's correlation matrix.
"""

import numpy as np
import pandas as pd

from composite.pipeline import PipelineResult
from composite.weight import principal_components


def level_scores(result: PipelineResult, level: int) -> pd.DataFrame:
    """Scores of every node of a level (1 = normalised indicators)."""
    if level == 1:
        return result.stages["Normalised"]
    return result.stages["Aggregated"][result.spec.aggregates_at(level)]


def correlations(result: PipelineResult, level_a: int, level_b: int) -> pd.DataFrame:
    """Pearson correlations between the nodes of two levels (rows: level_a)."""
    a, b = level_scores(result, level_a), level_scores(result, level_b)
    return pd.concat([a, b], axis=1).corr().loc[a.columns, b.columns]


def cronbach_alpha(frame: pd.DataFrame) -> float:
    """Cronbach's alpha of the columns of ``frame`` (rows with a gap are left out)."""
    data = frame.dropna()
    k = data.shape[1]
    if k < 2 or len(data) < 2:
        return float("nan")
    item_variances = data.var(ddof=1).sum()
    total_variance = data.sum(axis=1).var(ddof=1)
    return float(k / (k - 1) * (1 - item_variances / total_variance))


def _children_frame(result: PipelineResult, parent: str) -> pd.DataFrame:
    children = result.spec.children(parent)
    stage = result.stages["Aggregated"]
    return stage[children]


def cronbach_by_aggregate(result: PipelineResult) -> pd.Series:
    return pd.Series(
        {a.code: cronbach_alpha(_children_frame(result, a.code)) for a in result.spec.aggregates},
        name="cronbach_alpha",
    )


def pca_by_aggregate(result: PipelineResult) -> pd.DataFrame:
    """Per aggregate: variance share of the first component and the children's loadings."""
    rows = []
    for aggregate in result.spec.aggregates:
        data = _children_frame(result, aggregate.code).dropna()
        if data.shape[1] < 2:
            continue
        components = principal_components(data.to_numpy(dtype=float))
        if components is None:  # a constant child: its correlations are undefined
            continue
        values, vectors = components
        first = vectors[:, 0] * np.sign(vectors[:, 0].sum() or 1)
        rows.append(
            {
                "aggregate": aggregate.code,
                "first_component_share": float(values[0] / values.sum()),
                "loadings": dict(zip(data.columns, np.round(first, 6), strict=True)),
            }
        )
    return pd.DataFrame(rows).set_index("aggregate")
