"""An editor pastes a joint statement's signatories, fixes the one unknown name by choosing its
country, saves, and finds the signatories on the public session page."""

import pytest
from playwright.sync_api import Page, expect

from vigie.core.tests.factories import make_user
from vigie.un.models import Session

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_editor_pastes_signatories_fixes_an_unknown_name_and_saves(
    page: Page, live_server: object, reference_data: None
) -> None:
    session = Session.objects.get(label="CND 68th session")
    make_user("secretariat", role="editor", password="a-long-password")
    base = live_server.url  # type: ignore[attr-defined]
    page.goto(f"{base}/en/accounts/login/?next=/en/un/sessions/{session.pk}/")
    page.get_by_label("Username").fill("secretariat")
    page.get_by_label("Password").fill("a-long-password")
    page.get_by_role("button", name="Log in").click()

    page.get_by_role("link", name="Enter a joint statement").click()
    expect(page.get_by_role("heading", name="Enter a joint statement")).to_be_visible()
    expect(page.get_by_label("Session")).to_have_value(str(session.pk))
    page.get_by_label("Date").fill("2025-03-13")
    page.get_by_label("Identifier").fill("CND68-JS-BROWSER")
    page.get_by_label("Title").fill("Joint statement on decriminalisation (test)")
    page.get_by_label("Source address").fill("https://example.org/cnd68-joint")
    page.get_by_label("Summary (not verbatim)").fill("Calls for decriminalising personal use.")
    page.get_by_role("textbox", name="Signatories").fill(
        "On behalf of: Austria, Republic of Utopia; Portugal"
    )
    page.get_by_role("button", name="Check names").click()

    check = page.get_by_role("status")
    expect(check).to_contain_text("Austria → Austria")
    expect(check).to_contain_text("Not matched (1): Republic of Utopia")
    expect(page.get_by_role("button", name="Save the joint statement")).to_have_count(0)
    page.get_by_label("Country for “Republic of Utopia”").select_option(label="Spain")
    page.get_by_role("button", name="Check names").click()
    expect(check).to_contain_text("Republic of Utopia → Spain")
    page.get_by_role("button", name="Save the joint statement").click()
    expect(page.get_by_text("Joint statement saved with 3 signatories.")).to_be_visible()

    page.goto(f"{base}/en/un/sessions/{session.pk}/")
    card = page.locator("article", has_text="Joint statement on decriminalisation (test)")
    for country in ("Austria", "Portugal", "Spain"):
        expect(card.get_by_role("link", name=country, exact=True)).to_be_visible()
