"""The shared figure (core/partials/chart.html, core/charts.js) on a chart that is not the
atlas's: the index ranking. It says what it shows (title, unit, source and licence), its
permalink restores its controls, the CSV downloaded is the table shown, its images carry its
title and source line, and its embed page renders alone and is the only one other sites may
frame."""

import csv
import io
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from vigie.index.tests.factories import make_computed_edition

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DRAWN = "#ranking-chart.chart-drawn svg"


def _shown(page: Page, figure: str) -> list[list[str]]:
    table = page.locator(f"figure#{figure} .chart-data table")
    rows = [table.locator("thead th").all_text_contents()]
    for row in table.locator("tbody tr").all():
        rows.append([cell.strip() for cell in row.locator("th, td").all_text_contents()])
    return rows


def test_the_ranking_says_what_it_shows_and_its_permalink_restores_the_region(
    page: Page, browser: Browser, live_server: Any
) -> None:
    edition = make_computed_edition()
    page.goto(f"{live_server.url}/en/index/{edition.slug}/")
    expect(page.locator(DRAWN)).to_be_visible(timeout=15_000)
    figure = page.locator("figure#ranking")
    expect(figure.locator(".figure-title")).to_contain_text("Ranking: Test index")
    expect(figure.locator(".figure-subtitle")).to_contain_text("Unit: score from 0 to 100")
    expect(figure.locator(".figure-subtitle")).to_contain_text("Monte Carlo")
    expect(figure.locator("figcaption")).to_contain_text("Source:")
    expect(figure.locator("figcaption")).to_contain_text("Licence:")
    # The whiskers: one rule per ranked country, beside the bars.
    assert page.locator("#ranking-chart svg .mark-rule line").count() >= 4
    assert page.locator("#ranking-chart svg .mark-rect path").count() >= 4

    page.get_by_label("Region").select_option(label="Americas")
    expect(figure.locator(".chart-data tbody tr")).to_have_count(2)
    expect(page.locator(DRAWN)).to_be_visible(timeout=15_000)
    permalink = page.locator("figure#ranking .chart-permalink")
    expect(permalink).to_have_attribute("href", re.compile(r"region=019"))
    expect(page.locator("figure#ranking .chart-embed-code")).to_have_value(
        re.compile(rf'<iframe src="http://[^"]+/en/index/{edition.slug}/embed/\?region=019')
    )
    href = permalink.get_attribute("href")
    assert href is not None

    other = browser.new_context().new_page()
    other.goto(f"{live_server.url}{href}")
    expect(other.locator(DRAWN)).to_be_visible(timeout=15_000)
    expect(other.get_by_label("Region")).to_have_value("019")
    assert _shown(other, "ranking") == _shown(page, "ranking")
    other.context.close()


def test_the_csv_downloaded_is_the_table_shown_and_the_images_carry_the_source(
    page: Page, live_server: Any
) -> None:
    edition = make_computed_edition()
    page.goto(f"{live_server.url}/en/index/{edition.slug}/?region=150")
    expect(page.locator(DRAWN)).to_be_visible(timeout=15_000)
    figure = page.locator("figure#ranking")
    with page.expect_download() as info:
        figure.get_by_role("button", name="Table (CSV)").click()
    text = Path(info.value.path()).read_text(encoding="utf-8-sig")
    assert list(csv.reader(io.StringIO(text))) == _shown(page, "ranking")
    assert len(_shown(page, "ranking")) > 2

    with page.expect_download() as info:
        figure.get_by_role("button", name="Image (SVG)").click()
    svg = Path(info.value.path()).read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<svg")
    assert "Ranking: Test index" in svg
    assert "Unit: score from 0 to 100" in svg
    assert "Licence:" in svg
    with page.expect_download() as info:
        figure.get_by_role("button", name="Image (PNG)").click()
    assert Path(info.value.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_embed_page_renders_alone_and_only_it_may_be_framed(
    page: Page, live_server: Any
) -> None:
    edition = make_computed_edition()
    response = page.goto(f"{live_server.url}/en/index/{edition.slug}/embed/?region=019")
    assert response is not None and response.ok
    headers = response.headers
    assert "x-frame-options" not in headers
    assert "frame-ancestors *" in headers["content-security-policy"]
    expect(page.locator(DRAWN)).to_be_visible(timeout=15_000)
    assert page.locator("header, nav, footer").count() == 0
    expect(page.locator("h1")).to_have_text("Ranking: Test index")
    expect(page.locator("figure#ranking .chart-data tbody tr")).to_have_count(2)
    expect(page.locator(".chart-embed-link")).to_have_attribute("target", "_top")

    response = page.goto(f"{live_server.url}/en/index/{edition.slug}/")
    assert response is not None
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]


def test_two_to_four_countries_are_compared_from_the_picker_without_script(
    browser: Browser, live_server: Any
) -> None:
    edition = make_computed_edition()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/index/{edition.slug}/PRT/")
    expect(page.locator("figure#profile .figure-title")).to_contain_text("Portugal")
    page.get_by_label("Country 2").fill("Canada")
    page.get_by_label("Country 3").fill("bra")
    page.get_by_role("button", name="Compare", exact=True).click()
    expect(page).to_have_url(re.compile(r"compare=Canada&compare=bra"))
    figure = page.locator("figure#comparison")
    expect(figure.locator("thead th")).to_have_text(["Dimension", "Portugal", "Canada", "Brazil"])
    expect(page.get_by_label("Country 2")).to_have_value("Canada")
    expect(page.get_by_label("Country 3")).to_have_value("Brazil")
    context.close()
