"""Treatment, imputation and per-indicator normalisation: what each step reports and fills."""

import warnings

import numpy as np
import pandas as pd
import pytest

from composite import DataError, NormaliseSpec, TreatSpec
from composite.impute import impute
from composite.normalise import normalise_frame, normalise_values
from composite.treat import kurtosis, passes, skewness, treat_frame, treat_values, winsorise

# |skew| ≥ 2 and kurtosis ≥ 3.5: fails COINr's check, and one winsorised point is not enough.
OUTLIERS = np.array([*range(1, 21), 200, 210, 220], dtype=float)
# Fails the check; winsorising its single outlier makes it pass.
ONE_OUTLIER = np.array([1.0, 2, 3, 4, 5, 6, 7, 8, 9, 100])
SYMMETRIC = np.array([1.0, 2, 3, 4, 5])


def _assert_reports_the_original_moments(treated: object, values: np.ndarray) -> None:
    assert treated.skew_before == pytest.approx(skewness(values))  # type: ignore[attr-defined]
    assert treated.kurtosis_before == pytest.approx(kurtosis(values))  # type: ignore[attr-defined]


def test_the_check_is_strict_at_both_thresholds() -> None:
    """COINr passes an indicator when |skew| < threshold or kurtosis < threshold: equal fails."""
    skew, kurt = skewness(OUTLIERS), kurtosis(OUTLIERS)
    assert not passes(OUTLIERS, abs(skew), kurt)
    assert passes(OUTLIERS, abs(skew) + 1e-9, kurt)
    assert passes(OUTLIERS, abs(skew), kurt + 1e-9)


def test_too_few_values_for_a_kurtosis_pass_whatever_the_skew() -> None:
    three = np.array([0.0, 0.0, 1.0])  # skewness 1.73, kurtosis undefined
    assert np.isnan(kurtosis(three)) and skewness(three) > 1
    assert passes(three, 1.0, 3.5)


def test_no_treatment_reports_moments_and_changes_nothing() -> None:
    treated = treat_values(ONE_OUTLIER, TreatSpec(method="none"))
    np.testing.assert_array_equal(treated.values, ONE_OUTLIER)
    assert (treated.winsorised, treated.transformed) == (0, "")
    _assert_reports_the_original_moments(treated, ONE_OUTLIER)


def test_a_passing_indicator_is_left_as_it_is() -> None:
    treated = treat_values(SYMMETRIC, TreatSpec())
    np.testing.assert_array_equal(treated.values, SYMMETRIC)
    assert (treated.winsorised, treated.transformed) == (0, "")
    _assert_reports_the_original_moments(treated, SYMMETRIC)


@pytest.mark.parametrize(
    ("spec", "expected", "changed"),
    [
        (TreatSpec(upper_limit=10), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 1),
        (TreatSpec(lower_limit=3), [3, 3, 3, 4, 5, 6, 7, 8, 9, 100], 2),
        (TreatSpec(lower_limit=2, upper_limit=8), [2, 2, 3, 4, 5, 6, 7, 8, 8, 8], 3),
    ],
)
def test_limits_clip_and_count_the_clipped_values(
    spec: TreatSpec, expected: list[float], changed: int
) -> None:
    treated = treat_values(ONE_OUTLIER, spec)
    np.testing.assert_array_equal(treated.values, expected)
    assert (treated.winsorised, treated.transformed) == (changed, "")
    _assert_reports_the_original_moments(treated, ONE_OUTLIER)


def test_winsorising_reports_its_count_and_the_moments_before() -> None:
    treated = treat_values(ONE_OUTLIER, TreatSpec())
    assert treated.values.max() == 9
    assert (treated.winsorised, treated.transformed) == (1, "")
    _assert_reports_the_original_moments(treated, ONE_OUTLIER)


def test_the_log_fallback_reports_no_winsorised_point() -> None:
    treated = treat_values(OUTLIERS, TreatSpec(winsorise_max=1))
    assert (treated.winsorised, treated.transformed) == (0, "log_ct")
    _assert_reports_the_original_moments(treated, OUTLIERS)


def test_without_fallback_the_winsorised_values_are_kept() -> None:
    treated = treat_values(OUTLIERS, TreatSpec(winsorise_max=1, fallback="none"))
    assert not passes(treated.values, 2.0, 3.5)
    assert (treated.winsorised, treated.transformed) == (1, "")
    np.testing.assert_array_equal(treated.values, [*range(1, 21), 200, 210, 210])


