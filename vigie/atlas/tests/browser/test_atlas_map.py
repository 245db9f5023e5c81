"""A reader opens the atlas map, replays past years, filters the list, and reads it without JS."""

import datetime

import pytest
from playwright.sync_api import Browser, Page, expect

from vigie.atlas.tests.helpers import make_measure, make_place

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DE_JURE = "#1b6b35"
ADULT_USE = "#2166ac"


def _atlas() -> None:
    make_place("PT", numeric="620", name_en="Portugal", region="150")
    make_place("UY", numeric="858", name_en="Uruguay", region="019")
    make_place("US-OR", "Oregon")
    make_measure("pt", "PT", "decrim_de_jure", in_force_on=datetime.date(2001, 7, 1))
    make_measure(
        "uy",
        "UY",
        "regulation_adult",
        substance_scope="cannabis",
        adopted_on=datetime.date(2013, 12, 20),
    )
    make_measure("or", "US-OR", "regulation_adult", adopted_on=datetime.date(2014, 11, 4))


def _fills(page: Page, colour: str) -> int:
    return page.locator(f'#atlas-map svg path[fill="{colour}"]').count()


def test_map_renders_locally_and_the_year_slider_replays_the_colouring(
    page: Page, live_server: object, external_requests: list[str]
) -> None:
    _atlas()
    page.goto(f"{live_server.url}/en/atlas/")  # type: ignore[attr-defined]
    expect(page.locator("#atlas-map[data-rendered='true'] svg")).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert _fills(page, DE_JURE) >= 1
    assert _fills(page, ADULT_USE) >= 1
    assert page.locator("#atlas-map svg .mark-symbol path").count() == 1  # Oregon's marker

    page.locator("#atlas-year").fill("2005")
    expect(page.locator("#atlas-map")).to_have_attribute("data-year", "2005")
    expect(page.locator("#atlas-year-label")).to_have_text("2005")
    assert _fills(page, DE_JURE) >= 1
    assert _fills(page, ADULT_USE) == 0

    page.locator("#atlas-year").fill("1990")
    expect(page.locator("#atlas-map")).to_have_attribute("data-year", "1990")
    assert _fills(page, DE_JURE) == 0
    expect(page.locator("#atlas-table tbody tr")).to_have_count(0)
    assert external_requests == []


def test_a_filter_narrows_the_list(page: Page, live_server: object) -> None:
    _atlas()
    page.goto(f"{live_server.url}/en/atlas/measures/")  # type: ignore[attr-defined]
    expect(page.locator("#atlas-list tbody tr")).to_have_count(3)
    page.get_by_label("Kind").select_option("decrim_de_jure")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator("#atlas-list tbody tr")).to_have_count(1)
    expect(page.locator("#atlas-list")).to_contain_text("Portugal")
    page.locator("#atlas-list a", has_text="Portugal").click()
    expect(page.get_by_role("heading", name="Portugal")).to_be_visible()


def test_without_javascript_the_map_page_shows_the_table(
    browser: Browser, live_server: object
) -> None:
    _atlas()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/atlas/")  # type: ignore[attr-defined]
    table = page.locator("#atlas-table")
    expect(table).to_be_visible()
    expect(table.locator("tbody tr")).to_have_count(3)
    expect(table).to_contain_text("Portugal")
    expect(page.locator("#atlas-controls")).to_be_hidden()
    context.close()
