"""The engine's edges: the package's lazy names, the command line, the stage writer's reuse of
formatted cells, Sobol' inputs one at a time, COINr aggregate weights, binned percentiles.

Mutants that ``make mutate`` leaves alive on purpose are equivalent ones (no behaviour can tell
them apart); they are listed in ``composite/README.md`` under "Mutation testing".
"""

import builtins
import io
import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import composite
from composite import (
    IndexData,
    IndexSpec,
    NormaliseSpec,
    SpecError,
    UncertainInputs,
    cronbach_alpha,
    pca_by_aggregate,
    run_pipeline,
    run_sensitivity,
    spec_document_from_coinr,
    stagecsv,
)
from composite.cli import HELP, _parser, main
from composite.progress import ProgressBar
from composite.stagecsv import StageWriter
from composite.tests.conftest import ASEM, ASEM_SPEC
from composite.uncertainty import ScoreHistogram

DATA = str(ASEM / "iData.csv")


# The package ---------------------------------------------------------------------------------


def test_public_names_are_the_modules_objects_imported_on_first_use(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from composite import pipeline, sensitivity

    monkeypatch.delitem(vars(composite), "reaggregate", raising=False)
    monkeypatch.delitem(vars(composite), "SensitivityResult", raising=False)
    assert composite.reaggregate is pipeline.reaggregate
    assert vars(composite)["reaggregate"] is pipeline.reaggregate  # kept: no second look-up
    assert composite.SensitivityResult is sensitivity.SensitivityResult
    with pytest.raises(AttributeError, match="no_such_name"):
        _ = composite.no_such_name


# The command line ----------------------------------------------------------------------------


def test_the_help_describes_the_commands_and_their_options(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert "python -m composite run SPEC DATA --out DIR" in _parser().format_help()
    with pytest.raises(SystemExit) as exited:
        main(["uncertainty", "--help"])
    assert exited.value.code == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "--weight-noise LEVEL=NOISE" in text
    assert HELP["aggregation"] in text and HELP["weight-noise"] in text


@pytest.mark.parametrize(
    "arguments",
    [
        [],
        ["uncertainty", str(ASEM_SPEC), DATA, "--aggregation", "median"],
        ["uncertainty", str(ASEM_SPEC), DATA, "--imputation", "magic"],
        ["uncertainty", str(ASEM_SPEC), DATA, "--normalisation", "magic"],
    ],
)
def test_a_missing_command_or_an_unknown_method_is_a_usage_error(arguments: list[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(arguments)
    assert exited.value.code == 2


def test_run_creates_the_output_folder_and_labels_units(tmp_path: Path) -> None:
    out = tmp_path / "new" / "folder"
    assert main(["run", str(ASEM_SPEC), DATA, "--out", str(out)]) == 0
    for name in ("results.csv", "screening.csv", "stage_raw.csv"):
        assert (out / name).read_text().split(",", 1)[0] == "uCode", name


def test_uncertainty_creates_the_output_folder_and_labels_its_progress(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "new" / "folder"
    arguments = ["uncertainty", str(ASEM_SPEC), DATA, "-n", "20", "--weight-noise", "2=0.25"]
    assert main([*arguments, "--out", str(out)]) == 0
    assert (out / "rank_intervals.csv").exists()
    assert "replications [" in capsys.readouterr().err


def test_the_progress_bar_shows_the_time_elapsed() -> None:
    stream = io.StringIO()
    bar = ProgressBar("steps", stream=stream, width=4)
    bar(1, 2)
    bar(2, 2)
    lines = stream.getvalue()
    assert "steps [##--] 1/2" in lines and "steps [####] 2/2" in lines and lines.endswith("\n")
    elapsed = [float(seconds) for seconds in re.findall(r"\((\d+\.\d) s\)", lines)]
    assert len(elapsed) == 2 and all(0 <= seconds < 60 for seconds in elapsed)


# The stage writer ----------------------------------------------------------------------------


def test_the_stage_writer_formats_only_the_numbers_that_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its purpose is speed: an unchanged cell reuses the text of the stage before."""
    formatted: list[object] = []

    def counting_repr(value: object) -> str:
        formatted.append(value)
        return builtins.repr(value)

    monkeypatch.setattr(stagecsv, "repr", counting_repr, raising=False)
    writer = StageWriter()
    first = pd.DataFrame(
        {"a": [1.0, 2.0, 4.0], "b": [0.5, 0.25, 8.0]}, index=pd.Index(["X", "Y", "Z"])
    )
    writer.write(first, tmp_path / "1.csv", "unit")
    assert sorted(formatted) == [0.25, 0.5, 1.0, 2.0, 4.0, 8.0]  # type: ignore[type-var]
    formatted.clear()
    second = first.assign(a=[1.0, 3.0, 4.0])
    writer.write(second, tmp_path / "2.csv", "unit")
    assert formatted == [3.0]
    assert (tmp_path / "2.csv").read_text() == "unit,a,b\nX,1.0,0.5\nY,3.0,0.25\nZ,4.0,8.0\n"
    formatted.clear()
    writer.write(second.loc[["Z", "X", "Y"]], tmp_path / "3.csv", "unit")  # same cells, moved
    assert formatted == []
    assert (tmp_path / "3.csv").read_text() == "unit,a,b\nZ,4.0,8.0\nX,1.0,0.5\nY,3.0,0.25\n"


# Sensitivity ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("inputs", "label"),
    [
        (UncertainInputs(imputations=["mean_group", "median"]), "imputation"),
        (UncertainInputs(winsorise_limits=[1, 5]), "winsorisation limit"),
        (
            UncertainInputs(
                normalisations=[
                    NormaliseSpec(method="minmax", range=(1, 100)),
                    NormaliseSpec(method="zscore", mean=10, sd=1),
                ]
            ),
            "normalisation",
        ),
    ],
)
def test_each_discrete_input_alone_moves_the_ranks(
    asem_spec: IndexSpec, asem_data: IndexData, inputs: UncertainInputs, label: str
) -> None:
    result = run_sensitivity(asem_spec, asem_data, inputs, base_samples=16, bootstrap=0)
    assert list(result.indices.index) == [label]
    assert result.variance > 0


def test_sensitivity_without_uncertain_input_says_so(
    asem_spec: IndexSpec, asem_data: IndexData
) -> None:
    with pytest.raises(SpecError) as refused:
        run_sensitivity(asem_spec, asem_data, UncertainInputs(), base_samples=4)
    assert str(refused.value) == "sensitivity analysis needs at least one uncertain input"


# COINr, reliability, binned percentiles ------------------------------------------------------


def test_coinr_aggregates_keep_their_weight_and_may_have_no_name() -> None:
    imeta = pd.DataFrame(
        [
            ["x", "X", "Indicator", 1, "A", 1, 1.0],
            ["y", "Y", "Indicator", 1, "A", 1, 1.0],
            ["A", None, "Aggregate", 2, "I", None, 2.5],
            ["B", "Bee", "Aggregate", 2, "I", None, None],
            ["I", "Index", "Aggregate", 3, None, None, None],
        ],
        columns=["iCode", "iName", "Type", "Level", "Parent", "Direction", "Weight"],
    )
    document = spec_document_from_coinr(imeta, name="Small", level_names=["i", "p", "index"])
    weights = {entry["code"]: entry["weight"] for entry in document["aggregates"]}
    assert weights == {"A": 2.5, "B": 1.0, "I": 1.0}
    assert document["aggregates"][0]["name"] == ""


def test_cronbach_alpha_needs_two_units_and_two_columns() -> None:
    two_units = pd.DataFrame({"a": [1.0, 2.0], "b": [1.5, 2.5]})
    assert cronbach_alpha(two_units) == pytest.approx(1.0)
    assert math.isnan(cronbach_alpha(two_units.iloc[:1]))
    assert math.isnan(cronbach_alpha(two_units[["a"]]))


def test_pca_reports_every_aggregate_with_its_first_component_oriented_positively(
    asem_spec: IndexSpec, asem_data: IndexData
) -> None:
    table = pca_by_aggregate(run_pipeline(asem_spec, asem_data))
    assert list(table.index) == [aggregate.code for aggregate in asem_spec.aggregates]
    for code, loadings in table["loadings"].items():
        assert list(loadings) == asem_spec.children(str(code))
        assert sum(loadings.values()) > 0, code


def test_histogram_extremes_ignore_gaps_and_the_top_bin_holds_the_top_scores() -> None:
    histogram = ScoreHistogram(1, (0.0, 1.0), bins=10)
    histogram.add(np.array([[0.95], [np.nan], [0.99]]))
    assert (histogram.minimum[0], histogram.maximum[0]) == (0.95, 0.99)
    assert histogram.counts[0, 9] == 2
    # Both scores in the top bin: the median lies between the two in-bin estimates.
    assert 0.95 < histogram.percentile(50)[0] < 0.99
