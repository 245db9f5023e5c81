"""The fast stage writer writes exactly what pandas writes, stage after stage."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from composite.stagecsv import StageWriter

NUMBERS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0.0, -0.0, 1.0, 1e16, 1e-5, 0.1 + 0.2, np.nan]),
)


def _frame(values: np.ndarray, units: list[str]) -> pd.DataFrame:
    columns = [f"c{k}" for k in range(values.shape[1])]
    return pd.DataFrame(values, index=pd.Index(units, name="uCode"), columns=columns)


@settings(deadline=None)
@given(
    first=arrays(np.float64, st.tuples(st.integers(1, 6), st.integers(1, 4)), elements=NUMBERS),
    data=st.data(),
)
def test_every_stage_is_written_as_pandas_writes_it(
    tmp_path_factory: pytest.TempPathFactory, first: np.ndarray, data: st.DataObject
) -> None:
    folder = tmp_path_factory.mktemp("stages")
    units = [f"U{k}" for k in range(first.shape[0])]
    # The next stage changes some cells (and their sign), keeps others, drops and adds units.
    changed = data.draw(arrays(np.bool_, first.shape))
    second = np.where(changed, -first * 2 + 1, first)
    kept = data.draw(st.lists(st.sampled_from(units), min_size=1, unique=True))
    stages = [
        _frame(first, units),
        _frame(second, units).loc[kept],
        _frame(second, units).loc[kept].assign(extra=1.5),
        _frame(first, units).rename(index=lambda u: u + "x"),
    ]
    writer = StageWriter()
    for number, frame in enumerate(stages):
        ours, theirs = folder / f"ours{number}.csv", folder / f"theirs{number}.csv"
        writer.write(frame, ours, "uCode")
        frame.to_csv(theirs, index_label="uCode")
        assert ours.read_bytes() == theirs.read_bytes()


def test_frames_with_text_or_awkward_names_fall_back_to_pandas(tmp_path: Path) -> None:
    writer = StageWriter()
    frames = [
        pd.DataFrame({"name": ["a", "b"], "score": [1.0, 2.0]}, index=["A", "B"]),
        pd.DataFrame({"x": [1.0]}, index=['Côte "d", Ivoire']),
        pd.DataFrame({"a,b": [1.0]}, index=["A"]),
    ]
    for number, frame in enumerate(frames):
        writer.write(frame, tmp_path / f"{number}.csv", "unit")
        assert (tmp_path / f"{number}.csv").read_text() == frame.to_csv(index_label="unit")
