"""What the engine refuses, and the message that says why."""

from typing import Any

import numpy as np
import pandas as pd
import pytest

from composite import AggregationError, DataError, NormaliseSpec, SpecError, parse_spec
from composite.aggregate import aggregate_values
from composite.batch import aggregate_level
from composite.normalise import normalise_values
from composite.pipeline import run_pipeline
from composite.screen import data_availability, screen_units
from composite.tests.test_spec import MINIMAL


@pytest.mark.parametrize(
    ("normalise", "message"),
    [
        ({"method": "scaled", "lower": 0}, "method 'scaled' needs `lower` and `upper`"),
        ({"method": "goalposts", "upper": 1}, "method 'goalposts' needs `lower` and `upper`"),
        ({"method": "dist2ref"}, "method 'dist2ref' needs `reference_unit`"),
        ({"method": "categorical"}, "method 'categorical' needs `mapping`"),
        ({"range": [100, 100]}, r"`range` must be \[lower, upper\] with lower < upper"),
    ],
)
def test_a_normalisation_without_its_parameters_is_refused(
    normalise: dict[str, Any], message: str
) -> None:
    with pytest.raises(SpecError, match=message):
        parse_spec({**MINIMAL, "steps": {"normalise": normalise}})
    parse_spec({**MINIMAL, "steps": {"normalise": {"range": [99, 100]}}})


def _aggregates(*changes: dict[str, Any]) -> dict[str, Any]:
    return {**MINIMAL, "aggregates": [*MINIMAL["aggregates"], *changes]}


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (
            {**MINIMAL, "indicators": [*MINIMAL["indicators"], {"code": "D1", "parent": "D2"}]},
            "code 'D1' is used twice",
        ),
        (_aggregates({"code": "X", "level": 4}), "aggregate 'X': level 4 > 3 levels"),
        (
            {
                **MINIMAL,
                "aggregates": [
                    *MINIMAL["aggregates"][:2],
                    {"code": "IDX", "level": 3, "parent": "D1"},
                ],
            },
            "aggregate 'IDX' is the index and has no parent",
        ),
        (
            _aggregates({"code": "D3", "level": 2, "parent": "NOPE"}),
            "aggregate 'D3': parent 'NOPE' is not defined",
        ),
        (
            _aggregates({"code": "D3", "level": 2, "parent": "D1"}),
            r"aggregate 'D3' \(level 2\) has parent 'D1' at level 2; expected level 3",
        ),
        (
            {**MINIMAL, "indicators": [*MINIMAL["indicators"], {"code": "x", "parent": "IDX"}]},
            "indicator 'x': parent 'IDX' is not a level-2 aggregate",
        ),
        (_aggregates({"code": "TOP", "level": 3}), r"exactly one aggregate must be at the top"),
        (
            _aggregates({"code": "D3", "level": 2, "parent": "IDX"}),
            "aggregate 'D3' has no children",
        ),
    ],
)
def test_a_framework_that_is_not_a_tree_is_refused(document: dict[str, Any], message: str) -> None:
    with pytest.raises(SpecError, match=message):
        parse_spec(document)


@pytest.mark.parametrize(
    ("weights", "method", "p", "message"),
    [
        ([1.0, np.nan], "arithmetic", None, "^D: weights cannot be missing$"),
        ([1.0, -1.0], "arithmetic", None, "^D: the weights of the children sum to zero$"),
        ([1.0, 1.0], "generalised", None, r"^D: the generalised mean needs a non-zero `p`"),
        ([1.0, 1.0], "generalised", 0.0, r"^D: the generalised mean needs a non-zero `p`"),
        ([1.0, 1.0], "median", None, "^D: unknown aggregation 'median'$"),
    ],
)
def test_an_aggregation_that_cannot_be_computed_is_refused(
    weights: list[float], method: str, p: float | None, message: str
) -> None:
    values = np.array([[1.0, 2.0], [3.0, 4.0]])
    with pytest.raises(AggregationError, match=message):
        aggregate_values(values, np.array(weights), method, p=p, label="D")


def test_units_forced_in_or_out_of_the_screening_stay_so() -> None:
    frame = pd.DataFrame({"a": [1.0, np.nan, 3.0], "b": [1.0, np.nan, 3.0]}, index=list("XYZ"))
    result = screen_units(frame, by="na", force_include=["Y"], force_exclude=["Z"])
    assert result.removed == ["Z"]
    assert result.summary["included"].tolist() == [True, True, False]
    with pytest.raises(ValueError, match="unknown screening 'all'"):
        screen_units(frame, by="all")


def test_a_group_column_missing_from_the_data_is_named() -> None:
    spec = parse_spec({**MINIMAL, "steps": {"impute": {"method": "mean_group", "group": "region"}}})
    data = pd.DataFrame({"uCode": ["A", "B"], "a": [1, 2], "b": [2, 1], "c": [3, 4]})
    with pytest.raises(
        DataError, match=r"steps\.impute\.group: column 'region' is not in the data"
    ):
        run_pipeline(spec, data)


def test_an_unknown_normalisation_is_named_with_its_indicator() -> None:
    spec = NormaliseSpec.model_construct(method="magic")
    with pytest.raises(DataError, match="indicator 'a': unknown normalisation 'magic'"):
        normalise_values(np.array([1.0, 2.0]), spec, code="a")


GEOMETRIC = (
    "the geometric mean meets a zero or negative normalised value; for geometric aggregation "
    "use a normalisation with a strictly positive range (e.g. min-max [1, 100])"
)
HARMONIC = GEOMETRIC.replace("geometric", "harmonic")


