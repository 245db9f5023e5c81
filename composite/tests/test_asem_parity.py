"""Every stage of the default build matches COINr's ASEM reference to 1e-6 (relative)."""

import numpy as np
import pandas as pd
import pytest

from composite import IndexData, IndexSpec, NormaliseSpec, PipelineResult, run_pipeline
from composite.tests.conftest import ASEM

STAGES = {
    "Raw": "raw",
    "Denominated": "denominated",
    "Imputed": "imputed",
    "Screened": "screened",
    "Treated": "treated",
    "Normalised": "normalised",
    "Aggregated": "aggregated",
}


@pytest.fixture(scope="module")
def built(asem_spec: IndexSpec, asem_data: IndexData) -> PipelineResult:
    return run_pipeline(asem_spec, asem_data)


@pytest.mark.parametrize("stage", list(STAGES))
def test_stage_matches_coinr(built: PipelineResult, stage: str) -> None:
    expected = pd.read_csv(ASEM / f"stage_{STAGES[stage]}.csv").set_index("uCode")
    ours = built.stages[stage]
    assert sorted(ours.index) == sorted(expected.index)
    assert sorted(ours.columns) == sorted(expected.columns)
    np.testing.assert_allclose(
        ours.loc[expected.index, expected.columns].to_numpy(dtype=float),
        expected.to_numpy(dtype=float),
        rtol=1e-6,
        atol=1e-9,
    )


def test_every_aggregate_and_the_index_match_coinr(built: PipelineResult) -> None:
    expected = pd.read_csv(ASEM / "stage_aggregated.csv").set_index("uCode")
    for aggregate in built.spec.aggregates:
        np.testing.assert_allclose(
            built.scores.loc[expected.index, aggregate.code], expected[aggregate.code], rtol=1e-6
        )


def test_winsorised_and_log_transformed_indicators_are_reported(built: PipelineResult) -> None:
    treated = built.treatment
    assert (treated["winsorised"] > 0).sum() >= 1
    assert set(treated["transformed"]) <= {"", "log_ct"}


def test_ranks_put_the_highest_index_score_first(built: PipelineResult) -> None:
    table = built.results_table()
    assert table["rank"].iloc[0] == 1
    assert table["score"].is_monotonic_decreasing


def test_goalposts_on_a_lower_is_better_indicator_match_coinr(
    asem_spec: IndexSpec, asem_data: IndexData
) -> None:
    """COINr: Tariff (lower is better) with goalposts [2, 8] gives China (3.54 %) 0.7433."""
    indicators = [
        indicator.model_copy(
            update={"normalise": NormaliseSpec(method="goalposts", lower=2, upper=8)}
        )
        if indicator.code == "Tariff"
        else indicator
        for indicator in asem_spec.indicators
    ]
    spec = asem_spec.model_copy(update={"indicators": indicators})
    normalised = run_pipeline(spec, asem_data).stages["Normalised"]
    assert normalised.loc["CHN", "Tariff"] == pytest.approx((8 - 3.54) / (8 - 2))
    assert normalised.loc["CHN", "Tariff"] == pytest.approx(0.7433, abs=5e-5)
