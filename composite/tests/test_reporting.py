"""What the engine reports around the numbers: errors, tables, analysis, progress, command line."""

import io
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import composite
from composite import (
    SpecError,
    cronbach_alpha,
    cronbach_by_aggregate,
    indistinguishable_pairs,
    parse_spec,
    pca_by_aggregate,
    reaggregate,
    run_pipeline,
)
from composite.analysis import correlations, level_scores
from composite.batch import RunChoices, build_batch_model, evaluate
from composite.cli import _normalisation, main
from composite.normalise import map_categories
from composite.progress import ProgressBar
from composite.tests.conftest import ASEM, ASEM_SPEC
from composite.tests.test_pipeline import DATA
from composite.tests.test_spec import MINIMAL
from composite.uncertainty import UncertainInputs, run_uncertainty
from composite.weight import pca_weights, principal_components


def test_the_package_names_its_public_api_and_refuses_others() -> None:
    assert composite.run_pipeline is run_pipeline
    assert "run_pipeline" in vars(composite)  # looked up once, then kept
    assert "run_uncertainty" in dir(composite)
    with pytest.raises(AttributeError, match="module 'composite' has no attribute 'nothing'"):
        _ = composite.nothing


def test_spec_errors_read_as_paths() -> None:
    bad = {**MINIMAL, "indicators": [*MINIMAL["indicators"][:2], {"code": "c", "weight": "x"}]}
    with pytest.raises(SpecError) as error:
        parse_spec(bad)
    lines = str(error.value).split("\n")
    assert lines[0] == "invalid spec:"
    assert lines[1].startswith("  indicators[2].parent: Field required")
    assert lines[2].startswith("  indicators[2].weight: Input should be a valid number")
    with pytest.raises(SpecError) as error:
        parse_spec({**MINIMAL, "aggregates": MINIMAL["aggregates"][:2]})
    assert str(error.value).startswith("invalid spec:\n  (spec): Value error, ")


def test_the_results_table_lists_name_score_rank_then_aggregates() -> None:
    result = run_pipeline(parse_spec(MINIMAL), DATA.assign(uCode=["D", "C", "B", "A"]))
    table = result.results_table()
    assert list(table.columns) == ["name", "score", "rank", "D1", "D2"]
    assert list(table.index) == ["A", "B", "C", "D"]  # rank 1; then the tie (2) by name; 4
    assert list(table["rank"]) == [1, 2, 2, 4]


def test_reaggregating_equals_building_with_the_new_weights() -> None:
    spec = parse_spec(MINIMAL)
    table = reaggregate(run_pipeline(spec, DATA), {"D1": 3.0, "a": 2.0})
    aggregates = [{**a, "weight": 3.0} if a["code"] == "D1" else a for a in MINIMAL["aggregates"]]
    indicators = [{**i, "weight": 2.0} if i["code"] == "a" else i for i in MINIMAL["indicators"]]
    rebuilt = run_pipeline(
        parse_spec({**MINIMAL, "aggregates": aggregates, "indicators": indicators}), DATA
    )
    pd.testing.assert_frame_equal(table, rebuilt.results_table())


def test_answers_are_matched_without_case_or_spaces() -> None:
    answers = pd.Series([" YES ", "", "No"], index=["A", "B", "C"])
    np.testing.assert_array_equal(
        map_categories(answers, {" yes": 1.0, "no ": 0.0}, "q"), [1.0, np.nan, 0.0]
    )
    with pytest.raises(Exception, match=r"not in the mapping \(yes, no\)$"):
        map_categories(pd.Series(["maybe"], index=["A"]), {"yes": 1, "no": 0}, "q")


def test_cronbach_alpha_needs_two_items_and_two_complete_rows() -> None:
    assert np.isnan(cronbach_alpha(pd.DataFrame({"x": [1.0, 2.0, 3.0]})))
    assert np.isnan(cronbach_alpha(pd.DataFrame({"x": [1.0, np.nan], "y": [2.0, 3.0]})))
    frame = pd.DataFrame({"x": [1.0, 2, 3, 4, np.nan], "y": [2.0, 3, 5, 4, 1]})
    complete = frame.dropna()
    items = complete.var(ddof=1).sum()
    total = complete.sum(axis=1).var(ddof=1)
    assert cronbach_alpha(frame) == pytest.approx(2 * (1 - items / total))
    assert cronbach_alpha(frame) == pytest.approx(8 / 9)


def test_cronbach_by_aggregate_uses_each_aggregates_children() -> None:
    result = run_pipeline(parse_spec(MINIMAL), DATA)
    alphas = cronbach_by_aggregate(result)
    assert alphas.name == "cronbach_alpha"
    stage = result.stages["Aggregated"]
    assert alphas["D1"] == pytest.approx(cronbach_alpha(stage[["a", "b"]]))
    assert alphas["IDX"] == pytest.approx(cronbach_alpha(stage[["D1", "D2"]]))
    assert np.isnan(alphas["D2"])  # one child


