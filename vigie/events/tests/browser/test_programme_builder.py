"""An editor prepares workshop 5 of a series through the staff forms only (no admin, no shell):
the event, a part with four talks, a moderator and two speakers, a preview, publication; the
public page then shows the talk times in Paris time in French and in English, whatever the
visitor's own zone. The programme builder is also used with the keyboard alone."""

import datetime
import re
import zoneinfo
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from vigie.core.tests.factories import make_user
from vigie.events.models import Contribution, Event, Person, ProgrammeItem, Series
from vigie.events.tests.factories import make_event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PARIS = zoneinfo.ZoneInfo("Europe/Paris")
TALKS = [
    ("16:10", "16:30", "Ouvrir les données", "Opening the data"),
    ("16:30", "17:00", "Compter les décès", "Counting the deaths"),
    ("17:00", "17:30", "Financer la réduction des risques", "Funding harm reduction"),
    ("17:30", "17:50", "Conclusions", "Conclusions"),
]


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    """The editor and the visitor sit in Tokyo: the server's times must still be Paris times."""
    return {**browser_context_args, "timezone_id": "Asia/Tokyo"}


def _log_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/en/accounts/login/?next=/en/events/staff/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("a-long-password")
    page.get_by_role("button", name="Log in").click()


def _credit(
    page: Page, role: str, on: str, *, found: str = "", new: tuple[str, str] = ("", "")
) -> None:
    """Credit a person found by the search (by their label) or a new one (name, affiliation)."""
    page.get_by_label("Role").select_option(label=role)
    page.get_by_label("On", exact=True).select_option(label=on)
    if found:
        page.get_by_label(found).check()
    else:
        page.get_by_label("Or a new person: full name").fill(new[0])
        page.get_by_label("Affiliation of the new person").fill(new[1])
    page.get_by_role("button", name="Credit", exact=True).click()
    expect(page.get_by_text("The person is credited.")).to_be_visible()


def test_editor_builds_workshop_5_and_the_public_page_shows_paris_times(
    page: Page, live_server: object
) -> None:
    base = live_server.url  # type: ignore[attr-defined]
    make_user("editor", role="editor", password="a-long-password")
    Series.objects.create(
        slug="breaking-the-silos", title_en="Breaking the silos", title_fr="Briser les silos"
    )
    # Two people called Marie Dupont: the search shows their affiliations to tell them apart.
    Person.objects.create(name="Marie Dupont", affiliation="Collectif Exemple")
    right_marie = Person.objects.create(name="Marie Dupont", affiliation="Université Exemple")

    _log_in(page, base, "editor")
    page.get_by_role("link", name="New event").click()
    page.get_by_label("Slug").fill("workshop-5")
    page.get_by_label("Series", exact=True).select_option(label="Breaking the silos")
    page.get_by_label("Number in the series").fill("5")
    page.get_by_label("Language order").fill("fr,en")
    page.get_by_label("Working languages").fill("fr,en")
    page.get_by_label("Title (French)", exact=True).fill("Atelier 5")
    page.get_by_label("Title (English)", exact=True).fill("Workshop 5")
    page.get_by_label("Starts (organiser's local time)").fill("2031-06-17T16:00")
    page.get_by_label("Ends (organiser's local time)").fill("2031-06-17T18:00")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The event is saved.")).to_be_visible()

    page.get_by_role("link", name="Programme", exact=True).first.click()
    expect(page.get_by_text("16:00–18:00 (Paris time)")).to_be_visible()
    page.get_by_label("Kind").select_option(label="part")
    page.get_by_label("Title (French)", exact=True).fill("Table ronde")
    page.get_by_label("Title (English)", exact=True).fill("Round table")
    page.get_by_role("button", name="Add to the programme").click()
    expect(page.get_by_text("The programme item is added.")).to_be_visible()

    # A talk after the event's end is refused at the field, with what was typed kept.
    page.get_by_label("In the part").select_option(label="Round table")
    page.get_by_label("Title (English)", exact=True).fill("Too late")
    page.get_by_label("Starts at (Paris time)").fill("2031-06-17T18:30")
    page.get_by_role("button", name="Add to the programme").click()
    expect(
        page.get_by_text("This time is outside the event (16:00–18:00 (Paris time)")
    ).to_be_visible()
    expect(page.get_by_label("Title (English)", exact=True)).to_have_value("Too late")

    for starts, ends, title_fr, title_en in TALKS:
        page.get_by_label("In the part").select_option(label="Round table")
        page.get_by_label("Title (French)", exact=True).fill(title_fr)
        page.get_by_label("Title (English)", exact=True).fill(title_en)
        page.get_by_label("Starts at (Paris time)").fill(f"2031-06-17T{starts}")
        page.get_by_label("Ends at (Paris time)").fill(f"2031-06-17T{ends}")
        page.get_by_role("button", name="Add to the programme").click()
        expect(page.get_by_text("The programme item is added.")).to_be_visible()
    expect(page.get_by_text("16:10–16:30 (Paris time)")).to_be_visible()

    # The moderator, new, created inline for the whole event.
    _credit(page, "moderator", "the whole event", new=("Ana Exemplo", "Rede Exemplo"))

    # A speaker found by full name: the right Marie, told apart by her affiliation.
    page.get_by_label("Find a person by full name").fill("Marie Dupont")
    page.locator("#credit").get_by_role("button", name="Search").click()
    expect(page.get_by_label("Marie Dupont — Collectif Exemple")).to_be_visible()
    _credit(page, "speaker", "Opening the data", found="Marie Dupont — Université Exemple")

    # A second speaker, new.
    _credit(page, "speaker", "Counting the deaths", new=("Kofi Exemple", "Observatoire Exemple"))

    # The preview, while the event is still a draft.
    page.get_by_role("link", name="Preview", exact=True).click()
    expect(page.get_by_role("heading", name="Your place is confirmed: Workshop 5")).to_be_visible()
    expect(
        page.get_by_role("heading", name="Votre place est confirmée\u202f: Atelier 5")
    ).to_be_visible()
    expect(page.locator("time[data-talk-time]").first).to_have_text("16:10")

    page.get_by_role("link", name="Edit the event").click()
    page.get_by_label("Status").select_option(label="published")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The event is saved.")).to_be_visible()

    event = Event.objects.get(slug="workshop-5")
    assert event.status == "published" and event.series is not None and event.number == 5
    talks = event.programme.filter(kind="talk").order_by("order")
    assert [talk.title_en for talk in talks] == [title_en for *_, title_en in TALKS]
    first = talks[0]
    assert first.starts_at == datetime.datetime(2031, 6, 17, 16, 10, tzinfo=PARIS)
    assert Contribution.objects.get(event=event, item=first).person == right_marie
    assert Contribution.objects.filter(event=event, role="speaker").count() == 2
    assert Contribution.objects.filter(event=event, role="moderator", item=None).count() == 1

    talk_times = [start for start, *_ in TALKS]
    for language, zone_text, title in (("fr", "heure de Paris", "Ouvrir les données"), ("en", "Paris time", "Opening the data")):  # fmt: skip
        page.goto(f"{base}/{language}/events/workshop-5/")
        expect(page.locator(".programme-zone")).to_have_text(zone_text)
        expect(page.locator("time[data-talk-time]")).to_have_text(talk_times)
        expect(page.get_by_text(title).first).to_be_visible()
        expect(page.get_by_text("Ana Exemplo")).to_be_visible()
        expect(page.get_by_text("Marie Dupont, Université Exemple")).to_be_visible()
        expect(page.get_by_text("Kofi Exemple, Observatoire Exemple")).to_be_visible()
        # Tokyo is seven hours ahead of Paris in June: the visitor's own time comes after.
        expect(page.locator(".talk-local-time").first).to_have_text(re.compile(r"23:10 Asia/Tokyo"))


