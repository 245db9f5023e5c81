"""One description for every chart and map of the site (``core/partials/chart.html`` draws it).

A ``Chart`` says what a figure shows: a title, the unit (in the subtitle), the source line and
its licence, the Vega-Lite specification (``None`` for a map an app's script draws), and the
rows of the table printed under it, which are also the rows of its CSV download. The browser side
(``core/static/core/charts.js``) draws the figure, opens its table, sources and downloads, and
keeps its permalink and embed snippet in step with the page's controls.

Embed pages (``render_embed``) are the only pages other sites may frame (``frameable``).
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from csp.decorators import csp_replace
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
LICENCE = "CC BY 4.0"
FONT = "DejaVu Sans"

View = TypeVar("View", bound=Callable[..., HttpResponse])


@dataclass(frozen=True)
class Chart:
    """A figure: ``key`` is unique on its page (the ids of its parts are made from it)."""

    key: str
    title: str
    unit: str
    source: str
    columns: Sequence[str]
    rows: Sequence[Sequence[Any]]
    spec: dict[str, Any] | None = None
    subtitle: str = ""
    licence: str = LICENCE
    description: str = ""
    # (title, address) of the sources listed under the figure.
    sources: Sequence[tuple[str, str]] = field(default_factory=tuple)
    # The page that shows the figure with its context, and the page that shows it alone.
    page_url: str = ""
    embed_url: str = ""
    # The id of the form whose fields are the figure's controls (kept in its permalink).
    controls: str = ""
    # Columns (by position) read as numbers in the table (aligned right).
    numeric: Sequence[int] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        for name in ("key", "title", "unit", "source"):
            if not str(getattr(self, name)).strip():
                raise ValueError(f"A chart needs a {name}: {self.key or self.title!r}")

    @property
    def subtitle_line(self) -> str:
        unit = _("Unit: %(unit)s") % {"unit": self.unit}
        return f"{self.subtitle} · {unit}" if self.subtitle else unit

    @property
    def source_line(self) -> str:
        return _("Source: %(source)s. Licence: %(licence)s.") % {
            "source": self.source.rstrip("."),
            "licence": self.licence,
        }

    @property
    def spec_id(self) -> str:
        return f"{self.key}-spec"

    @property
    def table(self) -> list[list[dict[str, Any]]]:
        """The rows as cells that know whether they are numbers (for the template)."""
        return [
            [{"value": value, "num": i in self.numeric} for i, value in enumerate(row)]
            for row in self.rows
        ]

    def image_spec(self) -> dict[str, Any] | None:
        """The specification with its title, unit and source line drawn inside it (the image
        downloaded, the PDF)."""
        if self.spec is None:
            return None
        return {**self.spec, "title": self.vega_title()}

    def vega_title(self) -> dict[str, Any]:
        return {
            "text": self.title,
            "subtitle": [self.subtitle_line, self.source_line],
            "anchor": "start",
            "fontSize": 15,
            "subtitleFontSize": 12,
        }


def axis(title: str, *, counts: bool = False, percent: bool = False) -> dict[str, Any]:
    """A value axis named by its unit: whole-number ticks for counts, never "0.000000"."""
    if counts:
        return {"title": title, "axis": {"format": "d", "tickMinStep": 1, "labelFontSize": 12}}
    if percent:
        return {"title": title, "axis": {"format": "d", "labelFontSize": 12}}
    return {"title": title, "axis": {"format": "~r", "labelFontSize": 12}}


def base_spec(**parts: Any) -> dict[str, Any]:
    """A Vega-Lite specification in the site's font, with no frame around the view."""
    return {
        "$schema": SCHEMA,
        **parts,
        "config": {
            "font": FONT,
            "view": {"stroke": None},
            "axis": {"labelFontSize": 12, "titleFontSize": 12},
            "legend": {"labelFontSize": 12, "titleFontSize": 12},
        },
    }


def frameable(view: View) -> View:
    """The only pages other sites may frame: embed pages (no X-Frame-Options, any ancestor)."""
    return cast(View, csp_replace({"frame-ancestors": ["*"]})(xframe_options_exempt(view)))


def render_embed(
    request: HttpRequest, chart: Chart, *, scripts: str = "", context: dict[str, Any] | None = None
) -> HttpResponse:
    """A chart alone on its page, with a link back to the page that shows it in context.

    ``scripts`` names a template of the scripts that draw it (a map), if it is not a spec."""
    return render(
        request,
        "core/chart_embed.html",
        {"chart": chart, "scripts": scripts, **(context or {})},
    )
