"""Cases that pin down the remaining choices: transformations, Sobol' estimators, reading specs."""

import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from composite import (
    IndexData,
    IndexSpec,
    NormaliseSpec,
    SpecError,
    UncertainInputs,
    load_spec,
    run_sensitivity,
)
from composite.batch import noisy_factors
from composite.cli import HELP, PROG, _parser
from composite.progress import ProgressBar
from composite.sensitivity import sobol_indices
from composite.spec import TreatSpec
from composite.stagecsv import StageWriter
from composite.tests.conftest import ASEM_SPEC
from composite.treat import log_transform, passes, treat_values

SKEWED = np.array([1.0, 2, 2, 3, 4, 9, 30])


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("log_ct", np.log(SKEWED - 1 + 0.01 * 29)),
        ("log_ct_orig", np.log(SKEWED - 1 + 1)),
        ("log_ct_plus", np.log(SKEWED - 1 + 0.01 * 29)),
        ("log_gii", np.log((30 - 1) * (SKEWED - 1) / 29 + 1)),
    ],
)
def test_log_transformations_by_hand(kind: str, expected: np.ndarray) -> None:
    np.testing.assert_allclose(log_transform(SKEWED, kind), expected)


def test_log_ct_plus_mirrors_a_negative_skew_and_unknown_kinds_fail() -> None:
    mirrored = -SKEWED
    np.testing.assert_allclose(
        log_transform(mirrored, "log_ct_plus"), -np.log(-1 + 0.29 - mirrored)
    )
    with pytest.raises(ValueError, match="unknown transformation 'log_magic'"):
        log_transform(SKEWED, "log_magic")


def test_the_skew_and_kurtosis_rule_needs_both_to_fail() -> None:
    x = np.array([1.0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 200])
    assert not passes(x, 2.0, 3.5)
    assert passes(x, 100.0, 3.5)  # |skew| below its threshold
    assert passes(x, 2.0, 100.0)  # kurtosis below its threshold
    assert passes(np.array([1.0, 2.0]), 2.0, 3.5)  # too few values to judge
    assert passes(np.array([3.0, 3.0, 3.0, 3.0]), 2.0, 3.5)  # constant


def test_forced_treatment_winsorises_a_passing_indicator() -> None:
    x = np.array([1.0, 2, 3, 4, 5, 6, 7])
    forced = treat_values(x, TreatSpec(method="winsorise", winsorise_max=2, force=True))
    assert forced.winsorised == 2 and forced.values.max() == 6 and forced.values.min() == 2
    untouched = treat_values(x, TreatSpec(method="winsorise"))
    assert untouched.winsorised == 0
    np.testing.assert_array_equal(untouched.values, x)


def test_sobol_estimators_by_hand() -> None:
    y = np.array([1.0, 4.0, 2.0, 5.0, 3.0, 1.0, 6.0, 2.0])  # n = 2, d = 2: A, B, AB1, AB2
    table, variance = sobol_indices(y, 2, 2)
    y_a, y_b, y_ab = y[:2], y[2:4], y[4:].reshape(2, 2)
    v = np.var(y[:4], ddof=1)
    assert variance == pytest.approx(v)
    np.testing.assert_allclose(table["Si"], (y_b * (y_ab - y_a)).mean(axis=1) / v)
    np.testing.assert_allclose(table["STi"], ((y_a - y_ab) ** 2).sum(axis=1) / (2 * 2 * v))
    assert list(table.columns) == ["Si", "STi"]
    with pytest.raises(SpecError, match="expected 8 outputs for N = 2, d = 2; got 7"):
        sobol_indices(y[:7], 2, 2)


