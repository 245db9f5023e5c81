"""The reweighting sliders announce each dimension's share of the weight, not the raw weight."""

import pytest
from playwright.sync_api import Page, expect

from vigie.index.tests.factories import make_computed_edition

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sliders_announce_shares_and_the_results_are_a_live_region(
    page: Page, live_server: object
) -> None:
    edition = make_computed_edition()
    page.goto(f"{live_server.url}/en/index/{edition.slug}/reweight/")  # type: ignore[attr-defined]
    health, justice = page.get_by_label("Health"), page.get_by_label("Justice")
    expect(health).to_have_attribute("aria-valuetext", "50%")
    expect(page.locator("#reweighted")).to_have_attribute("aria-live", "polite")
    health.focus()
    for _ in range(10):  # weight 1 → 6, against Justice's 1: 6/7 and 1/7
        health.press("ArrowRight")
    expect(health).to_have_attribute("aria-valuetext", "86%")
    expect(justice).to_have_attribute("aria-valuetext", "14%")
    expect(page.locator("#share_health")).to_have_text("86% of the weight")


def test_shares_are_written_the_french_way(page: Page, live_server: object) -> None:
    edition = make_computed_edition()
    page.goto(f"{live_server.url}/fr/index/{edition.slug}/reweight/")  # type: ignore[attr-defined]
    expect(page.locator("#weights input[type=range]").first).to_have_attribute(
        "aria-valuetext", "50\u202f%"
    )
