"""Each method against hand-computed cases, and invariants checked with hypothesis."""

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
import scipy.stats
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from composite.aggregate import aggregate_values
from composite.errors import AggregationError
from composite.impute import impute
from composite.normalise import map_categories, normalise_values
from composite.rank import min_ranks, rank_scores
from composite.screen import screen_units
from composite.spec import NormaliseSpec, TreatSpec
from composite.treat import kurtosis, log_transform, skewness, treat_values

X = np.array([2.0, 4.0, 6.0, 10.0])


@pytest.mark.parametrize(
    ("spec", "direction", "expected"),
    [
        (NormaliseSpec(method="minmax"), 1, [0, 25, 50, 100]),
        (NormaliseSpec(method="minmax", range=(1, 10)), 1, [1, 3.25, 5.5, 10]),
        (NormaliseSpec(method="minmax"), -1, [100, 75, 50, 0]),
        (NormaliseSpec(method="zscore"), 1, (X - 5.5) / np.std(X, ddof=1)),
        (
            NormaliseSpec(method="zscore", mean=100, sd=10),
            1,
            (X - 5.5) / np.std(X, ddof=1) * 10 + 100,
        ),
        (NormaliseSpec(method="rank"), 1, [1, 2, 3, 4]),
        (NormaliseSpec(method="borda"), 1, [0, 1, 2, 3]),
        (NormaliseSpec(method="prank"), 1, [0, 1 / 3, 2 / 3, 1]),
        (NormaliseSpec(method="dist2max"), 1, [0, 0.25, 0.5, 1]),
        (NormaliseSpec(method="fracmax"), 1, [0.2, 0.4, 0.6, 1]),
        (NormaliseSpec(method="scaled", lower=0, upper=20), 1, [10, 20, 30, 50]),
        (NormaliseSpec(method="goalposts", lower=4, upper=8, scale=100), 1, [0, 0, 50, 100]),
        (
            NormaliseSpec(method="goalposts", lower=4, upper=8, truncate=False),
            1,
            [-0.5, 0, 0.5, 1.5],
        ),
    ],
)
def test_normalisation_by_hand(spec: NormaliseSpec, direction: int, expected: list[float]) -> None:
    np.testing.assert_allclose(normalise_values(X, spec, direction=direction), expected)


@pytest.mark.parametrize(
    ("value", "direction", "expected"),
    [
        # COINr's own examples: n_goalposts(1, gposts = c(0, 10, 1)) and direction = -1.
        (1.0, 1, 0.1),
        (1.0, -1, 0.9),
        # When lower is better the lower goalpost scores 1 and the upper one 0.
        (0.0, -1, 1.0),
        (10.0, -1, 0.0),
        (-5.0, -1, 1.0),  # beyond the posts: truncated
        (15.0, -1, 0.0),
    ],
)
def test_goalposts_follow_coinr_in_both_directions(
    value: float, direction: int, expected: float
) -> None:
    spec = NormaliseSpec(method="goalposts", lower=0, upper=10, scale=1)
    result = normalise_values(np.array([value]), spec, direction=direction)
    assert result[0] == pytest.approx(expected)


def test_goalposts_lower_is_better_without_truncation_keeps_the_distance() -> None:
    spec = NormaliseSpec(method="goalposts", lower=4, upper=8, scale=100, truncate=False)
    np.testing.assert_allclose(normalise_values(X, spec, direction=-1), [150, 100, 50, -50])


def test_distance_to_target_and_reference() -> None:
    np.testing.assert_allclose(
        normalise_values(X, NormaliseSpec(method="dist2targ"), target=6), [0, 0.5, 1, 2]
    )
    np.testing.assert_allclose(
        normalise_values(X, NormaliseSpec(method="dist2targ", cap_max=True), target=6),
        [0, 0.5, 1, 1],
    )
    np.testing.assert_allclose(
        normalise_values(
            X, NormaliseSpec(method="dist2ref", reference_unit="c"), reference_index=2
        ),
        [0, 0.5, 1, 2],
    )


def test_rank_ties_take_the_minimum_rank() -> None:
    np.testing.assert_array_equal(
        normalise_values(np.array([3.0, 1.0, 3.0, 2.0]), NormaliseSpec(method="rank")), [3, 1, 3, 2]
    )
    np.testing.assert_array_equal(
        rank_scores(np.array([50, 70, 70, np.nan, 10])), [3, 1, 1, np.nan, 4]
    )


