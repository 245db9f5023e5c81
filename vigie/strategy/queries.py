"""What other apps may read of the strategy: the one baseline a measure of the current plan
counts from, so that an app counting the same thing states the same date."""

import datetime

from vigie.strategy.models import SuccessMeasure
from vigie.strategy.progress import get_current_plan


def measure_baseline(computation: str, today: datetime.date | None = None) -> datetime.date | None:
    """The baseline date of the current plan's measure computed by ``computation``: the one
    baseline other pages state when they count the same thing."""
    plan = get_current_plan(today)
    measure = (
        SuccessMeasure.objects.filter(objective__plan=plan, computation=computation).first()
        if plan is not None
        else None
    )
    return measure.baseline_date if measure is not None else None


def list_strategy_choices(
    today: datetime.date | None = None,
) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """(number, name) of the current plan's priorities and of its pillars of work, in order."""
    plan = get_current_plan(today)
    if plan is None:
        return [], []
    return (
        [(o.number, o.priority) for o in plan.objectives.order_by("number")],
        [(p.number, p.name) for p in plan.pillars.order_by("number")],
    )
