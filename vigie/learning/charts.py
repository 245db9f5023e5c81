"""The completion funnel of a course, as a Vega-Lite specification (drawn by core/charts.js)."""

from typing import Any

from django.utils.translation import gettext as _

from vigie.core.charts import Chart
from vigie.learning.queries import FunnelStep


def funnel_spec(steps: list[FunnelStep]) -> dict[str, Any]:
    rows = [
        {"step": step["step"], "learners": step["learners"], "order": n}
        for n, step in enumerate(steps)
    ]
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "data": {"values": rows},
        "width": "container",
        "autosize": {"type": "fit-x", "contains": "padding"},
        "mark": {"type": "bar", "color": "#1f5f8b"},
        "encoding": {
            "y": {"field": "step", "type": "nominal", "sort": {"field": "order"}, "title": None},
            "x": {
                "field": "learners",
                "type": "quantitative",
                "title": _("Learners (number)"),
                "axis": {"format": "d", "tickMinStep": 1, "labelFontSize": 12},
            },
            "tooltip": [
                {"field": "step", "title": _("Step")},
                {"field": "learners", "title": _("Learners")},
            ],
        },
    }


def funnel_chart(course: object, steps: list[FunnelStep]) -> Chart:
    """The funnel as a figure of the site: title, unit, source line, and its table."""
    return Chart(
        key="funnel",
        title=_("Completion by module: %(course)s") % {"course": course},
        unit=_("Learners (number)"),
        subtitle=_("Learners who enrolled, then who reached each module"),
        source=_("Vigie's course records, aggregates only"),
        licence=_("for staff use, not for publication"),
        columns=[_("Step"), _("Learners (number)")],
        rows=[[step["step"], step["learners"]] for step in steps],
        numeric=(1,),
        spec=funnel_spec(steps),
        description=_("Bar chart of the learners at each step; the table lists the same data."),
    )
