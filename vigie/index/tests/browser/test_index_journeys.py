"""A reader sorts and filters the rankings, reweights the index, shares it and reads the map."""

import re

import pytest
from playwright.sync_api import Page, expect

from vigie.core.models import Country
from vigie.index import services
from vigie.index.models import Edition
from vigie.index.tests.fixtures import make_computed_edition

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def published() -> Edition:
    edition = make_computed_edition()
    Country.objects.filter(iso2__in=["AA", "BB"]).update(region="150")
    Country.objects.filter(iso2__in=["CC", "DD", "EE"]).update(region="019")
    for iso2, numeric in (
        ("AA", "250"),
        ("BB", "724"),
        ("CC", "076"),
        ("DD", "356"),
        ("EE", "036"),
    ):
        Country.objects.filter(iso2=iso2).update(numeric=numeric)
    return services.publish_edition(edition_id=edition.pk)


def unit_order(page: Page, table: str) -> list[str]:
    return page.locator(f"{table} tbody tr").evaluate_all("rows => rows.map(r => r.dataset.unit)")


def test_reader_sorts_and_filters_the_rankings(
    page: Page, live_server: object, external_requests: list[str]
) -> None:
    edition = published()
    page.goto(f"{live_server.url}/en/index/{edition.pk}/")  # type: ignore[attr-defined]
    by_rank = unit_order(page, "#rankings-table")
    page.get_by_role("link", name="Country", exact=True).click()
    expect(page.locator("#rankings-table th[aria-sort=ascending] a")).to_have_text("Country")
    assert unit_order(page, "#rankings-table") == ["AA", "BB", "DD", "EE", "CC"]
    page.get_by_role("link", name="Country", exact=True).click()
    expect(page.locator("#rankings-table th[aria-sort=descending]")).to_have_count(1)
    assert unit_order(page, "#rankings-table") == ["CC", "EE", "DD", "BB", "AA"]
    page.get_by_label("Region").select_option(label="Europe")
    expect(page.locator("#rankings-table tbody tr")).to_have_count(2)
    assert unit_order(page, "#rankings-table") == ["BB", "AA"]
    assert "region=150" in page.url
    assert by_rank != ["AA", "BB", "DD", "EE", "CC"]
    assert external_requests == []


def test_moving_a_slider_reorders_and_the_shared_url_restores_the_weights(
    page: Page, live_server: object
) -> None:
    edition = published()
    url = f"{live_server.url}/en/index/{edition.pk}/reweight/"  # type: ignore[attr-defined]
    page.goto(url)
    before = unit_order(page, "#reweighted")
    page.get_by_label("Justice").fill("0")
    expect(page.locator("#out-justice")).to_have_text("0")
    health_first = unit_order(page, "#reweighted")
    assert health_first[0] == "AA" and health_first != before
    page.get_by_label("Justice").fill("10")
    page.get_by_label("Health").fill("0")
    justice_first = unit_order(page, "#reweighted")
    assert justice_first[0] == "CC"
    shared = page.locator("#share-url").input_value()
    assert "w=health%3A0%2Cjustice%3A10" in shared or "w=health:0,justice:10" in shared
    assert (page.locator("#weights-csv").get_attribute("href") or "").endswith("format=csv")

    other = page.context.new_page()
    other.goto(shared)
    expect(other.get_by_label("Health")).to_have_value("0")
    expect(other.get_by_label("Justice")).to_have_value("10")
    assert unit_order(other, "#reweighted") == justice_first


def test_the_map_colours_by_the_chosen_dimension(
    page: Page, live_server: object, external_requests: list[str]
) -> None:
    edition = published()
    page.goto(f"{live_server.url}/en/index/{edition.pk}/map/")  # type: ignore[attr-defined]
    page.wait_for_function("() => window.indexMapView !== undefined")
    france = "window.indexMapView.data('scores').find(d => d.id === '250').value"
    overall = edition.results.get(unit_code="AA")
    assert page.evaluate(france) == pytest.approx(overall.overall)
    fills_before = page.locator("#index-map svg path").evaluate_all(
        "paths => paths.map(p => p.getAttribute('fill'))"
    )
    page.get_by_label("Colour by").select_option(label="Justice")
    page.wait_for_function(
        "() => document.getElementById('index-map').dataset.dimension === 'justice'"
    )
    assert page.evaluate(france) == pytest.approx(overall.scores["justice"])
    fills_after = page.locator("#index-map svg path").evaluate_all(
        "paths => paths.map(p => p.getAttribute('fill'))"
    )
    assert fills_after != fills_before
    assert re.search(r"dimension=justice", page.url)
    assert external_requests == []
