"""Aggregation in the pipeline and the Monte Carlo path: parameters, thresholds, refusals."""

import warnings
from typing import Any

import numpy as np
import pandas as pd
import pytest

from composite import (
    AggregationError,
    NormaliseSpec,
    SpecError,
    UncertainInputs,
    batch,
    load_spec,
    parse_spec,
    run_pipeline,
)
from composite.aggregate import aggregate_values
from composite.batch import METHODS, aggregate_level, nominal_weight_arrays
from composite.tests.test_spec import MINIMAL
from composite.uncertainty import (
    RankCounts,
    ScoreHistogram,
    level_weight_factors,
    prepare_model,
    run_uncertainty,
)

DATA = pd.DataFrame(
    {
        "uCode": ["A", "B", "C", "D", "E"],
        "a": [1.0, 2.0, 3.0, 4.0, 5.0],
        "b": [4.0, 3.0, 2.0, 1.0, 5.0],
        "c": [10.0, 30.0, 20.0, 40.0, 15.0],
    }
)
POSITIVE = {"method": "minmax", "range": [1, 100]}


def _spec(**aggregate: Any) -> Any:
    steps = {"normalise": POSITIVE, "aggregate": aggregate}
    return parse_spec({**MINIMAL, "steps": steps})


@pytest.mark.parametrize(("p", "same_as"), [(1.0, "arithmetic"), (-1.0, "harmonic")])
def test_the_generalised_mean_with_p_1_or_minus_1_is_the_arithmetic_or_harmonic_mean(
    p: float, same_as: str
) -> None:
    """COINr ``a_genmean``: p = 1 gives the arithmetic mean, p = −1 the harmonic mean."""
    generalised = run_pipeline(_spec(method="generalised", p=p), DATA)
    other = run_pipeline(_spec(method=same_as), DATA)
    np.testing.assert_allclose(generalised.index_scores, other.index_scores)
    squares = run_pipeline(_spec(method="generalised", p=2.0), DATA)
    assert not np.allclose(squares.index_scores, other.index_scores)


def test_a_refused_aggregation_names_the_aggregate_and_the_unit() -> None:
    spec = parse_spec({**MINIMAL, "steps": {"aggregate": {"method": "geometric"}}})
    with pytest.raises(AggregationError, match=r"^aggregate 'D1': .*\(unit A\)"):
        run_pipeline(spec, DATA)  # min-max [0, 100]: A's a is 0


def test_units_removed_by_screening_are_not_in_the_results_table() -> None:
    sparse = DATA.assign(a=[1.0, np.nan, 3.0, 4.0, 5.0], b=[4.0, np.nan, 2.0, 1.0, 5.0])
    spec = parse_spec({**MINIMAL, "steps": {"screen": {"by": "na", "data_threshold": 0.9}}})
    result = run_pipeline(spec, sparse)
    assert result.removed_units == ["B"]
    table = result.results_table()
    assert sorted(table.index) == ["A", "C", "D", "E"]
    assert table["name"].notna().all()


@pytest.mark.parametrize(
    ("method", "message"),
    [
        (["arithmetic"], "give one method or 2"),
        (["arithmetic", "geometric", "arithmetic"], "give one method or 2"),
    ],
)
def test_a_list_of_methods_needs_one_per_aggregation_level(method: list[str], message: str) -> None:
    with pytest.raises(SpecError, match=f"steps.aggregate.method: {message}$"):
        run_pipeline(_spec(method=method), DATA)


def test_one_method_per_level_is_used_at_its_level() -> None:
    mixed = run_pipeline(_spec(method=["geometric", "arithmetic"]), DATA)
    geometric = run_pipeline(_spec(method="geometric"), DATA)
    arithmetic = run_pipeline(_spec(method="arithmetic"), DATA)
    np.testing.assert_allclose(mixed.scores["D1"], geometric.scores["D1"])
    expected = (mixed.scores["D1"] + mixed.scores["D2"]) / 2
    np.testing.assert_allclose(mixed.index_scores, expected)
    assert not np.allclose(mixed.index_scores, arithmetic.index_scores)


@pytest.mark.parametrize("text", ["[index]", "  [index]"])
def test_a_one_line_toml_text_is_read_as_a_spec_not_as_a_path(text: str) -> None:
    with pytest.raises(SpecError, match=r"index\.name: Field required"):
        load_spec(text)


