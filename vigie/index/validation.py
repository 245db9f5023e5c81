"""Checks on an upload that the engine does not make: every number finite and of a plausible size,
no control characters in any cell, weights and targets of the spec finite.

``float()`` reads ``inf``, ``1e309`` and ``-1e308`` as numbers, so without these checks such
values entered the computation and came out as infinite or meaningless scores. Errors name the
row (the line of the file, the header being line 1) and the column, as the loaders do.
"""

import math
import unicodedata
from io import StringIO

import composite
from vigie.index.errors import UploadRejected

# No indicator or denominator the index uses comes near this (world GDP in US dollars is about
# 1e14); anything larger is a unit mistake or an attempt to overflow the computation.
MAX_MAGNITUDE = 1e15
MAX_WEIGHT = 1e6
MAX_ERRORS_LISTED = 20


def _control_character(cell: str) -> str | None:
    for character in cell:
        if unicodedata.category(character) == "Cc" and character != "\t":
            return f"U+{ord(character):04X}"
    return None


def _number_problem(cell: str) -> str | None:
    try:
        value = float(cell)
    except ValueError:
        return None  # not a number at all: the engine names it ("'x' is not a number")
    if math.isnan(value):
        return f"'{cell}' is not a number (leave the cell empty for a missing value)"
    if not math.isfinite(value) or abs(value) > MAX_MAGNITUDE:
        return f"'{cell}' is out of range (at most {MAX_MAGNITUDE:g} in absolute value)"
    return None


def check_indicator_table(csv_text: str, spec: composite.IndexSpec) -> None:
    """Raise ``UploadRejected`` listing every bad cell by row and column."""
    import pandas as pd  # imported here: pandas is loaded only when an upload is checked

    try:
        table = pd.read_csv(StringIO(csv_text), dtype=str, keep_default_na=False)
    except (ValueError, pd.errors.ParserError):
        return  # unreadable as a table: the engine's reading of it gives the message
    numeric = {i.code for i in spec.indicators} | {
        i.denominator for i in spec.indicators if i.denominator
    }
    problems = []
    for column in table.columns:
        label = _control_character(str(column))
        if label:
            problems.append(f"Header, column `{column!r}`: contains the control character {label}")
    for position, row in enumerate(table.itertuples(index=False), start=2):
        for column, cell in zip(table.columns, row, strict=True):
            label = _control_character(cell)
            if label:
                problems.append(
                    f"Row {position}, column `{column}`: contains the control character {label}"
                )
            elif column in numeric and cell.strip():
                problem = _number_problem(cell.strip())
                if problem:
                    problems.append(f"Row {position}, column `{column}`: {problem}")
    if problems:
        more = len(problems) - MAX_ERRORS_LISTED
        listed = problems[:MAX_ERRORS_LISTED] + ([f"… and {more} more"] if more > 0 else [])
        raise UploadRejected("\n".join(listed))


def check_spec_numbers(spec: composite.IndexSpec) -> None:
    """Weights and targets must be finite numbers of a plausible size (``1e309`` reads as inf)."""
    weights = [
        (f"indicators[{position}]", node.code, node.weight)
        for position, node in enumerate(spec.indicators)
    ] + [
        (f"aggregates[{position}]", node.code, node.weight)
        for position, node in enumerate(spec.aggregates)
    ]
    problems = [
        f"{path}.weight ({code}): {weight!r} is not a weight "
        f"(a finite number of at most {MAX_WEIGHT:g})"
        for path, code, weight in weights
        if not (math.isfinite(weight) and abs(weight) <= MAX_WEIGHT)
    ]
    for position, indicator in enumerate(spec.indicators):
        target = indicator.target
        if target is not None and not (math.isfinite(target) and abs(target) <= MAX_MAGNITUDE):
            problems.append(
                f"indicators[{position}].target ({indicator.code}): {target!r} is out of range"
            )
    if problems:
        raise UploadRejected("invalid spec:\n  " + "\n  ".join(problems))