@pytest.mark.parametrize(
    ("values", "method", "p", "message"),
    [
        ([1.0, 0.0], "geometric", None, GEOMETRIC),
        ([1.0, 0.0], "harmonic", None, HARMONIC),
        (
            [1.0, 2.0],
            "generalised",
            0.0,
            "the generalised mean needs a non-zero `p` (p = 0 is the geometric mean)",
        ),
        (
            [1.0, 0.0],
            "generalised",
            -1.0,
            "the generalised mean with p < 0 meets a zero or negative value",
        ),
    ],
)
def test_the_batch_refuses_with_the_whole_explanation(
    values: list[float], method: str, p: float | None, message: str
) -> None:
    with pytest.raises(AggregationError) as refused:
        aggregate_level(np.array([values]), np.ones((1, 2)), np.ones((2, 1)), method, p=p)
    assert str(refused.value) == message


def test_a_positive_p_below_1_takes_a_zero_like_the_pipeline() -> None:
    values = np.array([[4.0, 0.0], [1.0, 9.0]])
    batch = aggregate_level(values, np.ones((1, 2)), np.ones((2, 1)), "generalised", p=0.5)
    expected = aggregate_values(values, np.ones(2), "generalised", p=0.5)
    np.testing.assert_allclose(batch[0, :, 0], expected)
    np.testing.assert_allclose(expected, [1.0, 4.0])  # ((√4 + √0)/2)², ((√1 + √9)/2)²


def test_data_availability_counts_gaps_and_zeros_per_unit() -> None:
    frame = pd.DataFrame(
        {"a": [1.0, np.nan, 0.0], "b": [0.0, np.nan, 0.0], "c": [2.0, 3.0, 0.0], "d": 1.0},
        index=list("XYZ"),
    )
    summary = data_availability(frame)
    assert summary["n_missing"].tolist() == [0, 2, 0]
    assert summary["n_zero"].tolist() == [1, 0, 3]
    np.testing.assert_allclose(summary["data_available"], [1.0, 0.5, 1.0])
    np.testing.assert_allclose(summary["non_zero"], [0.75, 1.0, 0.25])


def test_screening_keeps_a_unit_exactly_at_either_threshold() -> None:
    """COINr ``Screen``: a unit is removed when its share is *below* the threshold."""
    frame = pd.DataFrame(
        [[1.0, 1, 1, 1], [np.nan, 2, 3, np.nan], [0.0, 0, 0, 0], [1.0, 0, 0, 0]],
        index=list("WXYZ"),
        columns=list("abcd"),
    )
    assert screen_units(frame, by="na", data_threshold=0.5).removed == []
    assert screen_units(frame, by="zeros", nonzero_threshold=0.25).removed == ["Y"]
    assert screen_units(frame, by="na_and_zeros", data_threshold=0.6).removed == ["X", "Y"]
    # The default share of non-zero values is 5 %: only a unit with no non-zero value goes.
    assert screen_units(frame, by="zeros").removed == ["Y"]


def test_the_spec_steps_reach_the_pipeline() -> None:
    rows = [("W", 1.0, 1.0, 1.0, 10.0), ("X", 2.0, 2.0, 2.0, 20.0)]
    rows += [("Y", 0.0, 0.0, 0.0, 30.0), ("Z", 4.0, 0.0, 0.0, 40.0)]
    table = pd.DataFrame(rows, columns=["uCode", "a", "b", "c", "gdp"])
    indicators = [{**MINIMAL["indicators"][0], "denominator": "gdp"}, *MINIMAL["indicators"][1:]]
    screen = {"by": "zeros", "nonzero_threshold": 0.5, "force_include": ["Y"]}
    spec = parse_spec(
        {
            **MINIMAL,
            "indicators": indicators,
            "steps": {"denominate": {"enabled": False}, "screen": screen},
        }
    )
    result = run_pipeline(spec, table)
    assert result.removed_units == ["Z"]  # Y is forced in; Z has 1 non-zero value in 3
    np.testing.assert_array_equal(result.stages["Denominated"]["a"], [1.0, 2.0, 0.0, 4.0])
    excluded = {**screen, "force_include": [], "force_exclude": ["W"]}
    spec = parse_spec({**MINIMAL, "steps": {"screen": excluded}})
    assert run_pipeline(spec, table).removed_units == ["W", "Y", "Z"]


def test_equal_weights_replace_the_given_ones() -> None:
    weighted = [{**i, "weight": 3.0} for i in MINIMAL["indicators"]]
    spec = parse_spec({**MINIMAL, "indicators": weighted, "steps": {"weight": {"method": "equal"}}})
    table = pd.DataFrame({"uCode": ["A", "B"], "a": [1, 2], "b": [2, 1], "c": [3, 4]})
    assert set(run_pipeline(spec, table).weights.values()) == {1.0}


@pytest.mark.parametrize("method", ["geometric", "harmonic"])
def test_the_pipeline_refuses_a_mean_over_zero_with_the_whole_explanation(method: str) -> None:
    values = np.array([[1.0, 2.0], [0.0, 2.0]])
    with pytest.raises(AggregationError) as refused:
        aggregate_values(values, np.ones(2), method, label="D", unit_labels=["A", "B"])
    assert str(refused.value) == (
        f"D: the {method} mean meets a zero or negative value (unit B); normalise to a "
        "strictly positive range (e.g. min-max to [1, 100]) or use another aggregation"
    )
