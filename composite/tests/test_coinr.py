"""COINr's iMeta becomes the same framework as the hand-written ASEM spec."""

import pandas as pd
import pytest

from composite import IndexData, IndexSpec, run_pipeline, spec_document_from_coinr, spec_from_coinr
from composite.tests.conftest import ASEM

LEVELS = ["Indicator", "Pillar", "Sub-index", "Index"]


@pytest.fixture(scope="module")
def imeta() -> pd.DataFrame:
    return pd.read_csv(ASEM / "iMeta.csv", keep_default_na=False, na_values=[""])


def test_imeta_gives_the_framework_of_the_asem_spec(
    imeta: pd.DataFrame, asem_spec: IndexSpec
) -> None:
    spec = spec_from_coinr(imeta, name="ASEM", level_names=LEVELS, steps={})
    assert spec.index.name == "ASEM"
    assert spec.index.levels == LEVELS
    assert (spec.index.unit_column, spec.index.name_column) == ("uCode", "uName")
    assert spec.indicators == asem_spec.indicators
    assert spec.aggregates == asem_spec.aggregates


def test_each_field_of_imeta_is_read(imeta: pd.DataFrame) -> None:
    document = spec_document_from_coinr(
        imeta, name="ASEM", level_names=LEVELS, steps={"impute": {"method": "mean"}}
    )
    assert document["steps"] == {"impute": {"method": "mean"}}
    flights = next(i for i in document["indicators"] if i["code"] == "Flights")
    assert flights == {
        "code": "Flights",
        "name": "International flights passenger capacity",
        "parent": "Physical",
        "direction": 1,
        "weight": 1.0,
        "unit": "Thousand seats",
        "target": pytest.approx(200.3326555),
        "denominator": "Population",
    }
    tariff = next(i for i in document["indicators"] if i["code"] == "Tariff")
    assert tariff["direction"] == -1 and "denominator" not in tariff
    index = next(a for a in document["aggregates"] if a["level"] == 4)
    assert "parent" not in index and index["weight"] == 1.0
    pillar = next(a for a in document["aggregates"] if a["code"] == "Physical")
    assert pillar == {
        "code": "Physical",
        "name": str(imeta.set_index("iCode").loc["Physical", "iName"]),
        "level": 2,
        "weight": 1.0,
        "parent": "Conn",
    }
    types = set(imeta["Type"])
    assert {"Denominator", "Group"} <= types  # rows of other types are left out
    assert len(document["indicators"]) == (imeta["Type"] == "Indicator").sum()
    assert len(document["aggregates"]) == (imeta["Type"] == "Aggregate").sum()


def test_missing_weights_units_and_parents_take_their_defaults() -> None:
    imeta = pd.DataFrame(
        [
            {"Level": 1, "iCode": "a", "iName": None, "Direction": 1, "Weight": 2, "Unit": None,
             "Target": None, "Denominator": "", "Parent": "P", "Type": "Indicator"},
            {"Level": 2, "iCode": "P", "iName": "Pillar", "Direction": None, "Weight": None,
             "Unit": None, "Target": None, "Denominator": None, "Parent": "I", "Type": "Aggregate"},
            {"Level": 3, "iCode": "I", "iName": "Index", "Direction": None, "Weight": "",
             "Unit": None, "Target": None, "Denominator": None, "Parent": "", "Type": "Aggregate"},
        ]
    )  # fmt: skip
    spec = spec_from_coinr(imeta, name="Small", level_names=["Indicator", "Pillar", "Index"])
    (indicator,) = spec.indicators
    assert (indicator.name, indicator.unit, indicator.weight) == ("", "", 2.0)
    assert indicator.target is None and indicator.denominator is None
    assert [(a.code, a.weight, a.parent) for a in spec.aggregates] == [
        ("P", 1.0, "I"),
        ("I", 1.0, None),
    ]
    assert spec.steps == IndexSpec.model_fields["steps"].default


def test_a_spec_from_imeta_builds_the_same_index(
    imeta: pd.DataFrame, asem_spec: IndexSpec, asem_data: IndexData
) -> None:
    spec = spec_from_coinr(
        imeta, name="ASEM", level_names=LEVELS, steps=asem_spec.steps.model_dump()
    )
    pd.testing.assert_series_equal(
        run_pipeline(spec, asem_data).index_scores, run_pipeline(asem_spec, asem_data).index_scores
    )
