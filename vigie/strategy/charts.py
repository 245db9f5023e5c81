"""Vega-Lite specifications for the measures, shared by the dashboard (in the browser, with the
vendored Vega) and the PDF report (rendered to PNG on the server by vl-convert)."""

import base64
from typing import Any

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from vigie.strategy.progress import MeasureProgress

PALETTE = {"value": "#1f5f8b", "baseline": "#8a8a8a", "target": "#b5472d"}


def value_axis(progress: MeasureProgress) -> dict[str, Any]:
    """The y axis named by the measure's unit; counts and milestones take whole-number ticks."""
    unit = progress.measure.unit
    axis: dict[str, Any] = {"title": str(capfirst(progress.measure.get_unit_display()))}
    if unit == "percent":
        axis["title"] = _("Share (%)")
        axis["axis"] = {"format": "d"}
    else:
        axis["axis"] = {"format": "d", "tickMinStep": 1}
    return axis


def measure_chart_spec(
    progress: MeasureProgress, *, width: int = 420, height: int = 180
) -> dict[str, Any]:
    """The measure's trend over the plan period with its baseline and its targets."""
    plan = progress.measure.objective.plan
    rows: list[dict[str, Any]] = [
        {"date": point.date.isoformat(), "value": point.value, "label": point.label}
        for point in progress.trend
    ]
    baseline_day = progress.baseline_date.isoformat()
    starts_late = not rows or rows[0]["date"] > baseline_day
    if progress.baseline_value is not None and not progress.trend_per_period and starts_late:
        rows.insert(
            0, {"date": baseline_day, "value": progress.baseline_value, "label": _("Baseline")}
        )
    axis = value_axis(progress)
    period = [f"{plan.starts_year}-01-01", f"{plan.ends_year}-12-31"]
    layers: list[dict[str, Any]] = [
        {
            "data": {"values": rows},
            "mark": {"type": "line", "point": True, "color": PALETTE["value"]},
            "encoding": {
                "x": {
                    "field": "date",
                    "type": "temporal",
                    "title": None,
                    "scale": {"domain": period},
                    "axis": {"format": "%Y", "tickCount": {"interval": "year", "step": 1}},
                },
                "y": {"field": "value", "type": "quantitative", **axis},
                "tooltip": [
                    {"field": "label", "title": _("Period")},
                    {"field": "value", "title": axis["title"]},
                ],
            },
        }
    ]
    if progress.baseline_value is not None:
        layers.append(
            {
                "data": {"values": [{"value": progress.baseline_value}]},
                "mark": {"type": "rule", "strokeDash": [4, 4], "color": PALETTE["baseline"]},
                "encoding": {"y": {"field": "value", "type": "quantitative"}},
            }
        )
    if progress.targets:
        layers.append(
            {
                "data": {
                    "values": [
                        {
                            "date": f"{year}-12-31",
                            "value": value,
                            "label": _("Target %(year)s") % {"year": year},
                        }
                        for year, value in progress.targets
                    ]
                },
                "mark": {
                    "type": "point",
                    "shape": "diamond",
                    "size": 90,
                    "filled": True,
                    "color": PALETTE["target"],
                },
                "encoding": {
                    "x": {"field": "date", "type": "temporal"},
                    "y": {"field": "value", "type": "quantitative"},
                    "tooltip": [{"field": "label"}, {"field": "value"}],
                },
            }
        )
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "width": width,
        "height": height,
        "layer": layers,
        "config": {"font": "DejaVu Sans", "view": {"stroke": None}},
    }


def chart_png_data_uri(spec: dict[str, Any]) -> str:
    """The chart as a PNG data URI, so that WeasyPrint needs no file and no network."""
    import vl_convert  # imported here: loading it costs a second at every start

    png = vl_convert.vegalite_to_png(vl_spec=spec, scale=2)
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")
