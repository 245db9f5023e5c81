"""The progress report: measures with charts and evidence counts, outputs per pillar, highlights.

The same context feeds the HTML page and the PDF; the PDF is rendered by WeasyPrint with charts
as PNG images drawn on the server (vl-convert), so it needs neither a browser nor the network.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation

from vigie.core.evidence import Evidence
from vigie.core.pdf import html_to_pdf
from vigie.strategy.charts import chart_png_data_uri, measure_chart_spec
from vigie.strategy.models import Plan
from vigie.strategy.outputs import OutputCount, list_outputs
from vigie.strategy.progress import MeasureProgress, list_measure_progress


@dataclass(frozen=True)
class PillarOutputs:
    number: int
    name: str
    outputs: list[OutputCount]


def outputs_by_pillar(plan: Plan, start: datetime.date, end: datetime.date) -> list[PillarOutputs]:
    counts = list_outputs(start, end)
    return [
        PillarOutputs(
            number=pillar.number,
            name=str(pillar),
            outputs=[count for count in counts if count.definition.pillar == pillar.number],
        )
        for pillar in plan.pillars.all()
    ]


def highlights(
    progress: list[MeasureProgress], start: datetime.date, end: datetime.date
) -> list[Evidence]:
    """The evidence rows dated inside the period, newest first: what happened, with its proof."""
    rows = [
        item
        for measure in progress
        for item in measure.evidence
        if item.date is not None and start <= item.date <= end
    ]
    return sorted(rows, key=lambda item: item.date or start, reverse=True)[:12]


def activity_matrix(plan: Plan) -> dict[str, Any]:
    """The pillar × priority matrix of planned activities: one row per priority, one cell (an
    activity, or None) per pillar. Shown on the plan page and in the progress report."""
    pillars = list(plan.pillars.all())
    rows = []
    for objective in plan.objectives.prefetch_related("activities"):
        cells = {activity.pillar_id: activity for activity in objective.activities.all()}
        rows.append({"objective": objective, "cells": [cells.get(pillar.pk) for pillar in pillars]})
    return {"pillars": pillars, "rows": rows}


def report_context(
    plan: Plan, start: datetime.date, end: datetime.date, *, with_png: bool = False
) -> dict[str, Any]:
    progress = list_measure_progress(plan, end=end)
    measures = []
    for item in progress:
        spec = measure_chart_spec(item, width=460, height=130)
        measures.append(
            {
                "progress": item,
                "spec": spec,
                "png": chart_png_data_uri(spec) if with_png and item.available else "",
                "evidence_in_period": sum(
                    1 for row in item.evidence if row.date is None or start <= row.date <= end
                ),
            }
        )
    return {
        "plan": plan,
        "start": start,
        "end": end,
        "measures": measures,
        "pillars": outputs_by_pillar(plan, start, end),
        "highlights": highlights(progress, start, end),
        "matrix": activity_matrix(plan),
        "generated_on": datetime.date.today(),
    }


def render_report_pdf(
    plan: Plan, start: datetime.date, end: datetime.date, *, language: str, base_url: str
) -> bytes:
    with translation.override(language):
        html = render_to_string(
            "strategy/report_pdf.html",
            {**report_context(plan, start, end, with_png=True), "LANGUAGE_CODE": language},
        )
    return html_to_pdf(html, base_url=base_url)
