"""The real workshop of the seed invitation, read in French and in English, and its time shown
in the visitor's own time zone by the browser."""

import datetime
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from vigie.core.loaders import load_countries
from vigie.core.tests.outside_requests import watch_external_requests
from vigie.events.loaders import load_bundled
from vigie.events.models import Event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SLUG = "breaking-the-silos-4-a-global-challenge"


@pytest.fixture
def workshop() -> None:
    load_countries()  # the countries alone: quicker than all the reference data
    load_bundled()


def test_event_page_in_french(page: Page, live_server: object, workshop: None) -> None:
    page.goto(f"{live_server.url}/fr/events/{SLUG}/")  # type: ignore[attr-defined]
    expect(page.get_by_role("heading", level=1)).to_have_text("Atelier 4 « Défi mondial »")
    expect(page.get_by_text("16:00–18:00 heure de Paris = 14:00–16:00 UTC")).to_be_visible()
    expect(page.get_by_role("heading", name="Règle de Chatham House")).to_be_visible()
    expect(page.get_by_role("heading", name="Programme")).to_be_visible()
    expect(page.get_by_text("Ajuster la problématisation des drogues")).to_be_visible()
    expect(page.get_by_text("Angela Me")).to_be_visible()
    expect(page.get_by_text("enregistré et publié ensuite")).to_be_visible()


def test_event_page_in_english_then_switch_to_french(
    page: Page, live_server: object, workshop: None
) -> None:
    page.goto(f"{live_server.url}/en/events/")  # type: ignore[attr-defined]
    page.get_by_role("link", name="Workshop 4 “A global challenge”").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Workshop 4 “A global challenge”")
    expect(page.get_by_text("16:00–18:00 Paris time = 14:00–16:00 UTC")).to_be_visible()
    expect(page.get_by_role("heading", name="Objectives")).to_be_visible()
    expect(page.get_by_text("Reappraising the problems to tackle")).to_be_visible()
    page.get_by_text("Also in French").click()
    expect(page.get_by_text("La session extraordinaire de l’Assemblée générale")).to_be_visible()
    page.get_by_role("navigation", name="Language").get_by_role("link", name="FR").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Atelier 4 « Défi mondial »")


@pytest.fixture
def new_york_page(browser: Browser, external_requests: list[str]) -> Iterator[Page]:
    context = browser.new_context(timezone_id="America/New_York", locale="en-US")
    watch_external_requests(context, external_requests)
    yield context.new_page()
    context.close()
    assert external_requests == []


def test_time_is_shown_in_the_browsers_time_zone(
    new_york_page: Page, live_server: object, workshop: None
) -> None:
    new_york_page.goto(f"{live_server.url}/en/events/{SLUG}/")  # type: ignore[attr-defined]
    local = new_york_page.locator(".local-time")
    expect(local).to_be_visible()
    expect(local).to_contain_text("America/New_York")
    expect(local).to_contain_text(
        "10:00–12:00"
    )  # 16:00 in Paris (UTC+2) is 10:00 in New York (UTC−4)
    expect(local).to_contain_text("Monday, April 26")


def test_a_visitor_in_the_organisers_zone_sees_no_duplicate_line(
    browser: Browser, live_server: object, workshop: None
) -> None:
    context = browser.new_context(timezone_id="Europe/Paris")
    page = context.new_page()
    page.goto(f"{live_server.url}/en/events/{SLUG}/")  # type: ignore[attr-defined]
    expect(page.locator(".organiser-time")).to_be_visible()
    expect(page.locator(".local-time")).to_be_hidden()
    context.close()


def test_talk_times_in_the_organisers_zone_and_the_visitors(
    new_york_page: Page, live_server: object, workshop: None
) -> None:
    event = Event.objects.get(slug=SLUG)
    talk = event.programme.exclude(parent=None).first()
    assert talk is not None
    talk.starts_at = event.starts_at + datetime.timedelta(minutes=10)  # 16:10 in Paris
    talk.save()
    new_york_page.goto(f"{live_server.url}/en/events/{SLUG}/")  # type: ignore[attr-defined]
    time = new_york_page.locator("time[data-talk-time]").first
    expect(time).to_have_text("16:10")
    expect(new_york_page.locator(".programme-zone")).to_have_text("Paris time")
    expect(new_york_page.locator(".talk-local-time").first).to_have_text(
        " (10:10 America/New_York)"
    )
