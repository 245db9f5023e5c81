"""Reading the data: unit codes kept as written, parts split cleanly, errors that name the fault."""

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from composite import DataError, IndexSpec, parse_spec, prepare_data, run_pipeline
from composite.data import read_table
from composite.denominate import denominate


def _spec(*, index: dict[str, Any] | None = None, **extra: Any) -> IndexSpec:
    indicators = extra.pop("indicators", None) or [
        {"code": "a", "parent": "D"},
        {"code": "b", "parent": "D"},
    ]
    return parse_spec(
        {
            "index": {"name": "Checks", "levels": ["Indicator", "Index"], **(index or {})},
            "indicators": indicators,
            "aggregates": [{"code": "D", "level": 2}],
            **extra,
        }
    )


def _csv(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "data.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_unit_codes_are_read_as_written(tmp_path: Path) -> None:
    """Namibia's code "NA" is not a missing value, and "007" keeps its zeros."""
    assert list(read_table(_csv(tmp_path, "uCode,a\n007,1\n7,2\n"))["uCode"]) == ["007", "7"]
    path = _csv(tmp_path, "uCode,a,b\nNA,1,2\n007,3,4\n7,5,6\n")
    assert list(read_table(path)["uCode"]) == ["NA", "007", "7"]
    data = prepare_data(_spec(), path)
    assert list(data.indicators.index) == ["NA", "007", "7"]
    assert data.indicators.index.name == "uCode"


def test_a_unit_column_of_another_name_keeps_its_codes_as_text(tmp_path: Path) -> None:
    path = _csv(tmp_path, "iso,a,b\n004,1,2\n4,3,4\n")
    data = prepare_data(_spec(index={"unit_column": "iso"}), path)
    assert list(data.indicators.index) == ["004", "4"]
    assert data.indicators.index.name == "iso"


def test_an_unreadable_file_is_a_data_error_naming_the_cause(tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"cannot read the data: .*missing\.csv"):
        read_table(tmp_path / "missing.csv")


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"code": ["X"], "a": [1], "b": [2]}, "the data have no unit column 'uCode'"),
        (
            {"uCode": ["X", ""], "a": [1, 2], "b": [2, 3]},
            "a row has no unit code in column 'uCode'",
        ),
        ({"uCode": ["X", "Y"], "a": [1, 2]}, r"indicator column\(s\) missing from the data: b$"),
        ({"uCode": ["X", "Y"], "a": [1, 2], "b": [None, None]}, "indicator 'b' has no value"),
        ({"uCode": ["X", "Y"], "a": [1, "n/a"], "b": [2, 3]}, "unit 'Y', indicator 'a': 'n/a'"),
    ],
)
def test_bad_data_are_refused_with_the_fault_named(table: dict[str, Any], message: str) -> None:
    with pytest.raises(DataError, match=message):
        prepare_data(_spec(), pd.DataFrame(table))


def test_every_missing_column_is_listed() -> None:
    spec = _spec(
        indicators=[
            {"code": "a", "parent": "D", "denominator": "gdp"},
            {"code": "b", "parent": "D", "denominator": "area"},
            {"code": "c", "parent": "D"},
        ],
        steps={"denominate": {"enabled": True}},
    )
    with pytest.raises(DataError, match=r"indicator column\(s\) missing from the data: b, c$"):
        prepare_data(spec, pd.DataFrame({"uCode": ["X"], "a": [1]}))
    table = pd.DataFrame({"uCode": ["X"], "a": [1], "b": [2], "c": [3]})
    with pytest.raises(DataError, match=r"denominator column\(s\) missing .*: area, gdp$"):
        prepare_data(spec, table)


def test_a_denominator_that_is_not_a_number_is_named() -> None:
    spec = _spec(
        indicators=[{"code": "a", "parent": "D", "denominator": "gdp"}],
        steps={"denominate": {"enabled": True}},
    )
    table = pd.DataFrame({"uCode": ["X", "Y"], "a": [1, 2], "gdp": ["10", "lots"]})
    with pytest.raises(DataError, match="unit 'Y', indicator 'gdp': 'lots'"):
        prepare_data(spec, table)


