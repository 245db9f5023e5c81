"""Convert COINr's iData / iMeta tables into a spec and a data table.

Researchers who built an index with COINr can move it here as it is: iMeta's Level, iCode,
Direction, Weight, Unit, Target, Denominator and Parent become the framework, and iData stays
the data table (``uCode`` units, group columns, denominators, indicators).
"""

from typing import Any

import pandas as pd

from composite.spec import IndexSpec, parse_spec


def _clean(value: Any) -> Any:
    return None if pd.isna(value) or value == "" else value


def spec_document_from_coinr(
    imeta: pd.DataFrame, *, name: str, level_names: list[str], steps: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Build a spec document (the mapping a TOML spec would hold) from COINr's iMeta."""
    indicators, aggregates = [], []
    for row in imeta.to_dict("records"):
        kind = row["Type"]
        if kind == "Indicator":
            entry: dict[str, Any] = {
                "code": row["iCode"],
                "name": str(_clean(row.get("iName")) or ""),
                "parent": row["Parent"],
                "direction": int(row["Direction"]),
                "weight": float(row["Weight"]),
                "unit": str(_clean(row.get("Unit")) or ""),
            }
            if _clean(row.get("Target")) is not None:
                entry["target"] = float(row["Target"])
            if _clean(row.get("Denominator")) is not None:
                entry["denominator"] = row["Denominator"]
            indicators.append(entry)
        elif kind == "Aggregate":
            entry = {
                "code": row["iCode"],
                "name": str(_clean(row.get("iName")) or ""),
                "level": int(row["Level"]),
                "weight": float(_clean(row.get("Weight")) or 1.0),
            }
            if _clean(row.get("Parent")) is not None:
                entry["parent"] = row["Parent"]
            aggregates.append(entry)
    return {
        "index": {
            "name": name,
            "unit_column": "uCode",
            "name_column": "uName",
            "levels": level_names,
        },
        "steps": steps or {},
        "indicators": indicators,
        "aggregates": aggregates,
    }


def spec_from_coinr(
    imeta: pd.DataFrame, *, name: str, level_names: list[str], steps: dict[str, Any] | None = None
) -> IndexSpec:
    return parse_spec(
        spec_document_from_coinr(imeta, name=name, level_names=level_names, steps=steps)
    )
