"""The data behind the map page: one record per measure interval, plus marker coordinates.

The browser replays any year and filter from these records without asking the server again, and
the same strongest-measure rule as ``queries.strongest_in_force`` is applied on both sides.

The map page does not embed them: ``map_payload`` is served at ``atlas/map.json``, computed once
per data version and language (``vigie.core.freshness``) and kept in the cache, compact (each
jurisdiction once, each interval as a short row; identical intervals of one jurisdiction are
merged), so that the browser downloads it once and revalidates it with its ETag.
"""

import csv
import datetime
import functools
import gzip
import json
from typing import Any

from django.core.cache import cache
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language

from vigie.atlas.loaders import atlas_data_dir
from vigie.atlas.models import KIND_STRENGTH, Kind, PolicyMeasure, SubstanceScope, Verification
from vigie.atlas.queries import active_periods, effective_start
from vigie.core.freshness import CACHE_SECONDS, data_version
from vigie.core.models import Country


@functools.cache
def marker_coordinates() -> dict[str, tuple[float, float]]:
    """Approximate centre points of small states and sub-national units (data/atlas)."""
    with (atlas_data_dir() / "coordinates.csv").open(encoding="utf-8") as handle:
        return {
            row["code"]: (float(row["latitude"]), float(row["longitude"]))
            for row in csv.DictReader(handle)
        }


# The table under the map (the version read without JavaScript) lists at most this many
# jurisdictions; the list of measures pages through all of them.
TABLE_ROWS = 300

# The columns of a row of ``map_payload()["measures"]``.
MEASURE_COLUMNS = (
    "jurisdiction",
    "kind",
    "from",
    "to",
    "substance",
    "status",
    "verification",
    "code",
)
JURISDICTION_COLUMNS = ("code", "name", "id", "lat", "lon", "region")


def _compact(measures: list[PolicyMeasure]) -> dict[str, Any]:
    coordinates = marker_coordinates()
    this_year = datetime.date.today().year
    jurisdictions: dict[str, int] = {}
    places: list[list[Any]] = []
    rows: list[list[Any]] = []
    seen: set[tuple[Any, ...]] = set()
    for measure in measures:
        code = measure.jurisdiction_code
        if code not in jurisdictions:
            jurisdictions[code] = len(places)
            point = coordinates.get(code)
            places.append(
                [
                    code,
                    measure.jurisdiction_name,
                    "" if measure.subdivision_id else measure.country.numeric,
                    point[0] if point else None,
                    point[1] if point else None,
                    measure.country.region,
                ]
            )
        periods: list[tuple[Any, Any]] = active_periods(measure)
        if effective_start(measure) is None and measure.status == "in_force":
            periods = [(None, None)]
        for start, end in periods:
            row = [
                jurisdictions[code],
                measure.kind,
                start.year if start else this_year,
                end.year if end else None,
                measure.substance_scope,
                measure.status,
                measure.verification,
            ]
            key = tuple(row)
            if key in seen:  # the same interval twice in one jurisdiction draws nothing new
                continue
            seen.add(key)
            rows.append([*row, measure.code])
    return {"jurisdictions": places, "measures": rows}


_COUNTRY_NAMES = tuple(
    f"country__{field.attname}"
    for field in Country._meta.concrete_fields
    if field.attname.startswith("name")
)


def _map_measures() -> list[PolicyMeasure]:
    """Every measure with only what the map draws (two queries whatever the size of the atlas)."""
    return list(
        PolicyMeasure.objects.select_related("country", "subdivision")
        .only(
            "country",
            "subdivision",
            "code",
            "kind",
            "status",
            "substance_scope",
            "verification",
            "adopted_on",
            "in_force_on",
            "ended_on",
            "country__numeric",
            "country__region",
            "country__iso2",
            *_COUNTRY_NAMES,
            "subdivision__code",
            "subdivision__name",
        )
        .prefetch_related(
            Prefetch(
                "reversed_by",
                queryset=PolicyMeasure.objects.only(
                    "status", "in_force_on", "adopted_on", "ended_on", "reverses_id"
                ),
            )
        )
        .order_by("country__name_en", "subdivision__code", "adopted_on", "code")
    )


