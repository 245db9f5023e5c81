"""An editor prepares the next workshop of a series by duplicating the last one, then marks who
attended and exports the registrations; a member who tries the same pages is refused."""

import csv
import io
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from vigie.core.tests.factories import make_user
from vigie.events.models import Event
from vigie.events.tests.factories import make_event, make_registration

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/en/accounts/login/?next=/en/events/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("a-long-password")
    page.get_by_role("button", name="Log in").click()


def test_editor_duplicates_marks_attendance_and_exports(page: Page, live_server: object) -> None:
    base = live_server.url  # type: ignore[attr-defined]
    make_user("editor", role="editor", password="a-long-password")
    event = make_event(slug="workshop-4", title_en="Workshop 4", number=4)
    ana = make_registration(event, "Ana Example")
    make_registration(event, "Ben Example")

    _log_in(page, base, "editor")
    page.get_by_role("link", name="All events (staff)").first.click()
    page.get_by_role("link", name="Workshop 4").click()
    expect(page.locator("table.registrants")).to_contain_text("ana.example@example.org")

    page.get_by_role("link", name="Duplicate").click()
    page.get_by_label("Address (slug) of the new event").fill("workshop-5")
    page.get_by_label("Starts (organiser's local time)").fill("2030-05-20T16:00")
    page.get_by_role("button", name="Duplicate").click()
    expect(page.get_by_text("The copy is saved as a draft")).to_be_visible()
    copy = Event.objects.get(slug="workshop-5")
    assert (copy.status, copy.number) == ("draft", 5)

    page.goto(f"{base}/en/events/staff/workshop-4/attendance/")
    page.get_by_label("Ana Example").check()
    page.get_by_role("button", name="Save attendance").click()
    expect(page.get_by_text("Attendance saved: 1 present.")).to_be_visible()
    ana.refresh_from_db()
    assert ana.attended is True

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Export CSV").click()
    text = Path(download_info.value.path()).read_text(encoding="utf-8")
    rows = {row["name"]: row for row in csv.DictReader(io.StringIO(text))}
    assert (rows["Ana Example"]["attended"], rows["Ben Example"]["attended"]) == ("yes", "no")


def test_member_cannot_open_the_registrant_list(page: Page, live_server: object) -> None:
    base = live_server.url  # type: ignore[attr-defined]
    make_user("member", role="member", password="a-long-password")
    event = make_event(slug="private-list")
    make_registration(event, "Ana Example")
    _log_in(page, base, "member")
    response = page.goto(f"{base}/en/events/staff/private-list/")
    assert response is not None and response.status == 403
    expect(page.get_by_text("ana.example@example.org")).to_have_count(0)
