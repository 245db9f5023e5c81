"""Running statistics of the Monte Carlo: exact rank percentiles, bounded score histograms."""

import warnings

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from composite import IndexData, IndexSpec, NormaliseSpec, UncertainInputs, run_uncertainty
from composite.uncertainty import RankCounts, ScoreHistogram


@given(
    arrays(
        np.float64,
        st.tuples(st.integers(1, 40), st.integers(1, 6)),
        elements=st.one_of(st.integers(1, 6).map(float), st.just(np.nan)),
    ),
    st.sampled_from([5.0, 50.0, 95.0, 0.0, 100.0, 37.5]),
)
def test_rank_percentiles_from_counts_equal_numpy_on_every_rank(
    ranks: np.ndarray, q: float
) -> None:
    ranks = np.minimum(ranks, ranks.shape[1])  # a rank never exceeds the number of units
    counts = RankCounts(ranks.shape[1])
    half = ranks.shape[0] // 2
    counts.add(ranks[:half])
    counts.add(ranks[half:])
    assert counts.counts.sum() == np.sum(~np.isnan(ranks))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # a unit never ranked: NaN
        expected = np.nanpercentile(ranks, q, axis=0)
    np.testing.assert_array_equal(counts.percentile(q), expected)


@given(
    arrays(
        np.float64,
        st.tuples(st.integers(1, 60), st.integers(1, 4)),
        elements=st.floats(-5, 105),
    ),
    st.sampled_from([5.0, 50.0, 95.0]),
)
def test_score_percentiles_from_the_histogram_are_within_one_bin(
    scores: np.ndarray, q: float
) -> None:
    histogram = ScoreHistogram(scores.shape[1], (0.0, 100.0), bins=200)
    histogram.add(scores[: len(scores) // 2])
    histogram.add(scores[len(scores) // 2 :])
    np.testing.assert_array_equal(histogram.minimum, scores.min(axis=0))
    np.testing.assert_array_equal(histogram.maximum, scores.max(axis=0))
    estimate = histogram.percentile(q)
    exact = np.percentile(scores, q, axis=0)
    # Inside the bounds: at most one bin (0.5) away; outside, clamped to the true extremes.
    assert np.all(estimate >= scores.min(axis=0)) and np.all(estimate <= scores.max(axis=0))
    inside = (scores.min(axis=0) >= 0) & (scores.max(axis=0) <= 100)
    np.testing.assert_allclose(estimate[inside], exact[inside], atol=0.5 + 1e-9)


def test_a_constant_score_is_its_own_percentile_exactly() -> None:
    histogram = ScoreHistogram(2, (0.0, 1.0), bins=7)
    histogram.add(np.array([[0.123456789, np.nan]] * 5))
    assert histogram.percentile(50)[0] == 0.123456789
    assert np.isnan(histogram.percentile(50)[1])
    assert histogram.counts.sum() == 5
    assert histogram.counts[0, int(0.123456789 * 7)] == 5


def test_equal_bounds_do_not_divide_by_zero() -> None:
    histogram = ScoreHistogram(1, (3.0, 3.0), bins=4)
    histogram.add(np.array([[3.0], [3.0]]))
    assert histogram.percentile(95)[0] == 3.0


def test_large_runs_keep_no_replication_and_stay_close_to_exact(
    asem_spec: IndexSpec, asem_data: IndexData
) -> None:
    inputs = UncertainInputs(
        weight_noise={2: 0.5},
        normalisations=[NormaliseSpec(method="minmax", range=(1, 100))],
        aggregations=["arithmetic", "geometric"],
    )
    exact = run_uncertainty(asem_spec, asem_data, inputs, replications=400, seed=3)
    binned = run_uncertainty(
        asem_spec, asem_data, inputs, replications=400, seed=3, exact_scores_limit=0
    )
    assert exact.ranks is None and exact.scores is None
    assert binned.ranks is None and binned.scores is None
    columns = ["nominal_score", "nominal_rank", "rank_median", "rank_q05", "rank_q95"]
    assert exact.summary[columns].equals(binned.summary[columns])
    width = 99 / 4096
    for column in ("score_median", "score_q05", "score_q95"):
        np.testing.assert_allclose(binned.summary[column], exact.summary[column], atol=width)
    assert exact.rank_counts.shape == (len(exact.units), len(exact.units) + 1)
    assert (exact.rank_counts.sum(axis=1) == 400).all()
    assert (exact.rank_counts[:, 0] == 0).all()


def test_kept_replications_are_the_ones_summarised(
    asem_spec: IndexSpec, asem_data: IndexData
) -> None:
    inputs = UncertainInputs(weight_noise={2: 0.25, 3: 0.25})
    result = run_uncertainty(
        asem_spec, asem_data, inputs, replications=150, seed=2, chunk=40, keep_replications=True
    )
    assert result.ranks is not None and result.scores is not None
    assert result.ranks.shape == result.scores.shape == (150, len(result.units))
    summary = result.summary.reindex(result.units)
    np.testing.assert_array_equal(summary["rank_q95"], np.percentile(result.ranks, 95, axis=0))
    np.testing.assert_array_equal(summary["score_median"], np.median(result.scores, axis=0))
    assert result.replications == 150
    assert list(result.summary["nominal_rank"]) == sorted(result.summary["nominal_rank"])
