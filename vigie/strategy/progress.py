"""Live progress of each measure of success: value, baseline, targets, trend and evidence.

Computed measures call the registry (which calls the domain apps' queries); measures entered by
hand read their dated values and the source given for each. A measure whose computation is not in
the registry falls back to values entered by hand, and otherwise says it is not available.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from django.utils.translation import gettext as _

from vigie.core.evidence import Evidence
from vigie.core.freshness import CACHE_SECONDS, data_version
from vigie.core.i18n import active_language
from vigie.strategy.computations import REGISTRY, TrendPoint, year_ends
from vigie.strategy.models import Plan, SuccessMeasure


@dataclass(frozen=True)
class MeasureProgress:
    measure: SuccessMeasure
    available: bool
    value: float | None
    baseline_date: datetime.date
    baseline_value: float | None
    definition: str = ""
    unavailable: str = ""
    entered_by_hand: bool = False
    trend_per_period: bool = False
    targets: list[tuple[int, float]] = field(default_factory=list)
    trend: list[TrendPoint] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    # "60–62" when the value names only part of a stated total (shown beside the value).
    stated: str = ""
    # The step to read first (the milestone's latest), with the judgement in its detail.
    latest: Evidence | None = None

    @property
    def name(self) -> str:
        return self.measure.name

    @property
    def final_target(self) -> tuple[int, float] | None:
        return self.targets[-1] if self.targets else None

    @property
    def share_of_target(self) -> float | None:
        """How far from baseline to the final target the value has come (0–1, may exceed 1)."""
        target = self.final_target
        if target is None or self.value is None or self.baseline_value is None:
            return None
        span = target[1] - self.baseline_value
        return None if span == 0 else (self.value - self.baseline_value) / span

    @property
    def change(self) -> float | None:
        if self.value is None or self.baseline_value is None:
            return None
        return self.value - self.baseline_value


def get_current_plan(today: datetime.date | None = None) -> Plan | None:
    """The plan whose period holds today; else the latest plan that has started."""
    year = (today or datetime.date.today()).year
    plans = Plan.objects.order_by("-starts_year")
    return (
        plans.filter(starts_year__lte=year, ends_year__gte=year).first()
        or plans.filter(starts_year__lte=year).first()
        or plans.last()
    )


def plan_end(plan: Plan, today: datetime.date | None = None) -> datetime.date:
    """The last day counted: today, or the plan's last day once the plan is over."""
    today = today or datetime.date.today()
    return min(today, datetime.date(plan.ends_year, 12, 31))


def _manual(measure: SuccessMeasure, end: datetime.date) -> MeasureProgress | None:
    rows = [row for row in measure.manual_values.all() if row.date <= end]
    if not rows:
        return None
    evidence = [
        Evidence(
            label=row.note,
            url=row.source.url,
            date=row.date,
            detail=f"{row.value:g}",
            source_urls=(row.source.url,),
        )
        for row in rows
    ]
    trend = []
    for day in year_ends(measure.baseline_date, end):
        known = [row for row in rows if row.date <= day]
        if known:
            trend.append(TrendPoint(str(day.year), day, known[-1].value))
    return MeasureProgress(
        measure=measure,
        available=True,
        value=rows[-1].value,
        baseline_date=measure.baseline_date,
        baseline_value=measure.baseline_value,
        definition=_(
            "Value entered by staff with its evidence; the latest value on or before the end date."
        ),
        entered_by_hand=True,
        targets=[(target.year, target.value) for target in measure.targets.all()],
        trend=trend,
        evidence=evidence,
    )


def get_measure_progress(measure: SuccessMeasure, *, end: datetime.date) -> MeasureProgress:
    targets = [(target.year, target.value) for target in measure.targets.all()]
    computation = REGISTRY.get(measure.computation)
    reason = _("No value has been entered yet.")
    if computation is not None:
        outcome = computation.run(measure.baseline_date, end)
        baseline_value = measure.baseline_value
        if baseline_value is None and outcome.trend:
            baseline_value = outcome.trend[0].value
        return MeasureProgress(
            measure=measure,
            available=True,
            value=float(outcome.result.value),
            baseline_date=measure.baseline_date,
            baseline_value=baseline_value,
            definition=outcome.result.definition,
            trend_per_period=computation.trend_per_period,
            targets=targets,
            trend=outcome.trend,
            evidence=list(outcome.result.evidence),
            stated=outcome.result.stated_label,
            latest=outcome.result.latest,
        )
    if measure.computation:
        reason = _("Not available: the computation %(key)s is not in the registry.") % {
            "key": measure.computation
        }
    manual = _manual(measure, end)
    if manual is not None:
        return manual
    return MeasureProgress(
        measure=measure,
        available=False,
        value=None,
        baseline_date=measure.baseline_date,
        baseline_value=measure.baseline_value,
        unavailable=reason,
        targets=targets,
    )


def _progress_key(measure_pk: int, end: datetime.date, language: str, version: int) -> str:
    return f"strategy:progress:{measure_pk}:{end.isoformat()}:{language}:{version}"


def list_measure_progress(
    plan: Plan, *, end: datetime.date, public_only: bool = False
) -> list[MeasureProgress]:
    """Every measure of the plan (or only the public ones), read from the shared cache.

    The task worker computes them after each change of facts (``precompute_measures``); a
    measure not computed yet under the current version is computed here, once, and stored.
    """
    measures = SuccessMeasure.objects.filter(objective__plan=plan).select_related("objective__plan")
    if public_only:
        measures = measures.filter(is_public=True)
    measures = measures.prefetch_related("targets", "manual_values__source")
    version = data_version()
    language = active_language()
    keys = {measure.pk: _progress_key(measure.pk, end, language, version) for measure in measures}
    stored: dict[str, MeasureProgress] = cache.get_many(list(keys.values()))
    progress = []
    for measure in measures:
        found = stored.get(keys[measure.pk])
        if found is None:
            found = get_measure_progress(measure, end=end)
            cache.set(keys[measure.pk], found, CACHE_SECONDS)
        progress.append(found)
    return progress


def precompute_measures(version: int) -> int:
    """Compute every measure of the current plan, as of today, in every language; store them.

    Run by the task worker after each change of facts (``settings.PRECOMPUTED_PAGES``), so the
    dashboards read the measures instead of computing them. Returns the number stored.
    """
    plan = get_current_plan()
    if plan is None:
        return 0
    end = plan_end(plan)
    measures = list(
        SuccessMeasure.objects.filter(objective__plan=plan)
        .select_related("objective__plan")
        .prefetch_related("targets", "manual_values__source")
    )
    stored = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for measure in measures:
                key = _progress_key(measure.pk, end, language, version)
                stored[key] = get_measure_progress(measure, end=end)
    cache.set_many(stored, CACHE_SECONDS)
    return len(stored)