def test_categorical_answers_map_to_numbers_and_unknown_answers_are_named() -> None:
    mapping = {"yes": 1, "partly": 0.5, "no": 0}
    answers = pd.Series(["Yes", "partly", None, "no"], index=["A", "B", "C", "D"])
    np.testing.assert_array_equal(map_categories(answers, mapping, "q1"), [1, 0.5, np.nan, 0])
    with pytest.raises(Exception, match=r"unit 'B', indicator 'q1': answer 'maybe'"):
        map_categories(pd.Series(["yes", "maybe"], index=["A", "B"]), mapping, "q1")


@pytest.mark.parametrize(
    ("method", "expected"),
    [
        ("arithmetic", 3.0),
        ("geometric", np.exp((np.log(1) + 2 * np.log(4)) / 3)),
        ("harmonic", 3 / (1 + 2 / 4)),
    ],
)
def test_aggregation_by_hand(method: str, expected: float) -> None:
    result = aggregate_values(np.array([[1.0, 4.0]]), np.array([1.0, 2.0]), method)
    assert result[0] == pytest.approx(expected)


def test_generalised_mean_with_p_two_is_the_quadratic_mean() -> None:
    result = aggregate_values(np.array([[1.0, 7.0]]), np.array([1.0, 1.0]), "generalised", p=2)
    assert result[0] == pytest.approx(5.0)


def test_arithmetic_mean_skips_gaps_and_renormalises_weights() -> None:
    result = aggregate_values(
        np.array([[np.nan, 4.0, 6.0]]), np.array([5.0, 1.0, 3.0]), "arithmetic"
    )
    assert result[0] == pytest.approx((4 + 18) / 4)


def test_harmonic_mean_on_a_negative_value_is_a_clear_error_naming_the_unit() -> None:
    with pytest.raises(AggregationError, match=r"harmonic mean meets a zero or negative.*unit FRA"):
        aggregate_values(
            np.array([[1.0, 2.0], [-1.0, 3.0]]),
            np.array([1.0, 1.0]),
            "harmonic",
            label="aggregate 'P1'",
            unit_labels=["DEU", "FRA"],
        )


def test_geometric_mean_on_a_zero_is_a_clear_error_naming_the_unit() -> None:
    with pytest.raises(AggregationError, match=r"geometric mean meets a zero.*unit FRA"):
        aggregate_values(
            np.array([[1.0, 2.0], [0.0, 3.0]]),
            np.array([1.0, 1.0]),
            "geometric",
            label="aggregate 'P1'",
            unit_labels=["DEU", "FRA"],
        )


@given(st.lists(st.floats(-10, 10), min_size=2, max_size=6))
def test_weights_that_sum_to_zero_are_rejected(weights: list[float]) -> None:
    adjusted = np.array(weights)
    adjusted[-1] = -adjusted[:-1].sum()
    with pytest.raises(AggregationError, match="sum to zero"):
        aggregate_values(np.ones((3, len(weights))), adjusted, "arithmetic")


@given(
    st.floats(0.1, 1000),
    st.integers(1, 8),
    st.lists(st.floats(0.1, 10), min_size=8, max_size=8),
    st.sampled_from(["arithmetic", "geometric", "harmonic"]),
)
def test_aggregating_equal_values_returns_that_value(
    value: float, children: int, weights: list[float], method: str
) -> None:
    result = aggregate_values(np.full((2, children), value), np.array(weights[:children]), method)
    np.testing.assert_allclose(result, value, rtol=1e-9)


@given(
    arrays(np.float64, st.integers(2, 40), elements=st.floats(-1e6, 1e6)),
    st.tuples(st.floats(-100, 100), st.floats(0.5, 100)),
)
def test_minmax_output_stays_within_its_range(
    values: np.ndarray, bounds: tuple[float, float]
) -> None:
    if np.ptp(values) < 1e-9:
        return
    lower, upper = bounds[0], bounds[0] + bounds[1]
    result = normalise_values(values, NormaliseSpec(method="minmax", range=(lower, upper)))
    tolerance = 1e-9 * max(1.0, abs(lower), abs(upper))
    assert result.min() >= lower - tolerance
    assert result.max() <= upper + tolerance


