"""Read-only API of the strategy: the public measures with their live values and evidence.

Only measures marked public are published, as on the public dashboard.
"""

import datetime

from ninja import Router, Schema

from vigie.strategy.progress import get_current_plan, list_measure_progress, plan_end

router = Router(tags=["strategy"])


class SuccessEvidenceOut(Schema):
    label: str
    url: str
    date: datetime.date | None
    detail: str
    source_urls: list[str]


class TargetOut(Schema):
    year: int
    value: float


class SuccessMeasureOut(Schema):
    code: str
    objective: int
    name_en: str
    name_fr: str
    name_es: str
    unit: str
    available: bool
    value: float | None
    # When the value names only part of a stated total: that total ("60–62"), else "".
    stated: str
    baseline_date: datetime.date
    baseline_value: float | None
    targets: list[TargetOut]
    definition: str
    evidence: list[SuccessEvidenceOut]


@router.get("/measures", response=list[SuccessMeasureOut])
def public_measures(request: object) -> list[SuccessMeasureOut]:
    """The current plan's public measures of success, computed live, with their evidence rows."""
    plan = get_current_plan()
    if plan is None:
        return []
    return [
        SuccessMeasureOut(
            code=item.measure.code,
            objective=item.measure.objective.number,
            name_en=item.measure.name_en,
            name_fr=item.measure.name_fr,
            name_es=item.measure.name_es,
            unit=item.measure.unit,
            available=item.available,
            value=item.value,
            stated=item.stated,
            baseline_date=item.baseline_date,
            baseline_value=item.baseline_value,
            targets=[TargetOut(year=year, value=value) for year, value in item.targets],
            definition=item.definition,
            evidence=[
                SuccessEvidenceOut(
                    label=row.label,
                    url=row.url,
                    date=row.date,
                    detail=row.detail,
                    source_urls=list(row.source_urls),
                )
                for row in item.evidence
            ],
        )
        for item in list_measure_progress(plan, end=plan_end(plan), public_only=True)
    ]
