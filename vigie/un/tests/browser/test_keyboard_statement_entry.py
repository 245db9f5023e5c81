"""An editor enters a coded statement with the keyboard alone and sees it counted."""

import pytest
from playwright.sync_api import Page, expect

from vigie.core.tests.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _tab_to(page: Page, name: str) -> None:
    """Press Tab until the field called ``name`` has the focus, as a keyboard user would."""
    for _press in range(60):
        if page.evaluate("document.activeElement && document.activeElement.name") == name:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"the keyboard never reached the field {name!r}")


def test_editor_enters_a_statement_by_keyboard_and_sees_it_counted(
    page: Page, live_server: object, external_requests: list[str], reference_data: None
) -> None:
    make_user("clerk", role="editor", password="a-long-password")
    base = live_server.url  # type: ignore[attr-defined]

    page.goto(f"{base}/en/accounts/login/?next=/en/un/staff/statements/new/")
    _tab_to(page, "username")
    page.keyboard.type("clerk")
    page.keyboard.press("Tab")
    page.keyboard.type("a-long-password")
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", name="Enter statements")).to_be_visible()
    # Polled by Playwright itself: a wait_for_function string would need 'unsafe-eval', which the
    # site's Content-Security-Policy refuses.
    expect(page.locator("[name=country]")).to_be_focused()
    # The form opens on the latest session of the bundled data (the statement is counted there).
    session = page.locator("[name=session] option:checked").inner_text().strip()
    page.keyboard.type("Portugal")
    _tab_to(page, "summary")
    page.keyboard.type("Calls on the Commission to review the drug control system.")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "position"
    page.keyboard.type("Calls for sy")
    page.keyboard.press("Tab")
    page.keyboard.type("we must review the international drug control system")
    _tab_to(page, "agenda_item")
    page.keyboard.type("Item 3. General debate")
    _tab_to(page, "source_url")
    page.keyboard.type("https://cndblog.org/2025/03/general-debate")
    page.keyboard.press("Enter")

    expect(page.get_by_text("Statement saved: Portugal.")).to_be_visible()
    # Polled by Playwright itself: a wait_for_function string would need 'unsafe-eval', which the
    # site's Content-Security-Policy refuses.
    expect(page.locator("[name=country]")).to_be_focused()
    expect(page.get_by_label("Agenda item")).to_have_value("Item 3. General debate")

    page.goto(f"{base}/en/un/tracker/")
    expect(page.locator(f'td[data-session="{session}"]')).to_have_text("1")
    for _press in range(80):
        focused = page.evaluate(
            "document.activeElement.tagName === 'SUMMARY' ? document.activeElement.textContent : ''"
        )
        if f"{session}: 1 state" in focused:
            break
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_role("link", name="Portugal", exact=True)).to_be_visible()
    expect(page.get_by_text("we must review the international drug control system")).to_be_visible()
    assert external_requests == []


def test_vote_page_draws_the_map_from_the_vendored_atlas(
    page: Page, live_server: object, external_requests: list[str], reference_data: None
) -> None:
    from vigie.un.models import Vote

    vote = Vote.objects.get(code__startswith="CND68")
    page.goto(f"{live_server.url}/en/un/votes/{vote.pk}/")  # type: ignore[attr-defined]
    expect(page.locator("#vote-map-chart[data-ready='true'] svg")).to_be_visible()
    expect(page.get_by_text("Abstain: 17 names listed for a stated total of 18.")).to_be_visible()
    assert external_requests == []
