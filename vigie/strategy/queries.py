"""What other apps may read of the strategy: the one baseline a measure of the current plan
counts from, so that an app counting the same thing states the same date."""

import datetime
from typing import TypedDict

from django.urls import reverse

from vigie.strategy.models import SuccessMeasure
from vigie.strategy.progress import get_current_plan
from vigie.strategy.review_queue import build_review_queue


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


class ReviewsWaiting(TypedDict):
    """How many subjects wait in the editors' review queue, by list (``strategy.review_queue``)."""

    datasets: int
    jurisdictions: int
    unverified: int
    url: str


def count_reviews_waiting() -> ReviewsWaiting:
    """The review queue's lengths: datasets and jurisdictions due, and UNVERIFIED items."""
    queue = build_review_queue()
    return ReviewsWaiting(
        datasets=len(queue.datasets),
        jurisdictions=len(queue.jurisdictions),
        unverified=len(queue.unverified),
        url=reverse("strategy:review_queue"),
    )