def test_winsorising_flags_the_high_and_the_low_points() -> None:
    high = np.array([1.0, 2, 3, 4, 5, 6, 7, 8, 9, 100])
    _values, flags, count = winsorise(high, TreatSpec())
    assert count == 1 and flags.tolist() == [0] * 9 + [1]
    _values, flags, count = winsorise(-high, TreatSpec())
    assert count == 1 and flags.tolist() == [0] * 9 + [-1]


def test_the_treatment_table_names_each_indicator_and_what_was_done() -> None:
    frame = pd.DataFrame({"a": ONE_OUTLIER, "b": ONE_OUTLIER}, index=list("ABCDEFGHIJ"))
    treated, table = treat_frame(frame, TreatSpec(), {"b": TreatSpec(method="none")})
    assert list(table.columns) == ["skew", "kurtosis", "winsorised", "transformed"]
    assert table.loc["a", "winsorised"] == 1 and table.loc["b", "winsorised"] == 0
    assert table.loc["a", "skew"] == pytest.approx(skewness(ONE_OUTLIER))
    assert table.loc["a", "kurtosis"] == pytest.approx(kurtosis(ONE_OUTLIER))
    assert table.loc["a", "transformed"] == ""
    np.testing.assert_array_equal(treated["b"], ONE_OUTLIER)


GAPS = pd.DataFrame(
    {
        "a": [1.0, 2.0, 9.0, np.nan, 10.0, 30.0, np.nan, 5.0, np.nan],
        "b": [np.nan, 4.0, 8.0, 1.0, 1.0, 7.0, 3.0, np.nan, 5.0],
    },
    index=list("ABCDEFGHI"),
)
REGIONS = pd.Series(["n", "n", "n", "n", "s", "s", "s", "e", "e"], index=GAPS.index)


@pytest.mark.parametrize(
    ("method", "a", "b"),
    [
        ("mean", 57 / 6, 29 / 7),
        ("median", 7.0, 4.0),
    ],
)
def test_overall_imputation_fills_with_the_indicator_statistic(
    method: str, a: float, b: float
) -> None:
    filled = impute(GAPS, method)
    assert filled.loc["D", "a"] == pytest.approx(a)
    assert filled.loc["A", "b"] == pytest.approx(b)
    assert filled.loc["B", "a"] == 2.0


@pytest.mark.parametrize(
    ("method", "expected"),
    [
        ("mean_group", {("D", "a"): 4.0, ("G", "a"): 20.0, ("I", "a"): 5.0, ("A", "b"): 13 / 3}),
        ("median_group", {("D", "a"): 2.0, ("G", "a"): 20.0, ("I", "a"): 5.0, ("A", "b"): 4.0}),
    ],
)
def test_group_imputation_fills_with_the_statistic_of_the_units_group(
    method: str, expected: dict[tuple[str, str], float]
) -> None:
    filled = impute(GAPS, method, REGIONS)
    for (unit, code), value in expected.items():
        assert filled.loc[unit, code] == pytest.approx(value), (unit, code)
    assert filled.loc["H", "b"] == 5.0  # e: only I has a value


def test_a_group_without_any_value_stays_missing_quietly() -> None:
    frame = pd.DataFrame({"a": [1.0, 3.0, np.nan, np.nan]}, index=list("ABCD"))
    groups = pd.Series(["x", "x", "y", "y"], index=frame.index)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        filled = impute(frame, "mean_group", groups)
    assert filled["a"].tolist()[:2] == [1.0, 3.0] and filled["a"].isna().tolist()[2:] == [True] * 2


def test_imputation_errors_name_the_method() -> None:
    with pytest.raises(DataError, match="imputation 'mean_group' needs a group column"):
        impute(GAPS, "mean_group")
    with pytest.raises(DataError, match="unknown imputation method 'mode'"):
        impute(GAPS, "mode")


UNITS = pd.DataFrame({"x": [2.0, 4.0, 10.0], "y": [5.0, 1.0, 3.0]}, index=["P", "Q", "R"])


def test_each_indicator_is_normalised_with_its_own_direction_target_and_reference() -> None:
    reference = NormaliseSpec(method="dist2ref", reference_unit="Q")
    result = normalise_frame(
        UNITS,
        NormaliseSpec(method="dist2targ"),
        {"y": reference},
        directions={"y": -1},
        targets={"x": 6.0},
    )
    np.testing.assert_allclose(result["x"], [0.0, 0.5, 2.0])  # (x − 2)/(6 − 2)
    np.testing.assert_allclose(
        result["y"],
        normalise_values(UNITS["y"].to_numpy(), reference, direction=-1, reference_index=1),
    )
    np.testing.assert_allclose(result["y"], [0.0, 1.0, 0.5])


