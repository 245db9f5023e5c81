"""An editor logs in, reaches the staff workspace from the account menu, sees this week's event
with its registration count and follows it to the event's staff page."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from vigie.core.tests.factories import make_user
from vigie.events.tests.factories import make_event, make_registration

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_editor_reaches_this_weeks_event_from_the_workspace(
    page: Page, live_server: object
) -> None:
    base = live_server.url  # type: ignore[attr-defined]
    make_user("editor", role="editor", password="a-long-password")
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    starts_at = timezone.make_aware(datetime.datetime.combine(monday, datetime.time(15, 0)))
    event = make_event(slug="workshop-5", title_en="Workshop 5", starts_at=starts_at)
    for name in ("Ana Example", "Ben Example", "Chloé Example"):
        make_registration(event, name)

    page.goto(f"{base}/en/")
    page.get_by_role("link", name="Log in").click()
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("a-long-password")
    page.get_by_role("button", name="Log in").click()

    account = page.get_by_role("navigation", name="Account")
    expect(account.get_by_role("link", name="Admin")).to_have_count(0)
    account.get_by_role("link", name="Staff workspace").click()
    expect(page.get_by_role("heading", name="Staff workspace", level=1)).to_be_visible()

    row = page.get_by_role("row").filter(has_text="Workshop 5")
    expect(row.locator('[data-count="confirmed"]')).to_have_text("3")
    row.get_by_role("link", name="Workshop 5").click()
    expect(page).to_have_url(f"{base}/en/events/staff/workshop-5/")
    expect(page.locator("table.registrants")).to_contain_text("ana.example@example.org")
