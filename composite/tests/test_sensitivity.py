"""Sensitivity analysis on a small index: its defaults, its factors and its output."""

import numpy as np
import pandas as pd
import pytest

from composite import SpecError, UncertainInputs, parse_spec, run_sensitivity
from composite.tests.test_spec import MINIMAL

SPEC = parse_spec({**MINIMAL, "steps": {"normalise": {"method": "minmax", "range": [1, 100]}}})
DATA = pd.DataFrame(
    {
        "uCode": ["A", "B", "C", "D", "E", "F"],
        "a": [1.0, 6.0, 2.0, 5.0, 3.0, 4.0],
        "b": [1.0, 6.0, 2.0, 5.0, 3.0, 4.0],  # b counts inversely: D1 is the same for all
        "c": [60.0, 10.0, 50.0, 20.0, 40.0, 30.0],
    }
)
INPUTS = UncertainInputs(weight_noise={1: 0.5}, aggregations=["arithmetic", "geometric"])


def test_the_defaults_are_500_base_samples_200_bootstraps_seed_0_and_1000_weight_draws() -> None:
    default = run_sensitivity(SPEC, DATA, INPUTS)
    explicit = run_sensitivity(
        SPEC, DATA, INPUTS, base_samples=500, bootstrap=200, seed=0, weight_bank=1000
    )
    assert default.runs == 500 * (2 + 2)
    pd.testing.assert_frame_equal(default.indices, explicit.indices)
    assert default.variance == explicit.variance


def test_every_uncertain_input_is_a_factor_and_a_single_option_is_not() -> None:
    inputs = UncertainInputs(
        weight_noise={1: 0.2, 2: 0.2},
        imputations=["none", "mean"],
        winsorise_limits=[5],
        aggregations=["arithmetic", "geometric"],
    )
    result = run_sensitivity(SPEC, DATA, inputs, base_samples=16, bootstrap=5)
    assert list(result.indices.index) == [
        "weights (level 1)",
        "weights (level 2)",
        "imputation",
        "aggregation",
    ]
    assert result.runs == 16 * (4 + 2)


def test_a_units_rank_and_score_are_different_outputs() -> None:
    rank = run_sensitivity(SPEC, DATA, INPUTS, base_samples=32, bootstrap=5, unit="A")
    score = run_sensitivity(
        SPEC, DATA, INPUTS, base_samples=32, bootstrap=5, unit="A", target="score"
    )
    overall = run_sensitivity(SPEC, DATA, INPUTS, base_samples=32, bootstrap=5)
    variances = {rank.variance, score.variance, overall.variance}
    assert len(variances) == 3 and all(np.isfinite(v) for v in variances)


def test_an_unknown_unit_is_named() -> None:
    with pytest.raises(SpecError, match=r"^unit 'Z' is not in the data$"):
        run_sensitivity(SPEC, DATA, INPUTS, base_samples=4, unit="Z")
