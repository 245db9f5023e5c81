"""A reader opens a country from the list of countries, follows its UN vote to the vote's page,
and comes back to the country's profile."""

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_open_a_country_follow_its_un_vote_and_come_back(
    page: Page, live_server: object, reference_data: None
) -> None:
    base = live_server.url  # type: ignore[attr-defined]
    page.goto(f"{base}/en/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Countries").click()
    page.get_by_role("link", name="Portugal", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Portugal")
    expect(page).to_have_title(re.compile("^Portugal: drug policy profile"))
    votes = page.locator("#votes")
    vote_link = votes.get_by_role("link").first
    resolution = vote_link.inner_text()
    vote_link.click()
    expect(page).to_have_url(re.compile(r"/en/un/votes/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(resolution)
    page.go_back()
    expect(page).to_have_url(f"{base}/en/countries/pt/")
    expect(page.locator("#votes").get_by_role("link", name=resolution)).to_be_visible()


def test_from_the_atlas_map_open_a_country_follow_its_un_vote_and_come_back(
    page: Page, live_server: object, reference_data: None
) -> None:
    from vigie.atlas.loaders import load_bundled as load_atlas

    load_atlas()
    base = live_server.url  # type: ignore[attr-defined]
    page.goto(f"{base}/en/atlas/")
    page.locator("#atlas-table").get_by_role("link", name="Portugal", exact=True).click()
    if "/atlas/jurisdictions/" not in page.url:
        # The scripted table links a row to its measure; the measure names its jurisdiction.
        page.get_by_role("link", name="Portugal", exact=True).first.click()
    expect(page).to_have_url(re.compile(r"/en/atlas/jurisdictions/PT/$"))
    page.get_by_role("link", name=re.compile("^Country profile of Portugal")).click()
    expect(page).to_have_url(f"{base}/en/countries/pt/")
    vote_link = page.locator("#votes").get_by_role("link").first
    resolution = vote_link.inner_text()
    vote_link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(resolution)
    page.go_back()
    expect(page).to_have_url(f"{base}/en/countries/pt/")
    page.go_back()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Portugal")
