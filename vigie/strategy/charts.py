"""Vega-Lite specifications for the measures, shared by the dashboard (in the browser, with the
vendored Vega) and the PDF report (rendered to PNG on the server by vl-convert)."""

import base64
from typing import Any

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from vigie.core.charts import Chart
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
    progress: MeasureProgress, *, width: int | str = 420, height: int = 180
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
        # Each target named beside its diamond, inside the plot (left of the period's end).
        layers.append(
            {
                "data": {
                    "values": [
                        {
                            "date": f"{year}-12-31",
                            "value": value,
                            "text": _("Target %(year)s: %(value)s")
                            % {"year": year, "value": f"{value:g}"},
                        }
                        for year, value in progress.targets
                    ]
                },
                "mark": {
                    "type": "text",
                    "align": "right",
                    "dx": -9,
                    "dy": -9,
                    "fontSize": 11,
                    "color": PALETTE["target"],
                },
                "encoding": {
                    "x": {"field": "date", "type": "temporal"},
                    "y": {"field": "value", "type": "quantitative"},
                    "text": {"field": "text"},
                },
            }
        )
    spec: dict[str, Any] = {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "width": width,
        "height": height,
        "layer": layers,
        "config": {"font": "DejaVu Sans", "view": {"stroke": None}},
    }
    if width == "container":
        spec["autosize"] = {"type": "fit-x", "contains": "padding"}
    return spec


def measure_chart(
    progress: MeasureProgress,
    *,
    key: str,
    absolute: Any = None,
    width: Any = "container",
    height: int = 200,
) -> Chart:
    """The measure's trend as a figure of the site: title, unit, source line, table, embed page.

    ``absolute`` turns a path into a full address (``request.build_absolute_uri``) for the embed
    snippet; the embed page is only offered for public measures."""
    measure = progress.measure
    axis = value_axis(progress)
    page = reverse("strategy:measure", args=[measure.code])
    rows: list[list[Any]] = []
    if progress.baseline_value is not None:
        rows.append(
            [
                _("Baseline"),
                date_format(progress.baseline_date, "DATE_FORMAT"),
                f"{progress.baseline_value:g}",
            ]
        )
    rows += [
        [point.label, date_format(point.date, "DATE_FORMAT"), f"{point.value:g}"]
        for point in progress.trend
    ]
    rows += [
        [_("Target %(year)s") % {"year": year}, "", f"{value:g}"]
        for year, value in progress.targets
    ]
    if progress.entered_by_hand:
        source = _("values entered by Vigie staff, each with its cited source")
    else:
        source = _("Vigie, computed from the evidence rows listed on the measure's page")
    embed = reverse("strategy:measure_embed", args=[measure.code]) if measure.is_public else ""
    return Chart(
        key=key,
        title=progress.name,
        unit=axis["title"],
        subtitle=_("Trend over the plan period, with the baseline (dashed) and the targets"),
        source=source,
        columns=[_("Period"), _("Date"), axis["title"]],
        rows=rows,
        numeric=(2,),
        spec=measure_chart_spec(progress, width=width, height=height),
        description=_("Trend of %(name)s over the plan period") % {"name": progress.name},
        sources=[(_("Evidence rows"), f"{page}#evidence")],
        page_url=absolute(page) if absolute else page,
        embed_url=(absolute(embed) if absolute else embed) if embed else "",
    )


def chart_png_data_uri(spec: dict[str, Any]) -> str:
    """The chart as a PNG data URI, so that WeasyPrint needs no file and no network."""
    import vl_convert  # imported here: loading it costs a second at every start

    png = vl_convert.vegalite_to_png(vl_spec=spec, scale=2)
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")
