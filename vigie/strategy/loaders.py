"""Load the strategic plan from ``data/strategy/`` (see its SOURCES.md).

Files are read in order (plans, pillars, objectives, activities, measures, targets); a bad row
names its file, line and field, and the whole load runs in one transaction. Rows are matched on
their natural keys, so loading twice changes nothing.
"""

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from django.conf import settings
from django.db import transaction

from vigie.core.csvfiles import CsvRow, iter_csv_file
from vigie.core.freshness import changes_facts
from vigie.core.loading import LoadReport, upsert
from vigie.core.services import cite_source
from vigie.strategy.computations import REGISTRY
from vigie.strategy.models import Activity, Objective, Pillar, Plan, SuccessMeasure, Target

NumberedT = TypeVar("NumberedT", Pillar, Objective)


def strategy_data_dir() -> Path:
    return Path(settings.DATA_DIR) / "strategy"


def _lookup(row: CsvRow, field: str, table: dict[Any, Any], key: Any) -> Any:
    found = table.get(key)
    if found is None:
        raise row.error(field, f"{row.get(field)!r} is not defined in the file it refers to")
    return found


def _load_numbered(
    rows: Iterable[CsvRow],
    report: LoadReport,
    model: type[NumberedT],
    plans: dict[str, Plan],
    texts: Callable[[CsvRow], dict[str, str]],
) -> dict[tuple[str, int], NumberedT]:
    """Pillars or objectives: numbered within their plan, found again by (plan code, number)."""
    loaded: dict[tuple[str, int], NumberedT] = {}
    for row in rows:
        plan = _lookup(row, "plan", plans, row.get("plan"))
        number = row.integer("number")
        assert number is not None
        loaded[(plan.code, number)] = upsert(
            report, model, {"plan": plan, "number": number}, texts(row)
        )
    return loaded


@changes_facts
@transaction.atomic
def load_plan(data_dir: Path | None = None) -> dict[str, LoadReport]:
    folder = data_dir or strategy_data_dir()
    reports = {
        name: LoadReport()
        for name in ("plans", "pillars", "objectives", "activities", "measures", "targets")
    }
    plans: dict[str, Plan] = {}
    for row in iter_csv_file(
        folder / "plans.csv",
        required_columns=("code", "title_en", "starts_year", "ends_year", "source_url"),
    ):
        starts, ends = row.integer("starts_year"), row.integer("ends_year")
        assert starts is not None and ends is not None
        if ends < starts:
            raise row.error("ends_year", f"{ends} is before the first year {starts}")
        plan = upsert(
            reports["plans"],
            Plan,
            {"code": row.required("code")},
            {
                **row.translations("title"),
                **row.translations("vision", "mission", required=False),
                "starts_year": starts,
                "ends_year": ends,
            },
        )
        source = cite_source(
            url=row.required("source_url"), title=row.get("source_title"), publisher="IDPC"
        )
        plan.sources.add(source)
        plans[plan.code] = plan
    pillars = _load_numbered(
        iter_csv_file(folder / "pillars.csv", required_columns=("plan", "number", "name_en")),
        reports["pillars"],
        Pillar,
        plans,
        lambda row: {
            **row.translations("name"),
            **row.translations("description", required=False),
        },
    )
    objectives = _load_numbered(
        iter_csv_file(
            folder / "objectives.csv",
            required_columns=("plan", "number", "priority_en", "goal_en"),
        ),
        reports["objectives"],
        Objective,
        plans,
        lambda row: row.translations("priority", "goal"),
    )
    for row in iter_csv_file(
        folder / "activities.csv", required_columns=("plan", "pillar", "objective", "text_en")
    ):
        plan_code = row.get("plan")
        pillar = _lookup(row, "pillar", pillars, (plan_code, row.integer("pillar")))
        objective = _lookup(row, "objective", objectives, (plan_code, row.integer("objective")))
        upsert(
            reports["activities"],
            Activity,
            {"pillar": pillar, "objective": objective},
            row.translations("text"),
        )
    measures: dict[str, SuccessMeasure] = {}
    for row in iter_csv_file(
        folder / "measures.csv",
        required_columns=(
            "plan",
            "objective",
            "code",
            "name_en",
            "computation",
            "unit",
            "baseline_date",
        ),
    ):
        objective = _lookup(
            row, "objective", objectives, (row.get("plan"), row.integer("objective"))
        )
        computation = row.get("computation")
        if computation and computation not in REGISTRY:
            raise row.error("computation", f"{computation!r} is not a computation of the registry")
        unit = row.choice("unit", SuccessMeasure.Unit.values)
        code = row.required("code")
        measures[code] = upsert(
            reports["measures"],
            SuccessMeasure,
            {"code": code},
            {
                "objective": objective,
                "order": row.integer("order", required=False) or 0,
                **row.translations("name"),
                **row.translations("definition", required=False),
                "computation": computation,
                "unit": unit,
                "baseline_date": row.date("baseline_date"),
                "baseline_value": row.number("baseline_value", required=False),
                "is_public": row.boolean("public"),
            },
        )
    for row in iter_csv_file(folder / "targets.csv", required_columns=("measure", "year", "value")):
        measure = _lookup(row, "measure", measures, row.get("measure"))
        value = row.number("value", required=True)
        if value is not None and value < 0:
            raise row.error("value", "a target cannot be negative")
        upsert(
            reports["targets"],
            Target,
            {"measure": measure, "year": row.integer("year")},
            {"value": value},
        )
    return reports


def load_bundled() -> dict[str, LoadReport]:
    return load_plan()
