"""The pipeline: run every step of a spec over the data, keeping every stage.

Each stage is a data frame (units × columns) so that any score can be traced back to the raw
indicators, as COINr keeps every data set in its "coin": Raw → Denominated → Imputed →
Screened → Treated → Normalised → Aggregated (indicators plus every aggregate, up to the index).
"""

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from composite.aggregate import aggregate_values
from composite.data import DataSource, IndexData, prepare_data
from composite.denominate import denominate
from composite.errors import DataError
from composite.impute import impute
from composite.normalise import normalise_frame
from composite.rank import rank_scores
from composite.screen import screen_units
from composite.spec import IndexSpec
from composite.treat import treat_frame
from composite.weight import equal_weights, pca_weights

STAGES = ("Raw", "Denominated", "Imputed", "Screened", "Treated", "Normalised", "Aggregated")


@dataclass
class PipelineResult:
    """Every stage of one build, with the weights used and the ranks of every aggregate."""

    spec: IndexSpec
    stages: dict[str, pd.DataFrame]
    weights: dict[str, float]
    treatment: pd.DataFrame
    screening: pd.DataFrame
    removed_units: list[str]
    names: pd.Series
    groups: pd.DataFrame
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def scores(self) -> pd.DataFrame:
        """Aggregate scores (levels 2 … index), one column per aggregate."""
        codes = [a.code for a in self.spec.aggregates]
        return self.stages["Aggregated"][codes]

    @property
    def index_scores(self) -> pd.Series:
        return self.stages["Aggregated"][self.spec.index_code]

    @property
    def ranks(self) -> pd.DataFrame:
        scores = self.scores
        return pd.DataFrame(
            {code: rank_scores(scores[code].to_numpy()) for code in scores.columns},
            index=scores.index,
        )

    def results_table(self) -> pd.DataFrame:
        """Unit, name, index score and rank, then every aggregate score, best first."""
        table = pd.DataFrame({"name": self.names.reindex(self.scores.index)})
        table["score"] = self.index_scores
        table["rank"] = self.ranks[self.spec.index_code]
        for code in self.scores.columns:
            if code != self.spec.index_code:
                table[code] = self.scores[code]
        return table.sort_values(["rank", "name"])


def aggregate_tree(
    spec: IndexSpec,
    normalised: pd.DataFrame,
    weights: dict[str, float],
) -> pd.DataFrame:
    """Aggregate normalised indicators level by level up to the index."""
    result = normalised.copy()
    units = [str(u) for u in normalised.index]
    step = spec.steps.aggregate
    for level in range(2, len(spec.index.levels) + 1):
        method = spec.aggregation_method(level)
        new_columns = {}
        for parent in spec.aggregates_at(level):
            children = spec.children(parent)
            new_columns[parent] = aggregate_values(
                result[children].to_numpy(dtype=float),
                np.array([weights[c] for c in children]),
                method,
                p=step.p,
                data_threshold=step.data_threshold,
                label=f"aggregate {parent!r}",
                unit_labels=units,
            )
        result = pd.concat([result, pd.DataFrame(new_columns, index=result.index)], axis=1)
    return result


def run_pipeline(spec: IndexSpec, source: DataSource) -> PipelineResult:
    """Build the index: check data, denominate, impute, screen, treat, normalise, aggregate."""
    data = source if isinstance(source, IndexData) else prepare_data(spec, source)
    steps = spec.steps
    raw = data.indicators
    denominated = raw
    if steps.denominate.enabled:
        denominated = denominate(
            raw,
            data.denominators,
            {i.code: i.denominator for i in spec.indicators if i.denominator},
        )
    group = None
    if steps.impute.group:
        if steps.impute.group not in data.groups.columns:
            raise DataError(f"steps.impute.group: column {steps.impute.group!r} is not in the data")
        group = data.groups[steps.impute.group]
    imputed = impute(denominated, steps.impute.method, group)
    screened_result = screen_units(
        imputed,
        by=steps.screen.by,
        data_threshold=steps.screen.data_threshold,
        nonzero_threshold=steps.screen.nonzero_threshold,
        force_include=steps.screen.force_include,
        force_exclude=steps.screen.force_exclude,
    )
    screened = screened_result.kept
    treated, treatment = treat_frame(
        screened, steps.treat, {i.code: i.treat for i in spec.indicators if i.treat}
    )
    normalised = normalise_frame(
        treated,
        steps.normalise,
        {i.code: i.normalise for i in spec.indicators if i.normalise},
        {i.code: i.direction for i in spec.indicators},
        {i.code: i.target for i in spec.indicators},
    )
    weights = spec.weights()
    if steps.weight.method == "equal":
        weights = equal_weights(spec)
    aggregated = aggregate_tree(spec, normalised, weights)
    if steps.weight.method == "pca":
        by_level = {1: normalised}
        for level in range(2, len(spec.index.levels)):
            by_level[level] = aggregated[spec.aggregates_at(level)]
        weights = pca_weights(spec, by_level)
        aggregated = aggregate_tree(spec, normalised, weights)
    return PipelineResult(
        spec=spec,
        stages={
            "Raw": raw,
            "Denominated": denominated,
            "Imputed": imputed,
            "Screened": screened,
            "Treated": treated,
            "Normalised": normalised,
            "Aggregated": aggregated,
        },
        weights=weights,
        treatment=treatment,
        screening=screened_result.summary,
        removed_units=screened_result.removed,
        names=data.names,
        groups=data.groups,
    )


def reaggregate(result: PipelineResult, weights: dict[str, float]) -> pd.DataFrame:
    """Recompute every aggregate with new weights for some nodes (fast: no re-normalisation).

    Used for live reweighting: only the aggregation runs again, over the stored normalised
    indicators. Returns the results table (score and rank of the index, then aggregates).
    """
    merged = {**result.weights, **weights}
    aggregated = aggregate_tree(result.spec, result.stages["Normalised"], merged)
    clone = PipelineResult(
        spec=result.spec,
        stages={**result.stages, "Aggregated": aggregated},
        weights=merged,
        treatment=result.treatment,
        screening=result.screening,
        removed_units=result.removed_units,
        names=result.names,
        groups=result.groups,
    )
    return clone.results_table()
