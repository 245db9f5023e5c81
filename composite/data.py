"""Reading and checking input data against a spec (COINr's checks in ``new_coin``).

The data are one table: a unit code column, optional name and group columns, denominator
columns, and one column per indicator. Checks name the unit and the indicator at fault:
duplicated units, missing columns, non-numeric values, too little coverage, and values a
chosen method cannot take (zero or negative values where a geometric mean or log needs
positive numbers are reported by those steps).
"""

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from composite.errors import DataError
from composite.normalise import map_categories
from composite.spec import IndexSpec


@dataclass(frozen=True)
class IndexData:
    """Indicators (units × indicators, numeric), denominators, groups and unit names."""

    indicators: pd.DataFrame
    denominators: pd.DataFrame
    groups: pd.DataFrame
    names: pd.Series


DataSource = str | Path | pd.DataFrame | IndexData
"""What the entry points read: a CSV path, a table, or data already prepared."""


def read_table(source: str | Path | pd.DataFrame, unit_column: str = "uCode") -> pd.DataFrame:
    """Read the data table; numbers are parsed by the CSV reader, unit codes stay text."""
    if isinstance(source, pd.DataFrame):
        return source.copy()
    try:
        return pd.read_csv(source, dtype={unit_column: str}, keep_default_na=False, na_values=[""])
    except (OSError, pd.errors.ParserError) as error:
        raise DataError(f"cannot read the data: {error}") from None


def prepare_data(spec: IndexSpec, source: str | Path | pd.DataFrame) -> IndexData:
    """Check the table against the spec and split it into its parts."""
    unit_column = spec.index.unit_column
    table = read_table(source, unit_column)
    if unit_column not in table.columns:
        raise DataError(f"the data have no unit column {unit_column!r}")
    units = table[unit_column].astype(str).str.strip()
    duplicated = units[units.duplicated()]
    if not duplicated.empty:
        raise DataError(f"unit {duplicated.iloc[0]!r} appears more than once in the data")
    if (units == "").any() or units.isna().any():
        raise DataError(f"a row has no unit code in column {unit_column!r}")
    table = table.set_index(units)
    table.index.name = unit_column

    missing = [code for code in spec.indicator_codes if code not in table.columns]
    if missing:
        raise DataError(f"indicator column(s) missing from the data: {', '.join(missing)}")
    denominators = sorted({i.denominator for i in spec.indicators if i.denominator})
    absent = [column for column in denominators if column not in table.columns]
    if absent and spec.steps.denominate.enabled:
        raise DataError(f"denominator column(s) missing from the data: {', '.join(absent)}")

    columns: dict[str, pd.Series | np.ndarray] = {}
    for indicator in spec.indicators:
        column = table[indicator.code]
        normalise = indicator.normalise or spec.steps.normalise
        if normalise.method == "categorical" and normalise.mapping:
            columns[indicator.code] = map_categories(column, normalise.mapping, indicator.code)
        else:
            columns[indicator.code] = _numeric(column, indicator.code).to_numpy()
    indicators = pd.DataFrame(columns, index=table.index)
    coverage = indicators.notna().mean()
    empty = coverage[coverage == 0]
    if not empty.empty:
        raise DataError(f"indicator {empty.index[0]!r} has no value for any unit")

    denominator_frame = pd.DataFrame(index=table.index)
    for denominator in denominators:
        if denominator in table.columns:
            denominator_frame[denominator] = _numeric(table[denominator], denominator)
    group_columns = [
        c
        for c in table.columns
        if c not in set(spec.indicator_codes) | set(denominators) | {spec.index.name_column}
    ]
    names = (
        table[spec.index.name_column].astype(str)
        if spec.index.name_column and spec.index.name_column in table.columns
        else pd.Series(table.index, index=table.index)
    )
    return IndexData(indicators, denominator_frame, table[group_columns], names)


def _numeric(column: pd.Series, code: str) -> pd.Series:
    if pd.api.types.is_numeric_dtype(column):
        return column.astype(float).replace([np.inf, -np.inf], np.nan)
    converted = pd.to_numeric(column, errors="coerce")
    bad = column.notna() & converted.isna()
    if bad.any():
        unit = bad[bad].index[0]
        raise DataError(f"unit {unit!r}, indicator {code!r}: {column[unit]!r} is not a number")
    return converted.astype(float).replace([np.inf, -np.inf], np.nan)
