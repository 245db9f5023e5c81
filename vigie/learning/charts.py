"""The completion funnel of a course, as a Vega-Lite specification (drawn by core/charts.js)."""

from typing import Any

from django.utils.translation import gettext as _

from vigie.learning.queries import FunnelStep


def funnel_spec(steps: list[FunnelStep]) -> dict[str, Any]:
    rows = [
        {"step": step["step"], "learners": step["learners"], "order": n}
        for n, step in enumerate(steps)
    ]
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "data": {"values": rows},
        "width": 420,
        "mark": {"type": "bar", "color": "#1f5f8b"},
        "encoding": {
            "y": {"field": "step", "type": "nominal", "sort": {"field": "order"}, "title": None},
            "x": {
                "field": "learners",
                "type": "quantitative",
                "title": _("Learners"),
                "axis": {"format": "d", "tickMinStep": 1},
            },
            "tooltip": [
                {"field": "step", "title": _("Step")},
                {"field": "learners", "title": _("Learners")},
            ],
        },
    }