def test_correlations_between_levels() -> None:
    result = run_pipeline(parse_spec(MINIMAL), DATA)
    assert list(level_scores(result, 1).columns) == ["a", "b", "c"]
    assert list(level_scores(result, 2).columns) == ["D1", "D2"]
    table = correlations(result, 1, 2)
    assert list(table.index) == ["a", "b", "c"] and list(table.columns) == ["D1", "D2"]
    assert table.loc["a", "D1"] == pytest.approx(1.0)
    assert table.loc["c", "D2"] == pytest.approx(1.0)
    expected = np.corrcoef(result.stages["Normalised"]["a"], result.scores["D2"])[0, 1]
    assert table.loc["a", "D2"] == pytest.approx(expected)


def test_pca_of_two_identical_children_has_one_component() -> None:
    frame = pd.DataFrame({"x": [1.0, 2, 3, 5], "y": [2.0, 4, 6, 10], "z": [1.0, 0, 3, 1]})
    components = principal_components(frame[["x", "y"]].to_numpy())
    assert components is not None
    values, vectors = components
    np.testing.assert_allclose(values, [2.0, 0.0], atol=1e-12)
    np.testing.assert_allclose(np.abs(vectors[:, 0]), [2**-0.5, 2**-0.5])
    assert principal_components(np.array([[1.0, 2.0], [1.0, 3.0], [1.0, 4.0]])) is None
    three = principal_components(frame.to_numpy())
    assert three is not None
    assert three[0][0] >= three[0][1] >= three[0][2]  # largest first


def test_pca_weights_within_each_aggregate() -> None:
    spec = parse_spec(
        {
            **MINIMAL,
            "indicators": [*MINIMAL["indicators"], {"code": "d", "parent": "D1", "weight": 7}],
        }
    )
    frame = pd.DataFrame(
        {"a": [1.0, 2, 3, 4, 5], "b": [2.0, 1, 4, 3, 6], "d": [5.0, 3, 3, 1, 2], "c": [1.0] * 5}
    )
    scores = pd.DataFrame({"D1": [1.0, 2, 3, 4, 5], "D2": [5.0, 1, 2, 2, 3]})
    weights = pca_weights(spec, {1: frame, 2: scores})
    values = principal_components(frame[["a", "b", "d"]].to_numpy())
    assert values is not None
    squared = values[1][:, 0] ** 2
    np.testing.assert_allclose([weights[c] for c in "abd"], squared / squared.sum())
    assert weights["c"] == 1.0  # a single child keeps its weight
    top = principal_components(scores.to_numpy())
    assert top is not None
    np.testing.assert_allclose([weights["D1"], weights["D2"]], top[1][:, 0] ** 2)
    constant = pca_weights(spec, {1: frame.assign(b=1.0), 2: scores})
    assert constant["a"] == 1.0 and constant["d"] == 7  # undefined correlations: unchanged


def test_pca_by_aggregate_reports_positive_loadings_and_the_share() -> None:
    data = DATA.assign(c=["1", "2", "3", "5"])
    result = run_pipeline(parse_spec(MINIMAL), data)
    pca = pca_by_aggregate(result)
    assert list(pca.index) == ["D1", "IDX"]  # D2 has one child
    assert pca.loc["D1", "first_component_share"] == pytest.approx(1.0)
    assert pca.loc["D1", "loadings"] == {"a": pytest.approx(0.707107), "b": 0.707107}
    children = result.stages["Aggregated"][["D1", "D2"]]
    eigenvalues = np.linalg.eigvalsh(np.corrcoef(children.to_numpy(), rowvar=False))
    assert pca.loc["IDX", "first_component_share"] == pytest.approx(eigenvalues[-1] / 2)
    loadings: dict[str, float] = pca.loc["IDX", "loadings"]  # type: ignore[assignment]
    assert all(value > 0 for value in loadings.values())


def test_indistinguishable_pairs_overlap_or_touch() -> None:
    summary = pd.DataFrame(
        {"nominal_rank": [2, 1, 3, 4], "rank_q05": [2, 1, 4, 4], "rank_q95": [3, 2, 4, 5]},
        index=["B", "A", "C", "D"],
    )
    assert indistinguishable_pairs(summary) == [("A", "B"), ("C", "D")]


def test_progress_bar_draws_on_one_line_and_ends_it() -> None:
    stream = io.StringIO()
    bar = ProgressBar("runs", stream=stream, width=10)
    bar(3, 10)
    assert stream.getvalue().startswith("\rruns [###-------] 3/10 (")
    assert stream.getvalue().endswith(" s)")
    bar(10, 10)
    assert "\rruns [##########] 10/10 (" in stream.getvalue()
    assert stream.getvalue().endswith(" s)\n")
    empty = io.StringIO()
    ProgressBar("none", stream=empty, width=4)(0, 0)
    assert empty.getvalue().startswith("\rnone [####] 0/0 (")


