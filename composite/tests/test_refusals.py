"""What the engine refuses, and the message that says why."""

from typing import Any

import numpy as np
import pandas as pd
import pytest

from composite import AggregationError, DataError, NormaliseSpec, SpecError, parse_spec
from composite.aggregate import aggregate_values
from composite.normalise import normalise_values
from composite.pipeline import run_pipeline
from composite.screen import screen_units
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