def test_infinite_values_are_missing_and_the_indicators_stay_numeric() -> None:
    table = pd.DataFrame({"uCode": ["X", "Y", "Z"], "a": [1.0, np.inf, -np.inf], "b": 1.0})
    data = prepare_data(_spec(), table)
    assert data.indicators["a"].dtype == np.float64
    assert data.indicators["a"].isna().tolist() == [False, True, True]
    text = pd.DataFrame({"uCode": ["X", "Y", "Z"], "a": ["1", "inf", "-inf"], "b": 1.0})
    converted = prepare_data(_spec(), text)
    assert converted.indicators["a"].dtype == np.float64
    assert converted.indicators["a"].isna().tolist() == [False, True, True]


def test_the_table_splits_into_indicators_denominators_groups_and_names() -> None:
    spec = _spec(
        index={"name_column": "uName"},
        indicators=[
            {"code": "a", "parent": "D", "denominator": "gdp"},
            {"code": "b", "parent": "D"},
        ],
    )
    table = pd.DataFrame(
        {
            "uCode": ["X", "Y"],
            "uName": ["Xland", "Yland"],
            "region": ["north", "south"],
            "gdp": [10.0, 20.0],
            "a": [1.0, 2.0],
            "b": [3.0, 4.0],
        }
    )
    data = prepare_data(spec, table)
    assert list(data.indicators.columns) == ["a", "b"]
    assert list(data.denominators.columns) == ["gdp"]
    assert "region" in data.groups.columns
    assert not {"a", "b", "gdp", "uName"} & set(data.groups.columns)
    assert data.names.to_dict() == {"X": "Xland", "Y": "Yland"}
    # Without the name column in the data, units are named by their code.
    unnamed = prepare_data(spec, table.drop(columns="uName"))
    assert unnamed.names.to_dict() == {"X": "X", "Y": "Y"}
    # With no denominator at all the denominators still have one row per unit.
    bare = prepare_data(_spec(), table[["uCode", "a", "b"]])
    assert list(bare.denominators.index) == ["X", "Y"]


def test_a_mapping_left_on_a_numeric_method_does_not_recode_numbers() -> None:
    spec = _spec(
        indicators=[
            {"code": "a", "parent": "D", "normalise": {"method": "minmax", "mapping": {"yes": 1}}},
            {"code": "b", "parent": "D"},
        ]
    )
    data = prepare_data(spec, pd.DataFrame({"uCode": ["X", "Y"], "a": [2.5, 7], "b": [1, 2]}))
    np.testing.assert_array_equal(data.indicators["a"], [2.5, 7])


def test_an_unknown_answer_names_its_indicator() -> None:
    mapping = {"method": "categorical", "mapping": {"yes": 1, "no": 0}}
    spec = _spec(
        indicators=[
            {"code": "a", "parent": "D", "normalise": mapping},
            {"code": "b", "parent": "D"},
        ]
    )
    with pytest.raises(DataError, match="unit 'Y', indicator 'a': answer 'maybe'"):
        prepare_data(spec, pd.DataFrame({"uCode": ["X", "Y"], "a": ["yes", "maybe"], "b": [1, 2]}))


def test_denomination_divides_by_the_size_column() -> None:
    indicators = pd.DataFrame({"exports": [10.0, 30.0], "other": [1.0, 2.0]}, index=["X", "Y"])
    sizes = pd.DataFrame({"gdp": [100.0, 60.0]}, index=["X", "Y"])
    result = denominate(indicators, sizes, {"exports": "gdp"})
    np.testing.assert_allclose(result["exports"], [0.1, 0.5])
    np.testing.assert_array_equal(result["other"], [1.0, 2.0])
    with pytest.raises(DataError, match="indicator 'exports': denominator column 'area'"):
        denominate(indicators, sizes, {"exports": "area"})


def test_the_pipeline_result_keeps_the_units_groups() -> None:
    table = pd.DataFrame(
        {"uCode": ["X", "Y"], "region": ["north", "south"], "a": [1.0, 2.0], "b": [3.0, 4.0]}
    )
    result = run_pipeline(_spec(), table)
    assert result.groups["region"].to_dict() == {"X": "north", "Y": "south"}
