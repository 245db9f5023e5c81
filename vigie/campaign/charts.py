"""The Vega-Lite chart of the campaign's timeline: cities per Global Day of Action, as the
public pages state them (a year with no stated figure has no bar, never an estimate)."""

from collections.abc import Callable
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from vigie.campaign.models import DayFigure, FigureScope, Qualifier
from vigie.core.charts import Chart


def timeline_spec(figures: list[DayFigure]) -> dict[str, Any]:
    rows = [
        {
            "year": str(figure.year),
            "cities": figure.cities,
            "label": str(figure.cities)
            if figure.qualifier == Qualifier.EXACT
            else f"{figure.get_qualifier_display()} {figure.cities}",
            "source": figure.source.title,
        }
        for figure in figures
        if figure.scope == FigureScope.EDITION and figure.cities is not None
    ]
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "width": "container",
        "height": 220,
        "data": {"values": rows},
        "mark": {"type": "bar", "color": "#1f5f8b"},
        "encoding": {
            "x": {
                "field": "year",
                "type": "ordinal",
                "title": _("Year"),
                "scale": {
                    "domain": [
                        str(y) for y in range(2013, max([2024, *[f.year for f in figures]]) + 1)
                    ]
                },
            },
            "y": {
                "field": "cities",
                "type": "quantitative",
                "title": _("Cities (number)"),
                "axis": {"format": "d", "tickMinStep": 1, "labelFontSize": 12},
            },
            "tooltip": [
                {"field": "year", "title": _("Year")},
                {"field": "label", "title": _("Cities")},
                {"field": "source", "title": _("Source")},
            ],
        },
        "config": {"font": "DejaVu Sans", "view": {"stroke": None}},
    }


def timeline_chart(
    figures: list[DayFigure], *, absolute: Callable[[str], str] | None = None
) -> Chart:
    """The timeline as a figure of the site: title, unit, source line, and its table.

    ``absolute`` turns a path into a full address (``request.build_absolute_uri``) for the
    embed snippet."""
    spec = timeline_spec(figures)
    return Chart(
        key="campaign-timeline",
        title=_("Cities taking part in the Global Day of Action"),
        unit=_("Cities (number)"),
        subtitle=_("Per year, as stated; a year without a stated figure is left empty"),
        source=_("Support. Don't Punish public pages (the sources are listed below)"),
        columns=[_("Year"), _("Cities (number)")],
        rows=[[row["year"], row["label"]] for row in spec["data"]["values"]],
        numeric=(1,),
        spec=spec,
        description=_("Cities taking part in the Global Day of Action, by year"),
        page_url=absolute(reverse("campaign:home")) if absolute else "",
        embed_url=absolute(reverse("campaign:timeline_embed")) if absolute else "",
    )
