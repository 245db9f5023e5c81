from typing import Any

import pytest

from composite import SpecError, load_spec, parse_spec

MINIMAL: dict[str, Any] = {
    "index": {"name": "Test", "levels": ["Indicator", "Dimension", "Index"]},
    "indicators": [
        {"code": "a", "parent": "D1"},
        {"code": "b", "parent": "D1", "direction": -1},
        {"code": "c", "parent": "D2"},
    ],
    "aggregates": [
        {"code": "D1", "level": 2, "parent": "IDX"},
        {"code": "D2", "level": 2, "parent": "IDX"},
        {"code": "IDX", "level": 3},
    ],
}


def _with(**changes: object) -> dict[str, Any]:
    return {**MINIMAL, **changes}


def test_a_valid_spec_describes_its_tree() -> None:
    spec = parse_spec(MINIMAL)
    assert spec.index_code == "IDX"
    assert spec.children("D1") == ["a", "b"]
    assert spec.aggregates_at(2) == ["D1", "D2"]


def test_errors_are_reported_by_path() -> None:
    bad = _with(
        indicators=[*MINIMAL["indicators"][:2], {"code": "c", "parent": "D2", "weight": "x"}]
    )
    with pytest.raises(SpecError, match=r"indicators\[2\]\.weight"):
        parse_spec(bad)


def test_a_direction_other_than_plus_or_minus_one_is_refused() -> None:
    bad = _with(
        indicators=[{"code": "a", "parent": "D1", "direction": 2}, *MINIMAL["indicators"][1:]]
    )
    with pytest.raises(SpecError, match=r"indicators\[0\]\.direction"):
        parse_spec(bad)


def test_an_unknown_parent_is_named() -> None:
    bad = _with(indicators=[{"code": "a", "parent": "Nowhere"}, *MINIMAL["indicators"][1:]])
    with pytest.raises(SpecError, match="indicator 'a': parent 'Nowhere'"):
        parse_spec(bad)


def test_an_unknown_method_is_refused_with_its_path() -> None:
    with pytest.raises(SpecError, match=r"steps\.normalise\.method"):
        parse_spec(_with(steps={"normalise": {"method": "magic"}}))


def test_group_imputation_needs_a_group_column() -> None:
    with pytest.raises(SpecError, match="needs `group`"):
        parse_spec(_with(steps={"impute": {"method": "mean_group"}}))


def test_toml_text_is_accepted_and_bad_toml_is_a_spec_error() -> None:
    with pytest.raises(SpecError, match="cannot read the spec"):
        load_spec("[index\nname=")
