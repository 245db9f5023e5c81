"""On a phone the main navigation folds behind a menu button; on a wide screen it is always shown."""

from typing import Any

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_on_a_phone_the_menu_button_opens_and_closes_the_navigation(
    page: Page, live_server: Any
) -> None:
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(f"{live_server.url}/en/")
    nav = page.get_by_role("navigation", name="Main")
    button = page.get_by_role("button", name="Menu")
    expect(button).to_be_visible()
    expect(nav).to_be_hidden()
    header = page.locator(".site-header").bounding_box()
    assert header is not None and header["height"] < 130, header
    button.focus()
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(nav.get_by_role("link", name="Events")).to_be_visible()
    page.keyboard.press("Escape")
    expect(nav).to_be_hidden()
    expect(button).to_be_focused()


def test_on_a_wide_screen_there_is_no_menu_button(page: Page, live_server: Any) -> None:
    page.set_viewport_size({"width": 1366, "height": 800})
    page.goto(f"{live_server.url}/fr/")
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    expect(page.get_by_role("navigation", name="Principale")).to_be_visible()


def test_without_javascript_the_navigation_is_always_shown(browser: Any, live_server: Any) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(f"{live_server.url}/en/")
    expect(
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Events")
    ).to_be_visible()
    expect(page.locator(".menu-button")).to_be_hidden()
    context.close()
