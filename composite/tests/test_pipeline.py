import numpy as np
import pandas as pd
import pytest

from composite import DataError, parse_spec, reaggregate, run_pipeline
from composite.tests.test_spec import MINIMAL

DATA = pd.DataFrame(
    {
        "uCode": ["A", "B", "C", "D"],
        "a": ["1", "2", "3", "4"],
        "b": ["4", "3", "2", "1"],
        "c": ["10", "30", "20", "40"],
    }
)


def test_a_small_index_by_hand() -> None:
    result = run_pipeline(parse_spec(MINIMAL), DATA)
    # a and b (b reversed) are identical after normalisation: 0, 33.3, 66.7, 100.
    np.testing.assert_allclose(result.scores["D1"], [0, 100 / 3, 200 / 3, 100])
    np.testing.assert_allclose(result.scores["D2"], [0, 200 / 3, 100 / 3, 100])
    np.testing.assert_allclose(result.index_scores, [0, 50, 50, 100])
    assert result.ranks["IDX"].tolist() == [4, 2, 2, 1]


def test_reweighting_changes_the_index_but_not_the_normalised_data() -> None:
    result = run_pipeline(parse_spec(MINIMAL), DATA)
    table = reaggregate(result, {"D1": 3.0, "D2": 1.0})
    assert table.loc["C", "score"] == pytest.approx(0.75 * 200 / 3 + 0.25 * 100 / 3)
    assert table.loc["C", "rank"] == 2 and table.loc["B", "rank"] == 3


def test_duplicated_units_are_named() -> None:
    with pytest.raises(DataError, match="unit 'A' appears more than once"):
        run_pipeline(parse_spec(MINIMAL), pd.concat([DATA, DATA.iloc[[0]]]))


def test_a_non_number_names_the_unit_and_the_indicator() -> None:
    bad = DATA.copy()
    bad.loc[2, "c"] = "n/a"
    with pytest.raises(DataError, match="unit 'C', indicator 'c': 'n/a' is not a number"):
        run_pipeline(parse_spec(MINIMAL), bad)


def test_a_missing_indicator_column_is_named() -> None:
    with pytest.raises(DataError, match="indicator column\\(s\\) missing from the data: c"):
        run_pipeline(parse_spec(MINIMAL), DATA.drop(columns=["c"]))


def test_geometric_aggregation_over_a_zero_fails_clearly_instead_of_nan() -> None:
    spec = parse_spec({**MINIMAL, "steps": {"aggregate": {"method": "geometric"}}})
    with pytest.raises(Exception, match="geometric mean meets a zero"):
        run_pipeline(spec, DATA)


def test_equal_and_pca_weights() -> None:
    spec = parse_spec({**MINIMAL, "steps": {"weight": {"method": "equal"}}})
    assert set(run_pipeline(spec, DATA).weights.values()) == {1.0}
    pca = run_pipeline(parse_spec({**MINIMAL, "steps": {"weight": {"method": "pca"}}}), DATA)
    assert pca.weights["a"] == pytest.approx(0.5) and pca.weights["b"] == pytest.approx(0.5)


def test_categorical_answers_are_scored_by_their_mapping() -> None:
    spec = parse_spec(
        {
            **MINIMAL,
            "indicators": [
                {
                    "code": "a",
                    "parent": "D1",
                    "normalise": {"method": "categorical", "mapping": {"yes": 1, "no": 0}},
                },
                *MINIMAL["indicators"][1:],
            ],
        }
    )
    data = DATA.assign(a=["yes", "no", "Yes", "no"])
    normalised = run_pipeline(spec, data).stages["Normalised"]
    assert normalised["a"].tolist() == [1, 0, 1, 0]
