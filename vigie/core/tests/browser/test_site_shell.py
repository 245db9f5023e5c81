"""A visitor reads the home page in three languages, switches language, and logs in."""

import re

import pytest
from playwright.sync_api import Page, expect

from vigie.core.tests.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    ("language", "heading", "vision"),
    [
        ("fr", "Cinq objectifs pour 2024-2027", "Notre vision"),
        ("en", "Five objectives for 2024–2027", "Our vision"),
        ("es", "Cinco objetivos para 2024-2027", "Nuestra visión"),
    ],
)
def test_visitor_reads_the_home_page_in_each_language_with_no_outside_request(
    page: Page,
    live_server: object,
    language: str,
    heading: str,
    vision: str,
    external_requests: list[str],
) -> None:
    page.goto(f"{live_server.url}/{language}/")  # type: ignore[attr-defined]
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.get_by_role("heading", name=heading)).to_be_visible()
    expect(page.get_by_role("heading", name=vision)).to_be_visible()
    expect(page.locator(".objectives > li")).to_have_count(5)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("typeof window.htmx") == "object"
    assert external_requests == []


def test_language_switcher_keeps_the_current_page(page: Page, live_server: object) -> None:
    page.goto(f"{live_server.url}/en/accounts/login/")  # type: ignore[attr-defined]
    page.get_by_role("navigation", name="Language").get_by_role("link", name="FR").click()
    expect(page).to_have_url(re.compile(r"/fr/accounts/login/$"))
    expect(page.get_by_role("heading", name="Se connecter")).to_be_visible()
    page.get_by_role("navigation", name="Langue").get_by_role("link", name="ES").click()
    expect(page.get_by_role("heading", name="Iniciar sesión")).to_be_visible()


def test_skip_link_is_the_first_thing_the_keyboard_reaches(page: Page, live_server: object) -> None:
    page.goto(f"{live_server.url}/en/")  # type: ignore[attr-defined]
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_member_logs_in_and_out(page: Page, live_server: object) -> None:
    make_user("amina", role="member", password="a-long-password")
    page.goto(f"{live_server.url}/en/")  # type: ignore[attr-defined]
    page.get_by_role("link", name="Log in").click()
    page.get_by_label("Username").fill("amina")
    page.get_by_label("Password").fill("a-long-password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("navigation", name="Account")).to_contain_text("amina")
    expect(page.get_by_role("link", name="Staff workspace")).to_have_count(0)
    expect(page.get_by_role("link", name="My space")).to_be_visible()
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("link", name="Log in")).to_be_visible()
