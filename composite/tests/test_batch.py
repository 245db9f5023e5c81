"""The Monte Carlo path computes what the pipeline computes, method by method."""

from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from composite import CompositeError, IndexData, IndexSpec, UncertainInputs, batch, parse_spec
from composite.aggregate import aggregate_values
from composite.batch import aggregate_level
from composite.errors import AggregationError
from composite.pipeline import run_pipeline
from composite.uncertainty import run_uncertainty

AGGREGATIONS: list[Any] = [
    "arithmetic",
    "geometric",
    "harmonic",
    "generalised",
    ["geometric", "arithmetic"],
]
NORMALISATIONS: list[dict[str, Any]] = [
    {"method": "minmax"},
    {"method": "minmax", "range": [1, 100]},
    {"method": "zscore"},
    {"method": "zscore", "mean": 10, "sd": 1},
    {"method": "scaled", "lower": -10, "upper": 200},
    {"method": "rank"},
    {"method": "prank"},
    {"method": "borda"},
    {"method": "dist2max"},
    {"method": "dist2ref", "reference_unit": "U1"},
    {"method": "dist2targ"},
    {"method": "fracmax"},
    {"method": "goalposts", "lower": 10, "upper": 90, "scale": 100},
    {"method": "none"},
]
FRAMEWORK: dict[str, Any] = {
    "index": {"name": "Batch", "levels": ["Indicator", "Dimension", "Index"]},
    "indicators": [
        {"code": "a", "parent": "D1", "target": 95},
        {"code": "b", "parent": "D1", "direction": -1, "weight": 2, "target": 5},
        {"code": "c", "parent": "D2", "weight": 0.5, "target": 95},
        {"code": "d", "parent": "D2", "target": 95},
    ],
    "aggregates": [
        {"code": "D1", "level": 2, "parent": "IDX", "weight": 3},
        {"code": "D2", "level": 2, "parent": "IDX"},
        {"code": "IDX", "level": 3},
    ],
}


def _spec(
    normalise: dict[str, Any], aggregation: Any, *, weight: str = "given", **aggregate: Any
) -> IndexSpec:
    steps = {
        "normalise": normalise,
        "weight": {"method": weight},
        "aggregate": {"method": aggregation, "p": 2.0, **aggregate},
    }
    return parse_spec({**FRAMEWORK, "steps": steps})


def _data(values: np.ndarray) -> pd.DataFrame:
    frame = pd.DataFrame(values, columns=["a", "b", "c", "d"])
    frame.insert(0, "uCode", [f"U{i}" for i in range(len(frame))])
    return frame


def _nominal_and_monte_carlo(spec: IndexSpec, data: pd.DataFrame) -> tuple[Any, Any]:
    """Both results, or both errors: the batch refuses what the pipeline refuses."""
    try:
        result = run_pipeline(spec, data)
    except CompositeError:
        with pytest.raises(CompositeError):
            run_uncertainty(spec, data, UncertainInputs(), replications=3)
        return None, None
    if np.isinf(result.stages["Normalised"].to_numpy()).any():
        with pytest.raises(AggregationError, match="infinite value"):
            run_uncertainty(spec, data, UncertainInputs(), replications=3)
        return None, None
    nominal = result.index_scores
    summary = run_uncertainty(spec, data, UncertainInputs(), replications=3).summary
    return nominal, summary


def _assert_median_is_nominal(spec: IndexSpec, data: pd.DataFrame) -> None:
    nominal, summary = _nominal_and_monte_carlo(spec, data)
    if summary is None:
        return
    # atol: the batch path sums in another order, so a score of exactly 0 may come back as
    # rounding noise (1e-17); any real difference on the 0-100 scale is far above 1e-12.
    np.testing.assert_allclose(
        summary["score_median"],
        nominal.reindex(summary.index),
        rtol=1e-9,
        atol=1e-12,
        equal_nan=True,
    )
    known = np.sort(nominal.dropna().to_numpy())
    if known.size < 2 or np.min(np.diff(known)) > 1e-9 * max(1.0, np.abs(known).max()):
        # Ranks are compared only without near-ties: a tie may break either way by one ulp.
        np.testing.assert_array_equal(summary["rank_median"], summary["nominal_rank"])


