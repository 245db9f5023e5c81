from pathlib import Path

import pandas as pd
import pytest

from composite.cli import main
from composite.tests.conftest import ASEM, ASEM_SPEC


def test_run_writes_every_stage_and_the_results(tmp_path: Path) -> None:
    assert main(["run", str(ASEM_SPEC), str(ASEM / "iData.csv"), "--out", str(tmp_path)]) == 0
    for stage in (
        "raw",
        "denominated",
        "imputed",
        "screened",
        "treated",
        "normalised",
        "aggregated",
    ):
        assert (tmp_path / f"stage_{stage}.csv").exists()
    results = pd.read_csv(tmp_path / "results.csv")
    assert len(results) == 51 and results["rank"].min() == 1
    assert results.columns[0] == "uCode"  # the unit column keeps the data's name
    assert pd.read_csv(tmp_path / "screening.csv").columns[0] == "uCode"


def test_uncertainty_writes_rank_intervals_and_shows_progress(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        [
            "uncertainty",
            str(ASEM_SPEC),
            str(ASEM / "iData.csv"),
            "-n",
            "300",
            "--weight-noise",
            "2=0.25",
            "--aggregation",
            "arithmetic",
            "--aggregation",
            "geometric",
            "--normalisation",
            "minmax",
            "--out",
            str(tmp_path),
        ]
    )
    assert code == 0
    intervals = pd.read_csv(tmp_path / "rank_intervals.csv")
    assert {"nominal_rank", "rank_median", "rank_q05", "rank_q95"} <= set(intervals.columns)
    assert "300/300" in capsys.readouterr().err


def test_bad_data_is_one_clear_message_and_exit_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = (ASEM / "iData.csv").read_text().replace("4.097985", "four", 1)
    bad = tmp_path / "bad.csv"
    bad.write_text(data)
    assert main(["run", str(ASEM_SPEC), str(bad), "--out", str(tmp_path / "out")]) == 2
    error = capsys.readouterr().err
    assert "unit 'AUT', indicator 'LPI': 'four' is not a number" in error
    assert "Traceback" not in error


def test_bad_spec_names_the_field(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = tmp_path / "spec.toml"
    spec.write_text(ASEM_SPEC.read_text().replace('method = "minmax"', 'method = "magic"'))
    assert main(["run", str(spec), str(ASEM / "iData.csv"), "--out", str(tmp_path)]) == 2
    assert "steps.normalise.method" in capsys.readouterr().err
