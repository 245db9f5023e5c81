"""Denomination: divide an indicator by a size variable (COINr ``Denominate``).

Extensive quantities (GDP, flights, area) are made comparable across units of different size
by dividing each by its denominator column, e.g. exports / GDP.
"""

import pandas as pd

from composite.errors import DataError


def denominate(
    indicators: pd.DataFrame, denominators: pd.DataFrame, denominator_of: dict[str, str]
) -> pd.DataFrame:
    """Return a copy of ``indicators`` where each column in ``denominator_of`` is divided."""
    result = indicators.copy()
    for code, column in denominator_of.items():
        if column not in denominators.columns:
            raise DataError(f"indicator {code!r}: denominator column {column!r} is not in the data")
        result[code] = indicators[code] / denominators[column]
    return result