SAMPLE = _data(
    np.array(
        [
            [12.0, 40, 3, 70],
            [55, 20, 9, 10],
            [90, 80, 6, 35],
            [33, 5, 1, 99],
            [71, 60, 4, 50],
        ]
    )
)


@pytest.mark.parametrize("aggregation", AGGREGATIONS, ids=str)
@pytest.mark.parametrize("normalise", NORMALISATIONS, ids=lambda n: str(sorted(n.items())))
def test_with_no_uncertain_input_the_median_is_the_nominal_score(
    normalise: dict[str, Any], aggregation: Any
) -> None:
    _assert_median_is_nominal(_spec(normalise, aggregation), SAMPLE)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    values=arrays(
        np.float64,
        st.tuples(st.integers(3, 7), st.just(4)),
        elements=st.one_of(st.floats(0.5, 100), st.just(np.nan)),
    ),
    normalise=st.sampled_from(NORMALISATIONS),
    aggregation=st.sampled_from(AGGREGATIONS),
    weight=st.sampled_from(["given", "equal", "pca"]),
    p=st.sampled_from([-1.0, 0.5, 2.0, 3.0]),
    data_threshold=st.sampled_from([None, 0.5, 1.0]),
)
def test_property_monte_carlo_median_equals_the_pipeline(
    values: np.ndarray,
    normalise: dict[str, Any],
    aggregation: Any,
    weight: str,
    p: float,
    data_threshold: float | None,
) -> None:
    """Any data, normalisation, aggregation, weighting and threshold: no uncertainty, no change."""
    spec = _spec(normalise, aggregation, weight=weight, data_threshold=data_threshold)
    spec = spec.model_copy(
        update={
            "steps": spec.steps.model_copy(
                update={"aggregate": spec.steps.aggregate.model_copy(update={"p": p})}
            )
        }
    )
    _assert_median_is_nominal(spec, _data(values))


def test_geometric_monte_carlo_is_not_the_arithmetic_mean() -> None:
    """A hand mutation computing geometric means as arithmetic ones went unnoticed once."""
    normalise = {"method": "minmax", "range": [1, 100]}
    geometric = run_uncertainty(
        _spec(normalise, "arithmetic"),
        SAMPLE,
        UncertainInputs(aggregations=["geometric"]),
        replications=5,
    ).summary
    arithmetic = run_pipeline(_spec(normalise, "arithmetic"), SAMPLE).index_scores
    expected = run_pipeline(_spec(normalise, "geometric"), SAMPLE).index_scores
    np.testing.assert_allclose(geometric["score_median"], expected.reindex(geometric.index))
    assert not np.allclose(geometric["score_median"], arithmetic.reindex(geometric.index))


def test_harmonic_monte_carlo_on_asem_matches_the_harmonic_build(
    asem_spec: IndexSpec, asem_data: IndexData
) -> None:
    """On ASEM the harmonic median once differed from its own nominal score by 51.9 points."""
    steps = asem_spec.steps.model_copy(
        update={
            "normalise": asem_spec.steps.normalise.model_copy(update={"range": (1.0, 100.0)}),
            "aggregate": asem_spec.steps.aggregate.model_copy(update={"method": "harmonic"}),
        }
    )
    spec = asem_spec.model_copy(update={"steps": steps})
    summary = run_uncertainty(spec, asem_data, UncertainInputs(), replications=5).summary
    np.testing.assert_allclose(summary["score_median"], summary["nominal_score"], rtol=1e-9)


