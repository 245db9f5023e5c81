"""A map with nothing to show says nothing wrong: no "NaN" legend, every country still drawn."""

from typing import Any

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_members_map_with_no_organisation_has_no_nan_legend(
    page: Page, live_server: Any, reference_data: None
) -> None:
    page.goto(f"{live_server.url}/en/network/")
    drawn = page.locator("#member-map-chart[data-rendered='true'] svg")
    expect(drawn).to_be_visible()
    text = (drawn.text_content() or "") + (drawn.get_attribute("aria-label") or "")
    svg = drawn.evaluate("node => node.outerHTML")
    assert "NaN" not in svg and "NaN" not in text
    assert page.locator("#member-map-chart svg path").count() > 100  # the countries are drawn
