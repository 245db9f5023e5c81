"""A reader sorts and filters the rankings, moves a weight slider, shares the result, and maps
a dimension."""

import re

import pytest
from playwright.sync_api import Page, expect

from vigie.index.tests.factories import make_computed_edition

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _first_units(page: Page, table: str, count: int = 4) -> list[str]:
    return page.locator(f"#{table} tbody tr").evaluate_all(
        f"rows => rows.slice(0, {count}).map(r => r.dataset.unit)"
    )


def test_reader_sorts_and_filters_the_rankings(page: Page, live_server: object) -> None:
    edition = make_computed_edition()
    page.goto(f"{live_server.url}/en/index/{edition.slug}/")  # type: ignore[attr-defined]
    # Canada and Portugal tie for second place (ties share the best rank, then by name).
    assert _first_units(page, "rankings-table") == ["NOR", "CAN", "PRT", "BRA"]
    page.get_by_role("link", name="Country", exact=True).click()
    expect(page.locator("#rankings-table tbody tr").first).to_have_attribute("data-unit", "BRA")
    page.get_by_label("Region").select_option(label="Americas")
    expect(page.locator("#rankings-table tbody tr")).to_have_count(2)
    assert set(_first_units(page, "rankings-table", 2)) == {"BRA", "CAN"}
    expect(page).to_have_url(re.compile(r"region=019"))


def test_moving_a_slider_reorders_and_the_shared_address_restores_it(
    page: Page, live_server: object
) -> None:
    edition = make_computed_edition()
    page.goto(f"{live_server.url}/en/index/{edition.slug}/reweight/")  # type: ignore[attr-defined]
    assert _first_units(page, "reweighted-table", 1) == ["NOR"]
    slider = page.get_by_label("Health")
    slider.focus()
    for _ in range(10):
        slider.press("ArrowRight")
    expect(page.locator("#reweighted-table tbody tr").first).to_have_attribute("data-unit", "PRT")
    expect(page).to_have_url(re.compile(r"w_health=6"))
    shared = page.url
    other = page.context.new_page()
    other.goto(shared)
    expect(other.get_by_label("Health")).to_have_value("6")
    expect(other.locator("#reweighted-table tbody tr").first).to_have_attribute("data-unit", "PRT")


def test_the_map_colours_countries_by_the_chosen_dimension(page: Page, live_server: object) -> None:
    edition = make_computed_edition()
    page.goto(f"{live_server.url}/en/index/{edition.slug}/map/")  # type: ignore[attr-defined]
    page.wait_for_selector("#index-map-chart[data-rendered=true]")

    def fill_of(numeric: str) -> str:
        return page.evaluate(
            """numeric => {
                const view = document.getElementById('index-map-chart').vegaView;
                const item = view.scenegraph().root.items[0].items.find(g => g.marktype === 'group')
                    || view.scenegraph().root.items[0];
                const marks = [];
                (function walk(node) {
                  if (node.items) node.items.forEach(walk);
                  if (node.marktype === 'shape' && node.items) marks.push(...node.items);
                })(view.scenegraph().root);
                const shape = marks.find(m => m.datum && m.datum.id === numeric);
                return shape ? shape.fill : null;
            }""",
            numeric,
        )

    canada_overall = fill_of("124")
    portugal_overall = fill_of("620")
    assert canada_overall and portugal_overall
    page.get_by_label("Colour by").select_option(label="Justice")
    expect(page).to_have_url(re.compile(r"dimension=justice"))
    page.wait_for_selector("#index-map-chart[data-rendered=true]")
    # The title, the table and the embed snippet say the dimension shown.
    expect(page.locator("#index-map-title")).to_contain_text("Justice")
    expect(page.locator("#index-map .chart-embed-code")).to_have_value(
        re.compile(r"/map/embed/\?dimension=justice")
    )
    # Canada leads on justice (100), Portugal trails (11): their colours move apart.
    assert fill_of("124") != canada_overall
    assert fill_of("620") != portugal_overall
    assert page.locator("#index-map-chart svg").count() == 1


def test_the_map_draws_every_country_with_a_no_data_class_at_12_px(
    page: Page, live_server: object
) -> None:
    edition = make_computed_edition()
    page.goto(f"{live_server.url}/en/index/{edition.slug}/map/")  # type: ignore[attr-defined]
    page.wait_for_selector("#index-map-chart[data-rendered=true]")
    countries = page.locator("#index-map-chart svg .mark-shape path")
    assert countries.count() >= 170  # the world, not only the four scored countries
    assert page.locator('#index-map-chart svg .mark-shape path[fill="#d9dde1"]').count() >= 160
    legend = page.locator("#index-map .map-legend li", has_text="No data")
    expect(legend).to_have_count(1)
    size = legend.evaluate("e => getComputedStyle(e).fontSize")
    assert float(size.removesuffix("px")) >= 12
    labels = page.locator("#index-map-chart svg .role-legend text")
    assert labels.count() >= 2
    for i in range(labels.count()):
        assert float((labels.nth(i).get_attribute("font-size") or "0").removesuffix("px")) >= 12
