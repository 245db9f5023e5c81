"""The dashboard's figures, on the site as ``manage.py load_data --demo`` loads it.

Every app's bundled data and demo are loaded once for the module, in a transaction rolled back
after it; each test's own writes roll back to that state.
"""

import itertools
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client

from vigie.core.tests.reference import bundled_data_for_a_module
from vigie.strategy.models import Plan
from vigie.strategy.tests.test_dashboard import ALL_MEASURES, _editor_client

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def demo_site(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    with bundled_data_for_a_module(django_db_blocker, demo=True):
        yield


@pytest.mark.usefixtures("template_context")
@pytest.mark.parametrize("code", ALL_MEASURES)
def test_headline_figure_is_the_last_point_of_its_line(plan: Plan, code: str) -> None:
    """Each kind of chart (running totals from evidence or by year end, UN sessions, milestone,
    survey rounds) ends on the figure its card prints; its value axis names the unit."""
    response = _editor_client().get("/en/strategy/")
    card = next(card for card in response.context["cards"] if card["progress"].measure.code == code)
    progress = card["progress"]
    line = card["spec"]["layer"][0]
    points = line["data"]["values"]
    if progress.available and progress.trend:
        assert points[-1]["value"] == progress.value
        assert all(a["date"] <= b["date"] for a, b in itertools.pairwise(points))
    y = line["encoding"]["y"]
    assert y["title"] not in ("Value", "", None)
    if progress.measure.unit != "percent":
        assert y["title"] == progress.measure.get_unit_display().capitalize()
        assert y["axis"]["format"] == "d"
        assert y["axis"]["tickMinStep"] == 1


@pytest.mark.usefixtures("template_context")
@pytest.mark.parametrize("code", ALL_MEASURES)
def test_each_measure_figure_has_a_title_a_unit_a_source_and_its_headline_in_its_table(
    plan: Plan, code: str
) -> None:
    """The card's figure (core/partials/chart.html) says what it shows; the last row of its
    trend in the table (the CSV downloaded) is the figure the card prints; targets are named."""
    response = _editor_client().get("/en/strategy/")
    card = next(card for card in response.context["cards"] if card["progress"].measure.code == code)
    chart, progress = card["chart"], card["progress"]
    assert chart.title == progress.name
    assert chart.unit and chart.unit != "Value" and chart.unit in chart.subtitle_line
    assert chart.source and "Licence: CC BY 4.0" in chart.source_line
    assert chart.columns[-1] == chart.unit
    if progress.available and progress.trend:
        last_point = chart.rows[len(chart.rows) - len(progress.targets) - 1]
        assert float(last_point[-1]) == progress.value
    labels = [layer for layer in chart.spec["layer"] if layer["mark"].get("type") == "text"]
    if progress.targets:
        texts = [value["text"] for value in labels[0]["data"]["values"]]
        assert texts == [f"Target {year}: {value:g}" for year, value in progress.targets]
    html = response.content.decode()
    figure = html.split(f'id="chart-{code}"')[1].split("</figure>")[0]
    assert chart.subtitle_line in figure.replace("&#x27;", "'")
    assert "Source: " in figure


def test_a_public_measure_has_an_embed_page_and_a_private_one_has_none(plan: Plan) -> None:
    embed = Client().get("/en/strategy/measures/un-states-calling-for-reform/embed/")
    assert embed.status_code == 200
    assert "X-Frame-Options" not in embed
    assert "frame-ancestors *" in embed["Content-Security-Policy"]
    html = embed.content.decode()
    assert 'class="chart-figure"' in html and "site-header" not in html
    private = Client().get("/en/strategy/measures/new-major-funding-sources/embed/")
    assert private.status_code == 404
    page = _editor_client().get("/en/strategy/measures/new-major-funding-sources/")
    assert "/embed/" not in page.content.decode()
