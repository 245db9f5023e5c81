"""Every figure of the index says what it shows (title, unit, source and licence), names its axes
by their units, and the comparison picker finds countries by name or code without script."""

from typing import Any

import pytest
from django.test import Client

from vigie.core.charts import Chart
from vigie.index import queries
from vigie.index.charts import comparison_chart, map_chart, profile_chart, ranking_chart
from vigie.index.tests.factories import make_computed_edition

pytestmark = pytest.mark.django_db


def _titles(spec: Any) -> list[Any]:
    """The title of every quantitative axis of a Vega-Lite specification, however nested."""
    found = []
    if isinstance(spec, dict):
        for key, value in spec.items():
            quantitative = isinstance(value, dict) and value.get("type") == "quantitative"
            if key in ("x", "y") and quantitative and value.get("axis", {}) is not None:
                found.append(value.get("title"))
            found += _titles(value)
    elif isinstance(spec, list):
        for item in spec:
            found += _titles(item)
    return found


def _charts() -> list[Chart]:
    edition = make_computed_edition()
    rows = queries.get_rankings(edition.pk)
    codes = [d["code"] for d in edition.dimensions]
    portugal = next(r for r in rows if r["unit_code"] == "PRT")
    averages = queries.get_dimension_averages(rows, codes)
    return [
        ranking_chart(edition, rows),
        map_chart(edition, "Overall score", queries.get_map_values(edition, "score")),
        profile_chart(edition, portugal, averages, averages),
        comparison_chart(edition, rows[:3]),
    ]


def test_every_index_chart_has_a_title_a_unit_and_a_source_line() -> None:
    for chart in _charts():
        assert chart.title and chart.unit and chart.source
        assert chart.unit in chart.subtitle_line
        assert "Licence: CC BY 4.0" in chart.source_line
        assert chart.rows and all(len(row) == len(chart.columns) for row in chart.rows)
        if chart.spec is not None:
            titles = _titles(chart.spec)
            assert titles and not {"Value", "", None} & set(titles), chart.key
            image = chart.image_spec()
            assert image is not None and image["title"]["text"] == chart.title
            assert chart.source_line in image["title"]["subtitle"]


def test_the_ranking_draws_rank_intervals_as_whiskers_with_whole_number_ticks() -> None:
    ranking = _charts()[0]
    assert ranking.spec is not None
    bars, whiskers = ranking.spec["hconcat"]
    assert bars["mark"]["type"] == "bar"
    rule, point = whiskers["layer"]
    assert rule["mark"]["type"] == "rule"
    assert rule["encoding"]["x"]["field"] == "low" and rule["encoding"]["x2"]["field"] == "high"
    assert point["encoding"]["x"]["axis"] == {"format": "d", "tickMinStep": 1, "labelFontSize": 12}
    names = [value["name"] for value in ranking.spec["data"]["values"]]
    assert names == [row[0] for row in ranking.rows]


def test_an_edition_without_uncertainty_analysis_says_so() -> None:
    edition = make_computed_edition()
    rows = queries.get_rankings(edition.pk)
    for row in rows:
        row["rank_q05"] = row["rank_q95"] = None
    chart = ranking_chart(edition, rows)
    assert chart.spec is not None and len(chart.spec["hconcat"]) == 1
    assert "No uncertainty analysis" in chart.subtitle_line


def test_a_chart_without_a_unit_or_a_source_is_refused() -> None:
    with pytest.raises(ValueError, match="unit"):
        Chart(key="k", title="T", unit="", source="S", columns=[], rows=[])
    with pytest.raises(ValueError, match="source"):
        Chart(key="k", title="T", unit="U", source=" ", columns=[], rows=[])


def test_the_profile_compares_with_the_regional_and_global_averages() -> None:
    edition = make_computed_edition()
    rows = queries.get_rankings(edition.pk)
    codes = [d["code"] for d in edition.dimensions]
    europe = [r for r in rows if r["region_code"] == rows[0]["region_code"]]
    regional = queries.get_dimension_averages(rows, codes, region_code=rows[0]["region_code"])
    overall = queries.get_dimension_averages(rows, codes)
    for code in codes:
        scores = [s for r in europe if (s := r["dimensions"][code]) is not None]
        assert regional[code] == pytest.approx(sum(scores) / len(scores))
        every = [s for r in rows if (s := r["dimensions"][code]) is not None]
        assert overall[code] == pytest.approx(sum(every) / len(every))


@pytest.mark.usefixtures("template_context")
def test_the_picker_compares_countries_named_or_coded_and_ignores_the_rest(
    client: Client,
) -> None:
    edition = make_computed_edition()
    url = f"/en/index/{edition.slug}/PRT/"
    response = client.get(url, {"compare": ["canada", "BR", "Atlantis", "Portugal"]})
    comparison = response.context["comparison"]
    assert comparison.columns[1:] == ["Portugal", "Canada", "Brazil"]
    html = response.content.decode()
    assert 'id="comparison"' in html and 'list="compare-countries"' in html
    assert client.get(url).context["comparison"] is None


def test_every_figure_on_the_pages_shows_its_unit_and_source(client: Client) -> None:
    edition = make_computed_edition()
    for path in ("", "map/", "PRT/?compare=CAN", "embed/", "map/embed/", "PRT/embed/"):
        html = client.get(f"/en/index/{edition.slug}/{path}").content.decode()
        figures = html.count('<figure class="chart-figure"')
        assert figures >= 1, path
        assert html.count("Unit: score from 0 to 100") >= figures, path
        assert html.count('class="figure-source"') == figures, path


def test_only_embed_pages_may_be_framed(client: Client) -> None:
    edition = make_computed_edition()
    embed = client.get(f"/en/index/{edition.slug}/embed/")
    assert "X-Frame-Options" not in embed
    assert "frame-ancestors *" in embed["Content-Security-Policy"]
    page = client.get(f"/en/index/{edition.slug}/")
    assert page["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in page["Content-Security-Policy"]