def test_an_indicator_without_a_direction_counts_higher_as_better() -> None:
    scaled = NormaliseSpec(method="scaled", lower=0, upper=10)
    result = normalise_frame(UNITS, scaled, {}, directions={}, targets={})
    np.testing.assert_allclose(result["x"], [20.0, 40.0, 100.0])


def test_a_reference_unit_missing_from_the_data_is_named_with_its_indicator() -> None:
    spec = NormaliseSpec(method="dist2ref", reference_unit="Z")
    with pytest.raises(DataError, match="indicator 'x': the reference unit is not in the data"):
        normalise_frame(UNITS, spec, {}, directions={}, targets={})
    with pytest.raises(DataError, match="indicator 'x': dist2targ needs"):
        normalise_frame(UNITS, NormaliseSpec(method="dist2targ"), {}, {}, targets={})


WITH_GAP = np.array([2.0, np.nan, 6.0, 10.0])


@pytest.mark.parametrize(
    ("spec", "options", "expected"),
    [
        (NormaliseSpec(), {}, [0, np.nan, 50, 100]),
        (NormaliseSpec(method="zscore"), {}, [-1, np.nan, 0, 1]),
        (NormaliseSpec(method="prank"), {}, [0, np.nan, 0.5, 1]),
        (NormaliseSpec(method="borda"), {}, [0, np.nan, 1, 2]),
        (NormaliseSpec(method="dist2max"), {}, [0, np.nan, 0.5, 1]),
        (NormaliseSpec(method="fracmax"), {}, [0.2, np.nan, 0.6, 1]),
        (
            NormaliseSpec(method="dist2ref", reference_unit="c"),
            {"reference_index": 2},
            [0, np.nan, 1, 2],
        ),
        (
            NormaliseSpec(method="dist2ref", reference_unit="c", cap_max=True),
            {"reference_index": 2},
            [0, np.nan, 1, 1],
        ),
        (NormaliseSpec(method="dist2targ"), {"target": 6.0}, [0, np.nan, 1, 2]),
        (NormaliseSpec(method="goalposts", lower=2, upper=10), {}, [0, np.nan, 0.5, 1]),
    ],
)
def test_a_missing_value_stays_missing_and_the_others_ignore_it(
    spec: NormaliseSpec, options: dict[str, float], expected: list[float]
) -> None:
    np.testing.assert_allclose(normalise_values(WITH_GAP, spec, **options), expected)  # type: ignore[arg-type]


def test_lower_is_better_for_scaled_and_distance_to_target() -> None:
    values = np.array([2.0, 4.0, 6.0, 10.0])
    scaled = NormaliseSpec(method="scaled", lower=0, upper=20)
    np.testing.assert_allclose(normalise_values(values, scaled, direction=-1), [90, 80, 70, 50])
    tenths = NormaliseSpec(method="scaled", lower=0, upper=20, scale_factor=10)
    np.testing.assert_allclose(normalise_values(values, tenths, direction=-1), [9, 8, 7, 5])
    # −x against −target: (−x + 10) / (−3 + 10)
    target = NormaliseSpec(method="dist2targ")
    np.testing.assert_allclose(
        normalise_values(values, target, direction=-1, target=3.0), [8 / 7, 6 / 7, 4 / 7, 0]
    )


def test_four_values_have_a_kurtosis_even_when_their_squares_sum_to_one() -> None:
    """Excel's SKEW and KURT of {0, 1, 0, 1}: 0 and −6 (Σd² = 1 here, not a zero spread)."""
    values = np.array([0.0, 1.0, 0.0, 1.0])
    assert skewness(values) == pytest.approx(0.0)
    assert kurtosis(values) == pytest.approx(-6.0)


@pytest.mark.parametrize(
    ("spec", "direction", "expected"),
    [
        (NormaliseSpec(method="scaled", lower=-10, upper=10), 1, [60, 70, 80, 100]),
        (NormaliseSpec(method="scaled", lower=-20, upper=0), 1, [110, 120, 130, 150]),
        (NormaliseSpec(method="goalposts", lower=-10, upper=0), -1, [0, 0, 0, 0]),
        (
            NormaliseSpec(method="goalposts", lower=-10, upper=0, truncate=False),
            1,
            [1.2, 1.4, 1.6, 2],
        ),
    ],
)
def test_bounds_of_any_sign_are_used_as_given(
    spec: NormaliseSpec, direction: int, expected: list[float]
) -> None:
    values = np.array([2.0, 4.0, 6.0, 10.0])
    np.testing.assert_allclose(normalise_values(values, spec, direction=direction), expected)
