"""An editor keeps the media and mentoring registers through the forms, never the admin."""

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from vigie.core.tests.factories import make_user
from vigie.network.models import Journalist, Outlet
from vigie.network.tests.factories import make_organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(page: Page, base: str, next_url: str) -> None:
    make_user("secretariat", role="editor", password="a-long-password")
    page.goto(f"{base}/en/accounts/login/?next={next_url}")
    page.get_by_label("Username").fill("secretariat")
    page.get_by_label("Password").fill("a-long-password")
    page.get_by_role("button", name="Log in").click()


def test_editor_logs_a_journalists_article_from_its_address(
    page: Page, live_server: object
) -> None:
    outlet = Outlet.objects.create(name="Daily Example", website="https://www.daily.example/")
    Journalist.objects.create(name="Jo Reporter", outlet=outlet)
    base = live_server.url  # type: ignore[attr-defined]
    _log_in(page, base, "/en/network/media/")
    page.get_by_role("link", name="Log coverage").click()
    expect(page.get_by_role("heading", name="Log coverage")).to_be_visible()
    page.get_by_label("Address of the article").fill("https://daily.example/2025/peer-support")
    page.get_by_label("Published on").fill("2025-03-04")
    page.get_by_label("Tone").select_option(label="Supportive")
    page.get_by_label("Journalist").select_option(label="Jo Reporter")
    page.get_by_role("button", name="Log the coverage").click()
    expect(page.get_by_text("The coverage was logged.")).to_be_visible()
    coverage = page.get_by_role("list", name="Coverage")
    expect(coverage).to_contain_text("Daily Example")
    expect(coverage).to_contain_text("Jo Reporter")
    expect(coverage).to_contain_text("Supportive")
    expect(
        coverage.get_by_role("link", name="https://daily.example/2025/peer-support")
    ).to_be_visible()


def test_editor_pairs_two_members_and_records_a_check_in(page: Page, live_server: object) -> None:
    make_organisation("Mentor Collective (fictional)")
    make_organisation("Mentee Network (fictional)")
    base = live_server.url  # type: ignore[attr-defined]
    today = timezone.localdate().isoformat()
    _log_in(page, base, "/en/network/mentoring/")
    page.get_by_role("link", name="Pair two members for mentoring").click()
    page.get_by_label("Mentor").select_option(label="Mentor Collective (fictional)")
    page.get_by_label("Mentee").select_option(label="Mentor Collective (fictional)")
    page.get_by_label("Topics").fill("fundraising")
    page.get_by_role("button", name="Pair them").click()
    expect(page.get_by_text("An organisation cannot mentor itself.")).to_be_visible()
    expect(page.get_by_label("Topics")).to_have_value("fundraising")
    page.get_by_label("Mentee").select_option(label="Mentee Network (fictional)")
    page.get_by_role("button", name="Pair them").click()
    expect(page.get_by_text("The mentoring pair was recorded.")).to_be_visible()
    page.get_by_role("link", name="Record a mentoring check-in").click()
    page.get_by_label("Mentoring pair").select_option(
        label="Mentor Collective (fictional) → Mentee Network (fictional)"
    )
    page.get_by_label("Held on").fill(today)
    page.get_by_label("Notes").fill("Budget plan reviewed together.")
    page.get_by_role("button", name="Record the check-in").click()
    expect(page.get_by_text("The check-in was recorded.")).to_be_visible()
    row = page.get_by_role("row", name="Mentor Collective (fictional)")
    expect(row).to_contain_text("Mentee Network (fictional)")
    expect(row).to_contain_text("Budget plan reviewed together.")