@given(arrays(np.float64, st.integers(1, 50), elements=st.floats(-1e3, 1e3), unique=True))
def test_ranks_of_distinct_scores_are_a_permutation(scores: np.ndarray) -> None:
    ranks = rank_scores(scores)
    assert sorted(ranks.tolist()) == list(range(1, len(scores) + 1))
    assert ranks[np.argmax(scores)] == 1


@given(arrays(np.float64, st.integers(2, 30), elements=st.floats(-100, 100)))
def test_batched_ranks_equal_one_by_one_ranks(scores: np.ndarray) -> None:
    batch = np.vstack([scores, scores[::-1]])
    np.testing.assert_array_equal(rank_scores(batch)[0], rank_scores(scores))
    np.testing.assert_array_equal(rank_scores(batch)[1], rank_scores(scores[::-1]))


@given(
    arrays(
        np.float64,
        st.tuples(st.integers(1, 4), st.integers(1, 30)),
        elements=st.sampled_from([np.nan, -2.0, 0.0, 1.5, 3.0, 7.0]),
    )
)
def test_min_ranks_equal_scipy_rankdata_with_ties_and_gaps(values: np.ndarray) -> None:
    for row, ranks in zip(values, min_ranks(values), strict=True):
        known = ~np.isnan(row)
        np.testing.assert_array_equal(ranks[known], scipy.stats.rankdata(row[known], method="min"))
        assert np.isnan(ranks[~known]).all()


def test_the_command_line_starts_without_scipy_or_pandas() -> None:
    code = (
        "import sys, composite.cli; "
        "print(sorted(m for m in ('scipy', 'pandas', 'pydantic') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_skewness_and_kurtosis_are_the_bias_corrected_sample_statistics() -> None:
    x = np.array([1.0, 2, 2, 3, 3, 3, 4, 9, 15, 40])
    assert skewness(x) == pytest.approx(scipy.stats.skew(x, bias=False))
    assert kurtosis(x) == pytest.approx(scipy.stats.kurtosis(x, bias=False))


def test_a_failing_indicator_is_winsorised_at_the_high_end() -> None:
    x = np.array([1.0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 200])
    treated = treat_values(x, TreatSpec(method="winsorise", winsorise_max=5))
    assert treated.winsorised == 1
    assert treated.values.max() == 15
    assert treated.transformed == ""


def test_when_winsorising_is_not_enough_the_log_of_the_original_values_is_used() -> None:
    x = np.array([1.0] * 20 + [50, 100, 500, 1000, 5000, 10000, 50000])
    treated = treat_values(x, TreatSpec(method="winsorise", winsorise_max=1))
    assert treated.transformed == "log_ct"
    np.testing.assert_allclose(treated.values, log_transform(x, "log_ct"))


def test_custom_limits_clip_the_values() -> None:
    treated = treat_values(np.array([-5.0, 0, 5, 50]), TreatSpec(lower_limit=0, upper_limit=10))
    np.testing.assert_array_equal(treated.values, [0, 0, 5, 10])


def test_group_mean_imputation_uses_the_units_group() -> None:
    frame = pd.DataFrame({"a": [1.0, np.nan, 3.0, 10.0, np.nan]}, index=list("VWXYZ"))
    groups = pd.Series(["g1", "g1", "g1", "g2", "g2"], index=frame.index)
    np.testing.assert_array_equal(impute(frame, "mean_group", groups)["a"], [1, 2, 3, 10, 10])
    np.testing.assert_array_equal(impute(frame, "median", None)["a"], [1, 3, 3, 10, 3])
    assert impute(frame, "none", None)["a"].isna().sum() == 2


def test_screening_drops_units_below_the_data_threshold() -> None:
    frame = pd.DataFrame(
        {"a": [1.0, np.nan, 0], "b": [1.0, np.nan, 0], "c": [1.0, 2.0, 0]},
        index=["keep", "sparse", "zeros"],
    )
    assert screen_units(frame, by="na", data_threshold=0.5).removed == ["sparse"]
    assert screen_units(frame, by="zeros", nonzero_threshold=0.5).removed == ["zeros"]
    forced = screen_units(frame, by="na", data_threshold=0.5, force_include=["sparse"])
    assert forced.removed == []
