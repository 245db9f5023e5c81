"""An editor keeps the network registers through the forms, never the admin: membership,
contacts and consent, media, funding, mentoring."""

import datetime
import re

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


def test_editor_changes_a_membership_status_and_sees_its_history(
    page: Page, live_server: object
) -> None:
    organisation = make_organisation("Lapsing Alliance (fictional)")
    base = live_server.url  # type: ignore[attr-defined]
    today = timezone.localdate().isoformat()
    _log_in(page, base, "/en/network/")
    page.get_by_role("link", name="Lapsing Alliance (fictional)").click()
    page.get_by_role("link", name="Membership status").click()
    expect(page.get_by_role("heading", name="Membership of Lapsing Alliance")).to_be_visible()
    page.get_by_label("New membership status").select_option(label="Lapsed")
    page.get_by_label("Date of the change").fill("2019-12-31")
    page.get_by_label("Reason").fill("Dues unpaid for two years")
    page.get_by_role("button", name="Change the status").click()
    expect(
        page.get_by_text(f"The organisation applied on {organisation.applied_on.isoformat()}")
    ).to_be_visible()
    expect(page.get_by_label("Reason")).to_have_value("Dues unpaid for two years")
    page.get_by_label("Date of the change").fill(today)
    page.get_by_role("button", name="Change the status").click()
    expect(page.get_by_text("The membership status was changed.")).to_be_visible()
    expect(page.get_by_text("Current status: Lapsed")).to_be_visible()
    row = page.get_by_role("table", name="History of the membership").get_by_role("row").nth(1)
    expect(row).to_contain_text(today)
    expect(row).to_contain_text("Member")
    expect(row).to_contain_text("Lapsed")
    expect(row).to_contain_text("Dues unpaid for two years")
    expect(row).to_contain_text("secretariat")
    page.get_by_role("link", name="Lapsing Alliance (fictional)").click()
    expect(page.locator("dd", has_text="Lapsed")).to_be_visible()


def test_editor_adds_a_contact_and_records_consent_per_purpose(
    page: Page, live_server: object
) -> None:
    make_organisation("Contact Home Network (fictional)")
    base = live_server.url  # type: ignore[attr-defined]
    today = timezone.localdate().isoformat()
    _log_in(page, base, "/en/network/")
    page.get_by_role("link", name="Contacts", exact=True).click()
    page.get_by_role("link", name="New contact").click()
    page.get_by_label(re.compile(r"^Name\b")).fill("Ada Example")
    page.get_by_label("Organisation").select_option(label="Contact Home Network (fictional)")
    page.get_by_label("Email").fill("ada-at-example")
    page.get_by_role("button", name="Add the contact").click()
    expect(page.get_by_text("Enter a valid email address.")).to_be_visible()
    expect(page.get_by_label(re.compile(r"^Name\b"))).to_have_value("Ada Example")
    page.get_by_label("Email").fill("ada@example.org")
    page.get_by_role("button", name="Add the contact").click()
    expect(page.get_by_text("The contact was added. Record the consent they gave.")).to_be_visible()
    expect(page.get_by_role("heading", name="Consent of Ada Example")).to_be_visible()
    page.get_by_label("Purpose").select_option(label="Newsletter")
    page.get_by_label("Given").check()
    page.get_by_label(re.compile(r"^Date\b")).fill(today)
    page.get_by_role("button", name="Record", exact=True).click()
    expect(page.get_by_text("Record the wording the person agreed to.")).to_be_visible()
    expect(page.get_by_label("Purpose")).to_have_value("newsletter")
    page.get_by_label("Wording agreed to").fill("Yes, send me the quarterly newsletter.")
    page.get_by_role("button", name="Record", exact=True).click()
    expect(page.get_by_text("The consent was recorded.")).to_be_visible()
    page.get_by_label("Purpose").select_option(label="Member surveys")
    page.get_by_label("Withdrawn").check()
    page.get_by_label(re.compile(r"^Date\b")).fill(today)
    page.get_by_role("button", name="Record", exact=True).click()
    expect(page.get_by_text("The consent was recorded.")).to_be_visible()
    current = page.get_by_role("table", name="Consent today")
    expect(current.get_by_role("row", name="Newsletter")).to_contain_text("Given")
    expect(current.get_by_role("row", name="Member surveys")).to_contain_text("Withdrawn")
    expect(current.get_by_role("row", name="Event invitations")).to_contain_text("Not asked")
    expect(page.get_by_role("list", name="History")).to_contain_text(
        "Yes, send me the quarterly newsletter."
    )
    page.get_by_role("link", name="Contacts").click()
    row = page.get_by_role("row", name="Ada Example")
    expect(row).to_contain_text("Contact Home Network (fictional)")
    expect(row).to_contain_text("Newsletter")
    expect(row).to_contain_text("Member surveys")


def test_editor_records_a_funder_and_a_grant_against_the_baseline(
    page: Page, live_server: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    baseline = datetime.date(2024, 1, 1)
    monkeypatch.setattr("vigie.network.views.measure_baseline", lambda *args: baseline)
    monkeypatch.setattr("vigie.network.staff_views.measure_baseline", lambda *args: baseline)
    make_organisation("Grantee Collective (fictional)")
    base = live_server.url  # type: ignore[attr-defined]
    today = timezone.localdate().isoformat()
    _log_in(page, base, "/en/network/")
    page.get_by_role("link", name="Funding sources").click()
    page.get_by_role("link", name="New funder").click()
    expect(page.get_by_text("Funding baseline: 2024-01-01.")).to_be_visible()
    page.get_by_label("Name").fill("Example Foundation (fictional)")
    page.get_by_label("Kind").select_option(label="Foundation")
    page.get_by_label("First seen on").fill(today)
    page.get_by_role("button", name="Add the funder").click()
    expect(page.get_by_text("The funder was added.")).to_be_visible()
    page.get_by_role("link", name="New grant").click()
    page.get_by_label("Funder").select_option(label="Example Foundation (fictional)")
    page.get_by_label("Kind of support").select_option(label="Core funding")
    page.get_by_label("Size band").select_option(label="Over 250,000 USD a year")
    page.get_by_label("Started on").fill(today)
    page.get_by_label("Notes").fill("Three-year core grant.")
    page.get_by_role("button", name="Add the grant").click()
    expect(
        page.get_by_text("Choose the organisation funded, or name the programme.")
    ).to_be_visible()
    expect(page.get_by_label("Notes")).to_have_value("Three-year core grant.")
    page.get_by_label("Organisation funded").select_option(label="Grantee Collective (fictional)")
    page.get_by_role("button", name="Add the grant").click()
    expect(page.get_by_text("The grant was added.")).to_be_visible()
    expect(page.get_by_text("Baseline: ")).to_be_visible()
    expect(
        page.locator(".tile", has_text="new major funding sources since the baseline")
    ).to_contain_text("1")
    row = page.get_by_role("row", name="Example Foundation (fictional)")
    expect(row).to_contain_text("Foundation")
    expect(row).to_contain_text(
        "Grantee Collective (fictional) (Over 250,000 USD a year, Core funding)"
    )
    expect(row.get_by_role("cell").nth(4)).to_have_text("yes")