def _in_force_this_year(payload: dict[str, Any]) -> list[dict[str, Any]]:
    """Per jurisdiction, the strongest measure in force this year (the map's rule, on its rows):
    the table under the map, read without JavaScript."""
    year = datetime.date.today().year
    strength = payload["strength"]
    best: dict[int, list[Any]] = {}
    for row in payload["measures"]:
        place, kind, start, end = row[0], row[1], row[2], row[3]
        if start > year or (end is not None and year >= end):
            continue
        if place not in best or strength[best[place][1]] < strength[kind]:
            best[place] = row
    kinds = dict(Kind.choices)
    substances = dict(SubstanceScope.choices)
    verification = dict(Verification.choices)
    rows = []
    for place, row in best.items():
        code, name = payload["jurisdictions"][place][:2]
        rows.append(
            {
                "jurisdiction_code": code,
                "jurisdiction_name": name,
                "kind_label": str(kinds.get(row[1], row[1])),
                "substance_label": str(substances.get(row[4], row[4])),
                "since": row[2],
                "verified": row[6] == Verification.VERIFIED,
                "verification_label": str(verification.get(row[6], row[6])),
                "url": payload["measure_url"].replace("CODE", row[7], 1),
            }
        )
    return sorted(rows, key=lambda r: r["jurisdiction_name"])


def map_data(part: str, version: int | None = None) -> dict[str, Any]:
    """One part of the map's data for the data version (the current one if not given),
    language and day (cached).

    ``part="json"``: ``gzip``, the body of map.json compressed once (only the compressed body
    is kept: a request reads a seventh of the bytes from the cache; ``map_json_body`` gives it
    plain); ``part="table"``: ``table``, the first ``TABLE_ROWS`` rows of the table under the
    map, and ``in_force``, how many jurisdictions it has in all; ``part="meta"``: nothing more.
    Each says ``jurisdictions`` (how many have a measure), ``version`` and ``modified`` (what
    the ETag and Last-Modified headers say). The parts are cached apart, so that the page never
    reads the whole JSON from the cache, nor a revalidation (``304``) any of it.
    """
    if version is None:
        version = data_version()
    language = get_language() or "en"
    key = f"atlas:map:{version}:{language}:{datetime.date.today().isoformat()}"
    found = cache.get(f"{key}:{part}")
    if found is None:
        modified = timezone.now()
        payload = {
            **_compact(_map_measures()),
            "version": version,
            "modified": modified.isoformat(),
            "columns": {"measures": MEASURE_COLUMNS, "jurisdictions": JURISDICTION_COLUMNS},
            "strength": {kind.value: strength for kind, strength in KIND_STRENGTH.items()},
            "verification": {value: str(label) for value, label in Verification.choices},
            "measure_url": reverse("atlas:measure", args=["CODE"]),
            # Every country's region, by the world map's ids: a region chosen in the filters
            # zooms the map to its countries (a fixed size, whatever the number of measures).
            "regions": dict(
                Country.objects.exclude(numeric="")
                .exclude(region="")
                .values_list("numeric", "region")
            ),
        }
        body = json.dumps(payload, separators=(",", ":")).encode()
        common = {
            "jurisdictions": len(payload["jurisdictions"]),
            "version": version,
            "modified": modified,
        }
        table = _in_force_this_year(payload)
        parts = {
            "meta": common,
            "json": {**common, "gzip": gzip.compress(body, 9)},
            "table": {**common, "table": table[:TABLE_ROWS], "in_force": len(table)},
        }
        cache.set_many({f"{key}:{name}": value for name, value in parts.items()}, CACHE_SECONDS)
        found = parts[part]
    return dict(found)


def map_json_body(data: dict[str, Any]) -> bytes:
    """The plain body of map.json from its cached part (for a client that asks no gzip)."""
    return gzip.decompress(data["gzip"])
