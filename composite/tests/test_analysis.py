import numpy as np
import pandas as pd
import pytest

from composite import (
    IndexData,
    IndexSpec,
    UncertainInputs,
    cronbach_alpha,
    cronbach_by_aggregate,
    pca_by_aggregate,
    run_pipeline,
    run_sensitivity,
    run_uncertainty,
)
from composite.sensitivity import saltelli_design, sobol_indices
from composite.spec import NormaliseSpec


def test_cronbach_alpha_by_hand() -> None:
    frame = pd.DataFrame({"x": [1.0, 2, 3, 4], "y": [2.0, 3, 4, 5], "z": [1.0, 3, 2, 4]})
    items = frame.var(ddof=1).sum()
    total = frame.sum(axis=1).var(ddof=1)
    assert cronbach_alpha(frame) == pytest.approx(1.5 * (1 - items / total))


def test_asem_analysis_covers_every_aggregate(asem_spec: IndexSpec, asem_data: IndexData) -> None:
    result = run_pipeline(asem_spec, asem_data)
    alphas = cronbach_by_aggregate(result)
    assert set(alphas.index) == {a.code for a in asem_spec.aggregates}
    pca = pca_by_aggregate(result)
    assert ((pca["first_component_share"] > 0) & (pca["first_component_share"] <= 1)).all()
    # The first component's sign is arbitrary: it is reported pointing with the children.
    assert all(sum(loadings.values()) > 0 for loadings in pca["loadings"])


def test_an_aggregate_with_a_constant_child_has_no_pca_but_the_others_do() -> None:
    spec = IndexSpec.model_validate(
        {
            "index": {"name": "Constant", "levels": ["Indicator", "Pillar", "Index"]},
            "indicators": [
                {"code": "a", "parent": "P1"},
                {"code": "b", "parent": "P1"},
                {"code": "c", "parent": "P2"},
                {"code": "d", "parent": "P2"},
            ],
            "aggregates": [
                {"code": "P1", "level": 2, "parent": "IDX"},
                {"code": "P2", "level": 2, "parent": "IDX"},
                {"code": "IDX", "level": 3},
            ],
            "steps": {"normalise": {"method": "none"}},
        }
    )
    data = pd.DataFrame(
        {
            "uCode": ["A", "B", "C", "D"],
            "a": [5.0, 5, 5, 5],
            "b": [1.0, 2, 3, 4],
            "c": [2.0, 1, 4, 3],
            "d": [1.0, 3, 2, 5],
        }
    )
    pca = pca_by_aggregate(run_pipeline(spec, data))
    assert sorted(pca.index) == ["IDX", "P2"]


def test_uncertainty_is_reproducible_with_a_seed(
    asem_spec: IndexSpec, asem_data: IndexData
) -> None:
    inputs = UncertainInputs(weight_noise={2: 0.25}, aggregations=["arithmetic"])
    first = run_uncertainty(
        asem_spec, asem_data, inputs, replications=200, seed=7, keep_replications=True
    )
    second = run_uncertainty(asem_spec, asem_data, inputs, replications=200, seed=7)
    pd.testing.assert_frame_equal(first.summary, second.summary)
    other = run_uncertainty(
        asem_spec, asem_data, inputs, replications=200, seed=8, keep_replications=True
    )
    assert first.ranks is not None and other.ranks is not None
    assert not np.array_equal(first.ranks, other.ranks)


def test_with_no_uncertainty_every_percentile_is_the_nominal_rank(
    asem_spec: IndexSpec, asem_data: IndexData
) -> None:
    result = run_uncertainty(asem_spec, asem_data, UncertainInputs(), replications=20)
    summary = result.summary
    nominal = run_pipeline(asem_spec, asem_data).ranks[asem_spec.index_code]
    np.testing.assert_array_equal(summary["nominal_rank"], nominal.reindex(summary.index))
    for column in ("rank_median", "rank_q05", "rank_q95"):
        np.testing.assert_array_equal(summary[column], summary["nominal_rank"])
    np.testing.assert_allclose(summary["score_median"], summary["nominal_score"])


def test_uncertainty_widens_rank_intervals(asem_spec: IndexSpec, asem_data: IndexData) -> None:
    inputs = UncertainInputs(
        weight_noise={2: 0.25, 3: 0.25},
        normalisations=[
            NormaliseSpec(method="minmax", range=(1, 100)),
            NormaliseSpec(method="zscore", mean=10, sd=1),
        ],
        aggregations=["arithmetic", "geometric"],
        winsorise_limits=[1, 3, 5],
    )
    summary = run_uncertainty(asem_spec, asem_data, inputs, replications=300, seed=1).summary
    assert (summary["rank_q95"] - summary["rank_q05"]).max() > 3
    assert (summary["rank_q05"] <= summary["rank_median"]).all()
    assert (summary["rank_median"] <= summary["rank_q95"]).all()


def test_sobol_first_order_indices_match_an_additive_model() -> None:
    """y = 2·x1 + x2 with x uniform: S1 = 4/5, S2 = 1/5, total = first order."""
    rng = np.random.default_rng(3)
    n = 50000
    design = saltelli_design(n, 2, rng)
    y = 2 * design[:, 0] + design[:, 1]
    table, _variance = sobol_indices(y, n, 2, bootstrap=50, rng=rng)
    np.testing.assert_allclose(table["Si"], [0.8, 0.2], atol=0.04)
    np.testing.assert_allclose(table["STi"], [0.8, 0.2], atol=0.03)
    assert (table["Si_q05"] <= table["Si"]).all() and (table["Si"] <= table["Si_q95"]).all()


def test_sensitivity_names_every_uncertain_input(
    asem_spec: IndexSpec, asem_data: IndexData
) -> None:
    inputs = UncertainInputs(
        weight_noise={2: 0.25},
        aggregations=["arithmetic", "geometric"],
        normalisations=[NormaliseSpec(method="minmax", range=(1, 100))],
    )
    result = run_sensitivity(asem_spec, asem_data, inputs, base_samples=64, bootstrap=20)
    assert list(result.indices.index) == ["weights (level 2)", "aggregation"]
    assert result.runs == 64 * 4
    assert (result.indices["STi"] >= 0).all()


def test_pca_weights_are_the_squared_loadings_the_analysis_reports(
    asem_spec: IndexSpec, asem_data: IndexData
) -> None:
    """One PCA: the weights of a pillar's indicators are its first-component loadings²."""
    steps = asem_spec.steps.model_copy(
        update={"weight": asem_spec.steps.weight.model_copy(update={"method": "pca"})}
    )
    result = run_pipeline(asem_spec.model_copy(update={"steps": steps}), asem_data)
    pca = pca_by_aggregate(result)
    for pillar in asem_spec.aggregates_at(2):
        if pillar not in pca.index:
            continue
        loadings = pd.Series(pca.loc[pillar, "loadings"], dtype=float)
        squared = loadings.to_numpy() ** 2
        expected = squared / squared.sum()
        weights = pd.Series({child: result.weights[child] for child in loadings.index})
        np.testing.assert_allclose(weights.to_numpy(), expected, atol=1e-5)
        children = result.stages["Normalised"][list(loadings.index)].dropna()
        eigenvalues = np.linalg.eigvalsh(np.corrcoef(children.to_numpy(), rowvar=False))
        assert pca.loc[pillar, "first_component_share"] == pytest.approx(
            eigenvalues.max() / eigenvalues.sum()
        )