def test_sobol_bootstrap_intervals_by_hand() -> None:
    y = np.random.default_rng(4).normal(size=6 * 4)  # n = 6, d = 2
    table, v = sobol_indices(y, 6, 2, bootstrap=30, rng=np.random.default_rng(9))
    picks = np.random.default_rng(9).integers(6, size=(30, 6))
    y_a, y_b, y_ab = y[:6], y[6:12], y[12:].reshape(2, 6)
    first = (y_b[None, :] * (y_ab - y_a[None, :]))[:, picks].mean(axis=2) / v
    total = ((y_a[None, :] - y_ab) ** 2)[:, picks].sum(axis=2) / (2 * 6 * v)
    np.testing.assert_allclose(table["Si_q05"], np.percentile(first, 5, axis=1))
    np.testing.assert_allclose(table["Si_q95"], np.percentile(first, 95, axis=1))
    np.testing.assert_allclose(table["STi_q05"], np.percentile(total, 5, axis=1))
    np.testing.assert_allclose(table["STi_q95"], np.percentile(total, 95, axis=1))


def test_one_uncertain_input_explains_all_the_variance(
    asem_spec: IndexSpec, asem_data: IndexData
) -> None:
    inputs = UncertainInputs(
        aggregations=["arithmetic", "geometric"],
        normalisations=[NormaliseSpec(method="minmax", range=(1, 100))],
    )
    result = run_sensitivity(
        asem_spec, asem_data, inputs, base_samples=200, bootstrap=0, unit="AUT", target="score"
    )
    assert list(result.indices.index) == ["aggregation"] and result.runs == 200 * 3
    assert list(result.indices.columns) == ["Si", "STi"]
    assert result.indices.loc["aggregation", "STi"] == pytest.approx(1.0, abs=0.15)
    assert result.variance > 0


def test_an_input_that_does_not_move_a_rank_has_no_effect(
    asem_spec: IndexSpec, asem_data: IndexData
) -> None:
    """Min-max to [1, 100] or [0, 100] gives the same arithmetic ranks: index 0."""
    inputs = UncertainInputs(
        weight_noise={2: 0.5},
        normalisations=[
            NormaliseSpec(method="minmax", range=(1, 100)),
            NormaliseSpec(method="minmax", range=(0, 100)),
        ],
    )
    result = run_sensitivity(
        asem_spec, asem_data, inputs, base_samples=64, bootstrap=10, unit="CHN", seed=3
    )
    indices = result.indices
    assert list(indices.index) == ["weights (level 2)", "normalisation"]
    assert indices["STi"].to_numpy()[1] == 0
    assert indices["STi"].to_numpy()[0] > 0.5
    again = run_sensitivity(
        asem_spec, asem_data, inputs, base_samples=64, bootstrap=10, unit="CHN", seed=3
    )
    pd.testing.assert_frame_equal(indices, again.indices)
    mean_shift = run_sensitivity(asem_spec, asem_data, inputs, base_samples=32, bootstrap=0)
    assert mean_shift.indices["STi"].to_numpy()[0] > 0.5


def test_sensitivity_refuses_what_it_cannot_do(asem_spec: IndexSpec, asem_data: IndexData) -> None:
    with pytest.raises(SpecError, match="at least one uncertain input"):
        run_sensitivity(asem_spec, asem_data, UncertainInputs(), base_samples=4)
    with pytest.raises(SpecError, match="unit 'XXX' is not in the data"):
        run_sensitivity(
            asem_spec, asem_data, UncertainInputs(weight_noise={2: 0.2}), base_samples=4, unit="XXX"
        )


def test_noisy_factors_follow_coinr() -> None:
    factors = noisy_factors(0.25, 1000, 3, np.random.default_rng(1))
    draws = np.random.default_rng(1).random((1000, 3))
    np.testing.assert_allclose(factors, 1 + (draws * 2 - 1) * 0.25)
    assert factors.min() >= 0.75 and factors.max() <= 1.25


def test_specs_are_read_from_paths_or_text(tmp_path: Path) -> None:
    assert load_spec(ASEM_SPEC).index.levels[-1] == "Index"
    assert load_spec(str(ASEM_SPEC)).index_code == load_spec(ASEM_SPEC).index_code
    text = ASEM_SPEC.read_text()
    assert load_spec(text).indicator_codes == load_spec(ASEM_SPEC).indicator_codes
    one_line = '[index]\nname = "x"'
    with pytest.raises(SpecError, match=r"^invalid spec:"):
        load_spec(one_line)
    with pytest.raises(SpecError, match=r"cannot read the spec: .*No such file"):
        load_spec(tmp_path / "missing.toml")
    with pytest.raises(SpecError, match="cannot read the spec"):
        load_spec("  [index")


