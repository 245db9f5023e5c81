"""The measures CSV format: parsing with row-level errors, a dry-run plan, and applying it.

Staff imports and the bundled loader share this module, so the documented format
(docs/atlas.md) is the one the site itself ships with. A file is parsed completely before anything
is written, and applied in one transaction: a bad row rejects the whole file.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from vigie.atlas.models import (
    Kind,
    PolicyMeasure,
    Precision,
    Sanction,
    Status,
    SubstanceScope,
    Verification,
)
from vigie.atlas.services import (
    EDITED_FIELDS,
    OPTIONAL_COLUMNS,
    MeasureError,
    check_dates,
    resolve_jurisdiction,
    save_measure,
    snapshot_measure,
)
from vigie.core.csvfiles import CsvRow, iter_csv_text
from vigie.core.errors import DataFileError
from vigie.core.freshness import changes_facts
from vigie.core.loading import LoadReport

MEASURE_COLUMNS = tuple(
    name
    for name in ("code", "jurisdiction", "title", *EDITED_FIELDS, "sources")
    if name not in OPTIONAL_COLUMNS
)
REQUIRED = ("code", "jurisdiction", "title", "kind", "status", "substance_scope", "summary_en")
CHOICES = {
    "kind": Kind.values,
    "status": Status.values,
    "substance_scope": SubstanceScope.values,
    "date_precision": Precision.values,
    "sanction": Sanction.values,
    "verification": Verification.values,
}
DEFAULTS = {"date_precision": "day", "sanction": "unknown", "verification": "verified"}
FLAGS = ("expungement", "equity_licensing", "community_reinvestment", "corporate_capture_limits")


@dataclass(frozen=True)
class ParsedMeasure:
    line: int
    code: str
    data: dict[str, Any]


@dataclass
class ImportPlan:
    """What applying a file would do, measure by measure."""

    created: list[str] = field(default_factory=list)
    updated: dict[str, dict[str, list[Any]]] = field(default_factory=dict)
    unchanged: list[str] = field(default_factory=list)

    def as_report(self) -> LoadReport:
        return LoadReport(len(self.created), len(self.updated), len(self.unchanged))

    def __str__(self) -> str:
        return str(self.as_report())


def _date(row: CsvRow, name: str) -> str | None:
    value = row.date(name, required=False)
    return value.isoformat() if value else None


def _parse_row(row: CsvRow, seen: dict[str, int]) -> ParsedMeasure:
    for name in REQUIRED:
        row.required(name)
    code = row.get("code")
    if not code.replace("-", "").isalnum() or code.lower() != code:
        raise row.error("code", f"{code!r} must be lower-case letters, digits and hyphens")
    if code in seen:
        raise row.error("code", f"{code!r} already appears on line {seen[code]}")
    data: dict[str, Any] = {}
    for name, allowed in CHOICES.items():
        data[name] = row.choice(name, allowed, default=DEFAULTS.get(name, ""))
    try:
        resolve_jurisdiction(row.get("jurisdiction"))
    except MeasureError as error:
        raise row.error("jurisdiction", str(error)) from None
    data["jurisdiction"] = row.get("jurisdiction").upper()
    for name in ("proposed_on", "adopted_on", "in_force_on", "ended_on"):
        data[name] = _date(row, name)
    try:
        check_dates(
            {
                name: datetime.date.fromisoformat(data[name]) if data[name] else None
                for name in ("proposed_on", "adopted_on", "in_force_on", "ended_on")
            }
        )
    except MeasureError as error:
        raise row.error("ended_on" if data["ended_on"] else "in_force_on", str(error)) from None
    seize = row.get("police_may_seize")
    data["police_may_seize"] = row.boolean("police_may_seize") if seize else None
    for name in FLAGS:
        data[name] = row.boolean(name)
    for name, default in OPTIONAL_COLUMNS.items():
        data[name] = row.boolean(name) if row.get(name) else default
    for name in ("title", "substances", "thresholds", "summary_en", "summary_fr", "summary_es"):
        data[name] = row.get(name)
    data["notes"] = row.get("notes")
    data["reverses"] = row.get("reverses")
    data["sources"] = sorted(set(row.sources("sources")))
    return ParsedMeasure(line=row.line, code=code, data=data)


def parse_measures(text: str, *, file: str) -> list[ParsedMeasure]:
    """Every row of a measures CSV, validated; the first bad row raises DataFileError."""
    parsed: list[ParsedMeasure] = []
    seen: dict[str, int] = {}
    for row in iter_csv_text(text, file=file, required_columns=MEASURE_COLUMNS):
        measure = _parse_row(row, seen)
        seen[measure.code] = row.line
        parsed.append(measure)
    known = set(seen) | set(PolicyMeasure.objects.values_list("code", flat=True))
    for measure in parsed:
        target = measure.data["reverses"]
        if target and target not in known:
            raise DataFileError(
                file=file,
                line=measure.line,
                field="reverses",
                message=f"no measure has the code {target!r}",
            )
    return parsed


def plan_import(parsed: list[ParsedMeasure]) -> ImportPlan:
    """Compare parsed rows with the database without writing anything (the dry run)."""
    plan = ImportPlan()
    existing = {
        m.code: m
        for m in PolicyMeasure.objects.filter(code__in=[p.code for p in parsed])
        .select_related("country", "subdivision", "reverses")
        .prefetch_related("sources")
    }
    for item in parsed:
        measure = existing.get(item.code)
        if measure is None:
            plan.created.append(item.code)
            continue
        current = snapshot_measure(measure)
        diff = {
            name: [current.get(name), value]
            for name, value in item.data.items()
            if current.get(name) != value
        }
        if diff:
            plan.updated[item.code] = diff
        else:
            plan.unchanged.append(item.code)
    return plan


def _ordered(parsed: list[ParsedMeasure]) -> list[ParsedMeasure]:
    """Measures that are reversed come before the reversals that point at them."""
    return sorted(parsed, key=lambda item: bool(item.data["reverses"]))


@changes_facts
@transaction.atomic
def apply_import(text: str, *, file: str, actor: Any = None) -> ImportPlan:
    """Parse and write a whole file in one transaction; any error leaves the database as it was."""
    parsed = parse_measures(text, file=file)
    plan = ImportPlan()
    for item in _ordered(parsed):
        try:
            _measure, outcome = save_measure(code=item.code, data=item.data, actor=actor)
        except MeasureError as error:
            raise DataFileError(file=file, line=item.line, field=None, message=str(error)) from None
        if outcome == "created":
            plan.created.append(item.code)
        elif outcome == "updated":
            plan.updated[item.code] = {}
        else:
            plan.unchanged.append(item.code)
    return plan