def test_batches_of_one_run_give_the_same_scores(asem_spec: composite.IndexSpec) -> None:
    data = composite.prepare_data(asem_spec, ASEM / "iData.csv")
    inputs = UncertainInputs().resolved(asem_spec)
    model = build_batch_model(asem_spec, data, inputs.variants())
    runs = 3
    factors = [
        np.random.default_rng(1).uniform(0.5, 1.5, (runs, len(c))) for c, _p, _m in model.levels
    ]
    choices = RunChoices(
        variant_of_run=np.zeros(runs, dtype=int),
        aggregation_of_run=np.zeros(runs, dtype=int),
        aggregation_methods=["arithmetic"],
        factors_of_run=factors,
    )
    np.testing.assert_allclose(evaluate(model, choices, batch_size=1), evaluate(model, choices))


def test_command_line_normalisations_suit_geometric_means() -> None:
    assert _normalisation("minmax", geometric=True).range == (1.0, 100.0)
    assert _normalisation("minmax", geometric=False).range == (0.0, 100.0)
    zscore = _normalisation("zscore", geometric=True)
    assert (zscore.method, zscore.mean, zscore.sd) == ("zscore", 10.0, 1.0)
    assert _normalisation("zscore", geometric=False).mean == 0.0
    assert _normalisation("rank", geometric=True).method == "rank"


def test_run_writes_what_the_pipeline_computed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["run", str(ASEM_SPEC), str(ASEM / "iData.csv"), "--out", str(tmp_path)]) == 0
    assert capsys.readouterr().out == f"51 units scored; stages and results written to {tmp_path}\n"
    result = run_pipeline(composite.load_spec(ASEM_SPEC), ASEM / "iData.csv")
    results = pd.read_csv(tmp_path / "results.csv", index_col="uCode")
    pd.testing.assert_frame_equal(results, result.results_table(), check_names=False)
    normalised = pd.read_csv(tmp_path / "stage_normalised.csv", index_col="uCode")
    pd.testing.assert_frame_equal(normalised, result.stages["Normalised"], check_names=False)
    treatment = pd.read_csv(
        tmp_path / "treatment.csv", index_col="indicator", keep_default_na=False
    )
    assert list(treatment.index) == list(result.treatment.index)
    screening = pd.read_csv(tmp_path / "screening.csv", index_col="uCode")
    assert list(screening.columns) == list(result.screening.columns)


def test_uncertainty_on_the_command_line_uses_every_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    arguments = [
        "uncertainty", str(ASEM_SPEC), str(ASEM / "iData.csv"), "-n", "60", "--seed", "4",
        "--weight-noise", "2=0.3", "--normalisation", "zscore", "--normalisation", "minmax",
        "--aggregation", "geometric", "--winsorise-limit", "2", "--imputation", "median",
        "--out", str(tmp_path / "out"),
    ]  # fmt: skip
    assert main(arguments) == 0
    written = pd.read_csv(tmp_path / "out" / "rank_intervals.csv", index_col="unit")
    spec = composite.load_spec(ASEM_SPEC)
    inputs = UncertainInputs(
        weight_noise={2: 0.3},
        normalisations=[_normalisation("zscore", True), _normalisation("minmax", True)],
        aggregations=["geometric"],
        winsorise_limits=[2],
        imputations=["median"],
    )
    expected = run_uncertainty(spec, ASEM / "iData.csv", inputs, replications=60, seed=4)
    pd.testing.assert_frame_equal(written, expected.summary, check_names=False)
    out = capsys.readouterr().out.splitlines()
    assert (
        out[0]
        == f"60 replications; rank intervals written to {tmp_path / 'out' / 'rank_intervals.csv'}"
    )
    pairs = len(indistinguishable_pairs(expected.summary))
    assert out[1] == (
        f"{pairs} adjacent pairs of units cannot be told apart (5–95% rank intervals overlap)"
    )


def test_a_bad_weight_noise_is_one_clear_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    arguments = ["uncertainty", str(ASEM_SPEC), str(ASEM / "iData.csv"), "--weight-noise", "2:1"]
    assert main([*arguments, "--out", str(tmp_path)]) == 2
    assert capsys.readouterr().err == "error: --weight-noise '2:1': expected LEVEL=NOISE\n"
    assert main(["uncertainty", str(ASEM_SPEC), str(ASEM / "iData.csv"), "--weight-noise", "9=0.1",
                 "--out", str(tmp_path)]) == 2  # fmt: skip
    assert "weight noise: level 9 must be between 1 and 3" in capsys.readouterr().err


def test_public_names_are_imported_on_first_use_in_a_fresh_interpreter() -> None:
    code = (
        "import sys, composite; "
        "before = 'composite.pipeline' in sys.modules; "
        "f = composite.run_pipeline; "
        "print(before, f.__module__, 'run_pipeline' in vars(composite), "
        "composite.SpecError.__module__)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "composite.pipeline", "True", "composite.errors"]
