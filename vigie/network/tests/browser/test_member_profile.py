"""A member logs in, edits their organisation's profile, and cannot reach another's."""

import pytest
from playwright.sync_api import Page, expect

from vigie.network.tests.factories import make_member, make_organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_member_edits_own_profile_and_cannot_reach_another(page: Page, live_server: object) -> None:
    own = make_organisation("Own Collective (fictional)", slug="own")
    other = make_organisation("Other Network (fictional)", slug="other")
    make_member("amina", own, password="a-long-password")
    base = live_server.url  # type: ignore[attr-defined]
    page.goto(f"{base}/en/network/")
    page.get_by_role("link", name="Log in").click()
    page.get_by_label("Username").fill("amina")
    page.get_by_label("Password").fill("a-long-password")
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{base}/en/network/")
    page.get_by_role("link", name="Edit my organisation's profile").click()
    expect(page.get_by_role("heading", name="Edit the profile of Own Collective")).to_be_visible()
    page.get_by_label("public summary (English)").fill("Peer-led harm reduction in Nairobi.")
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_text("The profile was saved.")).to_be_visible()
    expect(page.get_by_text("Peer-led harm reduction in Nairobi.")).to_be_visible()
    page.goto(f"{base}/en/network/organisations/{other.slug}/")
    expect(page.get_by_role("link", name="Edit profile")).to_have_count(0)
    response = page.goto(f"{base}/en/network/organisations/{other.slug}/edit/")
    assert response is not None and response.status == 403
    other.refresh_from_db()
    assert other.summary_en == ""
