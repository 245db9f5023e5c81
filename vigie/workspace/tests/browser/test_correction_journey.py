"""A member proposes a correction of their country's atlas entry with the keyboard; an editor
applies it from the queue; the public page shows the new text and its history."""

import pytest
from playwright.sync_api import Browser, Page, expect

from vigie.atlas.tests.helpers import make_measure, make_place
from vigie.core.tests.factories import make_user
from vigie.network.tests.factories import make_member, make_organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_SUMMARY = "Possession for personal use is an administrative offence since 1 July 2001."


def _log_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/en/")
    page.get_by_role("link", name="Log in").click()
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("a-long-password")
    page.get_by_role("button", name="Log in").click()


def test_member_proposes_by_keyboard_and_editor_applies_it_from_the_queue(
    page: Page, browser: Browser, live_server: object
) -> None:
    base = live_server.url  # type: ignore[attr-defined]
    portugal = make_place("PT", name="Portugal")
    make_measure("pt-2001", "PT", "decrim_de_jure", title="Law 30/2000")
    make_member("alice", make_organisation(headquarters=portugal), password="a-long-password")
    make_user("editor", role="editor", password="a-long-password")

    _log_in(page, base, "alice")
    page.get_by_role("navigation", name="Account").get_by_role("link", name="My space").click()
    page.get_by_role("link", name="Propose a correction: Law 30/2000").click()
    # The whole form with the keyboard: choose with a letter, move with Tab, send with Enter.
    page.get_by_label("What should be corrected?").focus()
    page.keyboard.press("s")  # "Summary"
    page.keyboard.press("Tab")
    page.keyboard.type("The summary does not say what replaced the criminal offence.")
    page.keyboard.press("Tab")
    page.keyboard.type(NEW_SUMMARY)
    page.keyboard.press("Tab")
    page.keyboard.type("https://example.org/law-30-2000")
    page.keyboard.press("Tab")  # the citation may stay empty
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Send the proposal"
    page.keyboard.press("Enter")
    expect(page.get_by_text("your proposal is waiting for an editor's review")).to_be_visible()
    expect(page.locator("#proposal-status")).to_contain_text("Waiting for review")
    page.get_by_role("button", name="Log out").click()

    _log_in(page, base, "editor")
    page.get_by_role("navigation", name="Account").get_by_role(
        "link", name="Staff workspace"
    ).click()
    expect(page.locator('[data-count="corrections"]')).to_have_text("1")
    page.get_by_role("link", name="Open the corrections queue").click()
    page.get_by_role("row").filter(has_text="Portugal").get_by_role("link", name="pt-2001").click()
    expect(page.locator("#current-value")).to_have_text("Summary of pt-2001")
    expect(page.locator("#proposed-value")).to_have_text(NEW_SUMMARY)
    page.get_by_role("button", name="Apply the correction").click()
    expect(page.get_by_text("The correction was applied.")).to_be_visible()

    public = browser.new_context().new_page()
    public.goto(f"{base}/en/atlas/measures/pt-2001/")
    expect(public.locator(".lead")).to_have_text(NEW_SUMMARY)
    history = public.locator("#measure-history")
    expect(history.get_by_role("row")).to_have_count(3)  # header, created, corrected
    expect(history.get_by_role("row").nth(1)).to_contain_text("summary_en")
    expect(public.locator('.sources a[href="https://example.org/law-30-2000"]')).to_have_count(1)
