"""Writing the stages of a build as CSV files, fast enough for thousands of units.

``pandas.DataFrame.to_csv`` formats every number of every stage: on 2,000 units × 200
indicators the seven stages took three quarters of a ``run``. Most cells are the same from
one stage to the next (the raw and denominated values, imputation filling a few gaps, the
normalised indicators again in the aggregated stage), so each number is formatted once:
a cell whose value is bit for bit the one of the same unit and column in the stage written
before reuses its text. The text is what pandas writes (Python's shortest round-trip
``repr``, an empty cell for a missing value), so the files are byte for byte the same.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

_NEEDS_QUOTES = (",", '"', "\n", "\r")


def _format(values: np.ndarray) -> list[str]:
    return ["" if value != value else repr(value) for value in values.tolist()]


def _plain(texts: list[str]) -> bool:
    return not any(mark in text for text in texts for mark in _NEEDS_QUOTES)


class StageWriter:
    """Writes frames of floats as CSV, reusing the text of cells unchanged since the last one."""

    def __init__(self) -> None:
        self.previous: dict[str, tuple[pd.Index, np.ndarray, list[str]]] = {}

    def column_texts(self, code: str, index: pd.Index, values: np.ndarray) -> list[str]:
        known = self.previous.get(code)
        if known is None:
            return _format(values)
        old_index, old_values, old_texts = known
        positions = old_index.get_indexer(index)
        found = positions >= 0
        same = found.copy()
        same[found] = values[found].view(np.int64) == old_values[positions[found]].view(np.int64)
        if same.all() and old_index.equals(index):
            return old_texts
        texts = _format(np.where(same, np.nan, values))
        for row in np.flatnonzero(same):
            texts[row] = old_texts[positions[row]]
        return texts

    def write(self, frame: pd.DataFrame, path: Path, index_label: str) -> None:
        header = [index_label, *map(str, frame.columns)]
        units = [str(unit) for unit in frame.index]
        numeric = all(pd.api.types.is_float_dtype(dtype) for dtype in frame.dtypes)
        if not (numeric and frame.columns.is_unique and _plain(header) and _plain(units)):
            frame.to_csv(path, index_label=index_label)
            return
        columns = []
        for code in frame.columns:
            values = frame[code].to_numpy(dtype=float)
            texts = self.column_texts(str(code), frame.index, values)
            self.previous[str(code)] = (frame.index, values, texts)
            columns.append(texts)
        lines = [",".join(header)]
        lines += [",".join(row) for row in zip(units, *columns, strict=True)]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