def test_the_batch_keeps_an_aggregate_exactly_at_the_data_threshold() -> None:
    """COINr ``dat_thresh``: an aggregate is missing when its share of data is *below* it."""
    values = np.array([[np.nan, 2.0, 3.0, 5.0], [1.0, 2.0, 3.0, 5.0]])
    membership = np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0], [0.0, 1.0]])
    weights = np.ones((1, 4))
    result = aggregate_level(values, weights, membership, "arithmetic", data_threshold=0.5)
    np.testing.assert_allclose(result[0], [[2.0, 4.0], [1.5, 4.0]])
    stricter = aggregate_level(values, weights, membership, "arithmetic", data_threshold=0.6)
    assert np.isnan(stricter[0, 0, 0]) and stricter[0, 1, 0] == 1.5
    for row in range(2):
        expected = aggregate_values(values[:, :2], np.ones(2), "arithmetic", data_threshold=0.5)
        assert result[0, row, 0] == pytest.approx(expected[row])


def test_a_parent_with_no_child_value_is_missing_without_warnings() -> None:
    values = np.array([[np.nan, np.nan, 3.0, 5.0]])
    membership = np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0], [0.0, 1.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for method in ("arithmetic", "geometric", "harmonic"):
            result = aggregate_level(values, np.ones((1, 4)), membership, method)
            assert np.isnan(result[0, 0, 0]) and not np.isnan(result[0, 0, 1])


def test_an_unknown_batch_method_lists_the_known_ones() -> None:
    model, _inputs, _data = prepare_model(_spec(method="arithmetic"), DATA, UncertainInputs())
    with pytest.raises(AggregationError, match=f"expected one of {', '.join(METHODS)}\\)"):
        model.methods_of("median")


def test_the_default_weights_are_those_of_the_nominal_variant() -> None:
    model, _inputs, _data = prepare_model(_spec(method="arithmetic"), DATA, UncertainInputs())
    defaults = nominal_weight_arrays(model)
    for default, nominal in zip(defaults, nominal_weight_arrays(model, 0), strict=True):
        np.testing.assert_array_equal(default, nominal)


def test_an_infinite_normalised_value_is_refused_with_advice() -> None:
    """dist2ref divides by (reference − minimum): zero when the reference unit is the minimum."""
    inputs = UncertainInputs(normalisations=[NormaliseSpec(method="dist2ref", reference_unit="A")])
    with pytest.raises(AggregationError, match=r"choose another normalisation or reference$"):
        run_uncertainty(parse_spec(MINIMAL), DATA, inputs, replications=2)


def test_weight_noise_moves_only_the_weights_of_its_level() -> None:
    spec = _spec(method="arithmetic")
    inputs = UncertainInputs(weight_noise={1: 0.5}).resolved(spec)
    model, _inputs, _data = prepare_model(spec, DATA, inputs)
    factors = level_weight_factors(model, inputs, 20, np.random.default_rng(1))
    assert [f.shape for f in factors] == [(20, 3), (20, 2)]
    assert not np.allclose(factors[0], 1.0)
    np.testing.assert_array_equal(factors[1], 1.0)


def test_weight_noise_on_the_index_level_is_refused() -> None:
    spec = _spec(method="arithmetic")
    with pytest.raises(SpecError, match="level 3 must be between 1 and 2"):
        UncertainInputs(weight_noise={3: 0.1}).resolved(spec)
    UncertainInputs(weight_noise={2: 0.1}).resolved(spec)


def test_each_variant_has_its_own_index() -> None:
    inputs = UncertainInputs(
        imputations=["none", "mean"],
        winsorise_limits=[1, 3, 5],
        normalisations=[NormaliseSpec(), NormaliseSpec(method="rank")],
    )
    variants = inputs.variants()
    i, limit, norm = np.meshgrid(range(2), range(3), range(2), indexing="ij")
    positions = inputs.variant_index(i.ravel(), limit.ravel(), norm.ravel())
    assert sorted(positions.tolist()) == list(range(len(variants)))
    for a, b, c, position in zip(i.ravel(), limit.ravel(), norm.ravel(), positions, strict=True):
        variant = variants[position]
        assert variant.imputation == inputs.imputations[a]
        assert variant.winsorise_max == inputs.winsorise_limits[b]
        assert variant.normalisation == inputs.normalisations[c]


def test_a_score_alone_in_its_bin_is_placed_at_the_bins_middle() -> None:
    """Within a bin the histogram spreads its scores evenly: one score sits at the middle."""
    histogram = ScoreHistogram(1, (0.0, 1.0), 4)
    histogram.add(np.array([[0.1], [0.6], [0.9]]))
    assert histogram.percentile(50)[0] == pytest.approx(0.625)


def test_percentiles_of_a_unit_never_ranked_are_missing_without_warnings() -> None:
    counts = RankCounts(2)
    counts.add(np.array([[1.0, np.nan], [2.0, np.nan]]))
    histogram = ScoreHistogram(2, (0.0, 1.0), 4)
    histogram.add(np.array([[0.5, np.nan]]))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for q in (5.0, 50.0, 95.0):
            assert np.isnan(counts.percentile(q)[1]) and np.isnan(histogram.percentile(q)[1])


@pytest.mark.parametrize("side_by_side_from", [0, 10**12])
def test_both_ways_of_weighting_give_the_same_sums(
    side_by_side_from: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Small and large batches take different products; both are Σ_c values·weights."""
    monkeypatch.setattr(batch, "SIDE_BY_SIDE_FROM", side_by_side_from)
    rng = np.random.default_rng(3)
    weighted = rng.random((4, 5, 2))  # replications × children × parents
    matrix = rng.random((3, 5))  # units × children, the same for every replication
    stacked = rng.random((4, 3, 5))  # one matrix per replication (higher levels)
    np.testing.assert_allclose(
        batch._contract(matrix, weighted), np.einsum("uc,rcp->rup", matrix, weighted)
    )
    np.testing.assert_allclose(
        batch._contract(stacked, weighted), np.einsum("ruc,rcp->rup", stacked, weighted)
    )


def test_a_single_replication_is_allowed_and_none_is_refused() -> None:
    spec = _spec(method="arithmetic")
    assert run_uncertainty(spec, DATA, UncertainInputs(), replications=1).replications == 1
    with pytest.raises(SpecError, match=r"^replications must be at least 1$"):
        run_uncertainty(spec, DATA, UncertainInputs(), replications=0)


def test_the_defaults_are_1000_replications_from_seed_0_in_chunks_of_1000() -> None:
    spec = _spec(method="arithmetic")
    # Noise at two levels: each chunk draws level 1 then level 2, so chunks change the draws.
    inputs = UncertainInputs(weight_noise={1: 0.5, 2: 0.5})
    default = run_uncertainty(spec, DATA, inputs, keep_replications=True)
    assert default.replications == 1000
    explicit = run_uncertainty(
        spec, DATA, inputs, replications=1000, seed=0, chunk=1000, keep_replications=True
    )
    np.testing.assert_array_equal(default.scores, explicit.scores)
    longer = run_uncertainty(spec, DATA, inputs, replications=1200, keep_replications=True)
    chunked = run_uncertainty(
        spec, DATA, inputs, replications=1200, chunk=1000, keep_replications=True
    )
    np.testing.assert_array_equal(longer.scores, chunked.scores)


def test_score_percentiles_are_exact_up_to_the_limit_then_from_the_histogram() -> None:
    spec = _spec(method="arithmetic")
    inputs = UncertainInputs(weight_noise={1: 0.5})
    replications, units = 40, len(DATA)

    def summary(**options: Any) -> pd.DataFrame:
        return run_uncertainty(spec, DATA, inputs, replications=replications, **options).summary

    exact = summary(keep_replications=True)
    at_limit = summary(exact_scores_limit=replications * units)
    pd.testing.assert_frame_equal(at_limit, exact)
    beyond = summary(exact_scores_limit=replications * units - 1)
    assert not np.allclose(beyond["score_q05"], exact["score_q05"])
    np.testing.assert_allclose(beyond["score_median"], exact["score_median"], atol=99 / 4096)
    # The histogram's default resolution is 4096 bins.
    np.testing.assert_array_equal(
        beyond["score_q05"],
        summary(exact_scores_limit=replications * units - 1, score_bins=4096)["score_q05"],
    )


@pytest.mark.parametrize(
    "inputs",
    [
        UncertainInputs(imputations=["mean", "median"]),
        UncertainInputs(winsorise_limits=[0, 2]),
        UncertainInputs(
            normalisations=[NormaliseSpec(range=(1, 100)), NormaliseSpec(method="rank")]
        ),
        UncertainInputs(aggregations=["arithmetic", "geometric"]),
    ],
)
def test_each_replication_draws_its_own_variant(inputs: UncertainInputs) -> None:
    spec = parse_spec(
        {**MINIMAL, "steps": {"normalise": POSITIVE, "treat": {"method": "winsorise"}}}
    )
    data = pd.DataFrame(
        {
            "uCode": [f"U{i}" for i in range(12)],
            "a": [1.0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 400],
            "b": [3.0, 1, 2, 5, 4, 7, 6, 9, 8, 11, 10, 12],
            "c": [2.0, np.nan, 1, 3, 5, 4, 6, 8, 7, 60, 9, 10],
        }
    )
    result = run_uncertainty(spec, data, inputs, replications=60, keep_replications=True)
    assert result.scores is not None
    distinct = {tuple(np.round(row, 9)) for row in result.scores}
    assert len(distinct) == 2


def test_each_replication_uses_the_weights_of_its_own_variant() -> None:
    """PCA weights depend on the normalised data, so each variant has its own weights."""
    spec = parse_spec(
        {
            "index": {"name": "PCA", "levels": ["Indicator", "Pillar", "Index"]},
            "indicators": [
                {"code": code, "parent": "P1" if code in "abc" else "P2"} for code in "abcde"
            ],
            "aggregates": [
                {"code": "P1", "level": 2, "parent": "IDX"},
                {"code": "P2", "level": 2, "parent": "IDX"},
                {"code": "IDX", "level": 3},
            ],
            "steps": {"normalise": POSITIVE, "weight": {"method": "pca"}},
        }
    )
    data = pd.DataFrame(
        {
            "uCode": [f"U{i}" for i in range(7)],
            "a": [1.0, 2, 3, 4, 5, 6, 7],
            "b": [1.0, 4, 9, 16, 25, 36, 300],
            "c": [3.0, 1, 4, 1, 5, 9, 2],
            "d": [2.0, 7, 1, 8, 2, 8, 1],
            "e": [1.0, 1, 2, 3, 5, 8, 13],
        }
    )
    inputs = UncertainInputs(
        normalisations=[NormaliseSpec(range=(1, 100)), NormaliseSpec(method="rank")]
    )
    result = run_uncertainty(spec, data, inputs, replications=30, keep_replications=True)
    assert result.scores is not None
    builds = []
    for normalisation in inputs.normalisations:
        variant = spec.model_copy(
            update={"steps": spec.steps.model_copy(update={"normalise": normalisation})}
        )
        built = run_pipeline(variant, data)
        builds.append((built.weights, built.index_scores.reindex(result.units).to_numpy()))
    assert builds[0][0] != builds[1][0]
    for row in result.scores:
        assert any(np.allclose(row, scores) for _weights, scores in builds)
    assert {int(np.allclose(row, builds[1][1])) for row in result.scores} == {0, 1}


def test_progress_counts_the_replications_done_chunk_by_chunk() -> None:
    calls: list[tuple[int, int]] = []
    run_uncertainty(
        _spec(method="arithmetic"),
        DATA,
        UncertainInputs(weight_noise={1: 0.2}),
        replications=25,
        chunk=10,
        progress=lambda done, total: calls.append((done, total)),
    )
    assert calls == [(10, 25), (20, 25), (25, 25)]


def test_evaluate_gives_each_run_the_scores_of_its_variant_and_aggregation() -> None:
    spec = _spec(method="arithmetic")
    normalisations = [NormaliseSpec(range=(1, 100)), NormaliseSpec(method="rank")]
    aggregations = ["arithmetic", "geometric", "harmonic"]
    inputs = UncertainInputs(normalisations=normalisations, aggregations=aggregations)
    model, resolved, _data = prepare_model(spec, DATA, inputs)
    variant = np.array([0, 1, 0, 1, 0, 1, 1])
    aggregation = np.array([0, 0, 1, 1, 2, 2, 1])
    runs = batch.RunChoices(
        variant_of_run=variant,
        aggregation_of_run=aggregation,
        aggregation_methods=resolved.aggregations,
        factors_of_run=[np.ones((variant.size, len(c))) for c, _p, _m in model.levels],
    )
    scores = batch.evaluate(model, runs)
    for row, (v, a) in enumerate(zip(variant, aggregation, strict=True)):
        steps = spec.steps.model_copy(
            update={
                "normalise": normalisations[v],
                "aggregate": spec.steps.aggregate.model_copy(update={"method": aggregations[a]}),
            }
        )
        built = run_pipeline(spec.model_copy(update={"steps": steps}), DATA)
        np.testing.assert_allclose(scores[row], built.index_scores.reindex(model.units))