def test_the_parser_defaults_and_choices() -> None:
    parser = _parser()
    assert parser.prog == PROG
    run = parser.parse_args(["run", "s.toml", "d.csv", "--out", "o"])
    assert (run.command, run.spec, run.data, run.out) == (
        "run", Path("s.toml"), Path("d.csv"), Path("o")
    )  # fmt: skip
    with pytest.raises(SystemExit):
        parser.parse_args(["run", "s.toml", "d.csv"])  # --out is required
    unc = parser.parse_args(["uncertainty", "s.toml", "d.csv"])
    assert (unc.replications, unc.seed, unc.out) == (1000, 0, Path("."))
    assert unc.weight_noise == unc.normalisation == unc.aggregation == []
    assert unc.winsorise_limit == unc.imputation == []
    many = parser.parse_args(
        ["uncertainty", "s", "d", "-n", "5", "--winsorise-limit", "2", "--winsorise-limit", "3"]
        + [f"--normalisation={m}" for m in ("minmax", "zscore", "rank", "prank", "borda")]
        + [f"--normalisation={m}" for m in ("dist2max", "fracmax")]
        + [f"--aggregation={m}" for m in ("arithmetic", "geometric", "harmonic", "generalised")]
        + [f"--imputation={m}" for m in ("none", "mean", "median", "mean_group", "median_group")]
    )
    assert many.replications == 5 and many.winsorise_limit == [2, 3]
    assert len(many.normalisation) == 7 and len(many.aggregation) == 4
    assert len(many.imputation) == 5
    with pytest.raises(SystemExit):
        parser.parse_args(["uncertainty", "s", "d", "--normalisation", "goalposts"])
    text = parser.format_help() + _subparser_help(parser, "uncertainty")
    for key in ("run", "uncertainty", "weight-noise", "normalisation"):
        assert " ".join(HELP[key].split()) in " ".join(text.split())


def _subparser_help(parser: object, name: str) -> str:
    actions = parser._subparsers._group_actions  # type: ignore[attr-defined]
    return str(actions[0].choices[name].format_help())


def test_the_progress_bar_defaults_to_standard_error(capsys: pytest.CaptureFixture[str]) -> None:
    bar = ProgressBar("work")
    assert bar.stream is sys.stderr and bar.width == 30
    bar(15, 30)
    assert capsys.readouterr().err.startswith("\rwork [" + "#" * 15 + "-" * 15 + "] 15/30 (")


def test_the_stage_writer_rewrites_changed_cells_and_keeps_the_rest(tmp_path: Path) -> None:
    writer = StageWriter()
    first = pd.DataFrame({"a": [1.0, 2.0], "b": [0.5, np.nan]}, index=["X", "Y"])
    writer.write(first, tmp_path / "1.csv", "unit")
    second = first.assign(a=[1.0, 3.0])  # same units, one value changed
    writer.write(second, tmp_path / "2.csv", "unit")
    assert (tmp_path / "2.csv").read_text() == "unit,a,b\nX,1.0,0.5\nY,3.0,\n"
    third = second.assign(b=[-0.0, 2.0])  # -0.0 equals 0.0 but is written differently
    writer.write(third, tmp_path / "3.csv", "unit")
    writer.write(third.assign(b=[0.0, 2.0]), tmp_path / "4.csv", "unit")
    assert (tmp_path / "3.csv").read_text() == "unit,a,b\nX,1.0,-0.0\nY,3.0,2.0\n"
    assert (tmp_path / "4.csv").read_text() == "unit,a,b\nX,1.0,0.0\nY,3.0,2.0\n"
    duplicated = pd.DataFrame([[1.0, 2.0]], columns=["a", "a"], index=["X"])
    writer.write(duplicated, tmp_path / "5.csv", "unit")
    assert (tmp_path / "5.csv").read_text() == duplicated.to_csv(index_label="unit")
