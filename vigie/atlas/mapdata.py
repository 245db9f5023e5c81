"""The data behind the map page: one record per measure interval, plus marker coordinates.

The browser replays any year and filter from these records without asking the server again, and
the same strongest-measure rule as ``queries.strongest_in_force`` is applied on both sides.
"""

import csv
import datetime
from functools import cache
from typing import Any

from vigie.atlas.loaders import atlas_data_dir
from vigie.atlas.models import KIND_STRENGTH, Kind, PolicyMeasure
from vigie.atlas.queries import active_periods, effective_start


@cache
def marker_coordinates() -> dict[str, tuple[float, float]]:
    """Approximate centre points of small states and sub-national units (data/atlas)."""
    with (atlas_data_dir() / "coordinates.csv").open(encoding="utf-8") as handle:
        return {
            row["code"]: (float(row["latitude"]), float(row["longitude"]))
            for row in csv.DictReader(handle)
        }


def map_records(measures: list[PolicyMeasure]) -> list[dict[str, Any]]:
    coordinates = marker_coordinates()
    this_year = datetime.date.today().year
    records = []
    for measure in measures:
        code = measure.jurisdiction_code
        point = coordinates.get(code)
        periods: list[tuple[Any, Any]] = active_periods(measure)
        if effective_start(measure) is None and measure.status == "in_force":
            periods = [(None, None)]
        for start, end in periods:
            records.append(
                {
                    "code": code,
                    "name": measure.jurisdiction_name,
                    "id": "" if measure.subdivision_id else measure.country.numeric,
                    "lat": point[0] if point else None,
                    "lon": point[1] if point else None,
                    "kind": measure.kind,
                    "strength": KIND_STRENGTH[Kind(measure.kind)],
                    "from": start.year if start else this_year,
                    "to": end.year if end else None,
                    "substance": measure.substance_scope,
                    "status": measure.status,
                    "region": measure.country.region,
                    "url": measure.get_absolute_url(),
                    "verified": measure.verification == "verified",
                    "verification": str(measure.get_verification_display()),
                }
            )
    return records