@settings(deadline=None)
@given(
    values=arrays(
        np.float64,
        st.tuples(st.integers(1, 5), st.integers(1, 5)),
        elements=st.one_of(st.floats(0.1, 50), st.just(np.nan)),
    ),
    data=st.data(),
    method=st.sampled_from(["arithmetic", "geometric", "harmonic", "generalised"]),
    p=st.sampled_from([-2.0, 0.5, 1.0, 3.0]),
    threshold=st.sampled_from([None, 0.5]),
)
def test_property_each_replication_uses_its_own_weights(
    values: np.ndarray,
    data: st.DataObject,
    method: str,
    p: float,
    threshold: float | None,
) -> None:
    """A batch of weight sets gives, row by row, what the pipeline's aggregation gives."""
    children = values.shape[1]
    weights = data.draw(
        arrays(
            np.float64, st.tuples(st.integers(1, 4), st.just(children)), elements=st.floats(0.1, 5)
        )
    )
    batch = aggregate_level(
        values, weights, np.ones((children, 1)), method, p=p, data_threshold=threshold
    )
    for replication, row in enumerate(weights):
        expected = aggregate_values(values, row, method, p=p, data_threshold=threshold)
        np.testing.assert_allclose(batch[replication, :, 0], expected, rtol=1e-9, equal_nan=True)


def test_a_harmonic_mean_over_values_of_both_signs_is_refused_by_both_paths() -> None:
    """Found by the property test: with no normalisation, indicator ``b`` (direction -1) turns
    0.5 into -0.5, Σ(w/x) cancels to rounding noise, and the two paths gave +5.8e17 and
    -2.9e17 (or infinity) as a "mean". A harmonic mean is defined for positive values only."""
    spec = _spec({"method": "none"}, "harmonic")
    _assert_median_is_nominal(spec, _data(np.full((3, 4), 0.5)))  # both refuse
    with pytest.raises(AggregationError, match="harmonic mean meets a zero or negative"):
        run_pipeline(spec, _data(np.full((3, 4), 0.5)))


def test_the_batch_refuses_what_it_cannot_compute() -> None:
    membership = np.ones((2, 1))
    weights = np.ones((1, 2))
    with pytest.raises(AggregationError, match="geometric mean meets a zero or negative"):
        aggregate_level(np.array([[1.0, 0.0]]), weights, membership, "geometric")
    with pytest.raises(AggregationError, match="harmonic mean meets a zero or negative"):
        aggregate_level(np.array([[1.0, 0.0]]), weights, membership, "harmonic")
    with pytest.raises(AggregationError, match="harmonic mean meets a zero or negative"):
        aggregate_level(np.array([[0.5, -0.5]]), weights, membership, "harmonic")
    with pytest.raises(AggregationError, match="needs a non-zero `p`"):
        aggregate_level(np.array([[1.0, 2.0]]), weights, membership, "generalised")
    with pytest.raises(AggregationError, match="p < 0 meets a zero or negative"):
        aggregate_level(np.array([[1.0, -2.0]]), weights, membership, "generalised", p=-1)
    spec = _spec({"method": "minmax", "range": [1, 100]}, "arithmetic")
    for choice, message in (
        ("median", "unknown aggregation 'median'"),
        (["arithmetic"], "one per level"),
    ):
        with pytest.raises(AggregationError, match=message):
            run_uncertainty(spec, SAMPLE, UncertainInputs(aggregations=[choice]), replications=2)


@pytest.mark.parametrize("method", ["arithmetic", "geometric", "harmonic", "generalised"])
def test_one_wide_product_equals_one_product_per_replication(
    method: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Large indicator matrices take the side-by-side product: same numbers."""
    rng = np.random.default_rng(5)
    values = rng.uniform(1, 100, size=(30, 6))
    values[rng.random(values.shape) < 0.1] = np.nan
    weights = rng.uniform(0.2, 3, size=(7, 6))
    membership = np.kron(np.eye(2), np.ones((3, 1)))  # children 0-2 → parent 0, 3-5 → 1
    per_replication = aggregate_level(values, weights, membership, method, p=2.0)
    monkeypatch.setattr(batch, "SIDE_BY_SIDE_FROM", 0)
    side_by_side = aggregate_level(values, weights, membership, method, p=2.0)
    np.testing.assert_allclose(side_by_side, per_replication, rtol=1e-12, equal_nan=True)
    assert side_by_side.shape == (7, 30, 2)