def _focused_label(page: Page) -> str | None:
    label = page.evaluate(
        "document.activeElement && document.activeElement.getAttribute('aria-label')"
    )
    return str(label) if label else None


def _tab_to(page: Page, label: str) -> None:
    for _ in range(300):
        if _focused_label(page) == label:
            return
        page.keyboard.press("Tab")
    pytest.fail(f"{label!r} cannot be reached with the Tab key")


def _focus_after_load(page: Page) -> str:
    """The focused element's label once the new page has set it (up to 5 s)."""
    label = ""
    for _attempt in range(50):
        label = page.evaluate(
            "document.activeElement ? document.activeElement.getAttribute('aria-label') || '' : ''"
        )
        if label:
            break
        page.wait_for_timeout(100)
    return str(label)


def test_a_talk_is_reordered_with_the_keyboard_alone(page: Page, live_server: object) -> None:
    base = live_server.url  # type: ignore[attr-defined]
    make_user("editor", role="editor", password="a-long-password")
    start = datetime.datetime(2031, 6, 17, 16, 0, tzinfo=PARIS)
    event = make_event(
        slug="workshop-5", starts_at=start, ends_at=start + datetime.timedelta(hours=2)
    )
    for order, title in enumerate(("Alpha talk", "Bravo talk", "Charlie talk")):
        ProgrammeItem.objects.create(event=event, order=order, title_en=title)

    _log_in(page, base, "editor")
    page.goto(f"{base}/en/events/staff/workshop-5/programme/")
    _tab_to(page, "Move up: Charlie talk")
    page.keyboard.press("Enter")
    expect(page.locator(".builder-title")).to_have_text(
        ["Alpha talk", "Charlie talk", "Bravo talk"]
    )
    # The moved talk's button has the focus again: the next Enter moves it once more.
    # The document's focus, read as a script sees it (``:focus`` also needs the window to have
    # the system focus, which a browser running many tests does not always give).
    assert _focus_after_load(page) == "Move up: Charlie talk"
    page.keyboard.press("Enter")
    expect(page.locator(".builder-title")).to_have_text(
        ["Charlie talk", "Alpha talk", "Bravo talk"]
    )
    _tab_to(page, "Move down: Charlie talk")
    page.keyboard.press("Space")
    expect(page.locator(".builder-title")).to_have_text(
        ["Alpha talk", "Charlie talk", "Bravo talk"]
    )
    titles = list(event.programme.order_by("order").values_list("title_en", flat=True))
    assert titles == ["Alpha talk", "Charlie talk", "Bravo talk"]
