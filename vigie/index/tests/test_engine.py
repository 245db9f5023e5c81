import pandas as pd
import pytest

from vigie.index import engine
from vigie.index.tests.fixtures import DATA, SPEC


def spec(aggregation: str = "arithmetic") -> engine.Spec:
    return engine.load_spec(SPEC.format(aggregation=aggregation))


def test_spec_errors_name_the_path_of_the_bad_field() -> None:
    bad = SPEC.format(aggregation="arithmetic").replace("direction = -1", "direction = 2")
    with pytest.raises(engine.SpecError, match=r"indicators\[2\]\.direction: 2 must be 1 or -1"):
        engine.load_spec(bad)
    with pytest.raises(engine.SpecError, match=r"methods\.aggregation: 'median'"):
        engine.load_spec(SPEC.format(aggregation="median"))


def test_ties_share_the_lower_rank() -> None:
    ranks = engine.rank_scores(pd.Series({"a": 50.0, "b": 70.0, "c": 70.0, "d": 10.0}))
    assert ranks.to_dict() == {"a": 3.0, "b": 1.0, "c": 1.0, "d": 4.0}


def test_min_max_orients_lower_is_better_indicators() -> None:
    computation = engine.run_pipeline(spec(), engine.read_data(spec(), DATA))
    pretrial = computation.stages["Normalised"]["pretrial"]
    assert pretrial["CC"] == 100 and pretrial["EE"] == 0


def test_reaggregate_with_one_weight_returns_that_dimension() -> None:
    scores: dict[str, dict[str, float | None]] = {
        "A": {"x": 10.0, "y": 90.0},
        "B": {"x": 80.0, "y": None},
    }
    assert engine.reaggregate(scores, {"x": 0.0, "y": 1.0}, "arithmetic") == {"A": 90.0, "B": None}
    both = engine.reaggregate(scores, {"x": 1.0, "y": 3.0}, "arithmetic")
    assert both["A"] == pytest.approx(70.0) and both["B"] == pytest.approx(80.0)
    with pytest.raises(engine.DataError):
        engine.reaggregate(scores, {"x": 0.0, "y": 0.0}, "arithmetic")


def test_uncertainty_intervals_contain_the_median_and_are_reproducible() -> None:
    computation = engine.run_pipeline(spec(), engine.read_data(spec(), DATA))
    first = engine.run_uncertainty(spec(), computation, replications=300, seed=3)
    again = engine.run_uncertainty(spec(), computation, replications=300, seed=3)
    pd.testing.assert_frame_equal(first, again)
    assert (first["rank_q05"] <= first["rank_median"]).all()
    assert (first["rank_median"] <= first["rank_q95"]).all()
    assert set(first["nominal_rank"]) == {1, 2, 3, 4, 5}
