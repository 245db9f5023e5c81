"""An editor holds a council election through the forms only — create it, set who may vote and
stand, add candidates (an ineligible organisation is refused at the field), open, two members
vote, close, publish — and everyone sees the results; a member votes with the keyboard alone."""

import datetime

import pytest
from playwright.sync_api import Browser, Page, expect

from vigie.core.tests.factories import make_user
from vigie.network import services
from vigie.network.models import Candidate, CouncilBallot, Election, ElectionStatus
from vigie.network.tests.factories import make_member, make_organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-password"


def _log_in(page: Page, base: str, username: str, next_url: str) -> None:
    page.goto(f"{base}/en/accounts/login/?next={next_url}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def _vote(browser: Browser, base: str, username: str, election_pk: int, choice: str) -> None:
    page = browser.new_context().new_page()
    _log_in(page, base, username, f"/en/network/elections/{election_pk}/")
    page.get_by_label(choice).check()
    page.get_by_role("button", name="Cast my organisation's ballot").click()
    expect(page.locator("#receipt-code")).to_be_visible()
    page.context.close()


def test_an_editor_holds_an_election_end_to_end(page: Page, live_server: object) -> None:
    base = live_server.url  # type: ignore[attr-defined]
    make_organisation("Lapsed Org (fictional)", status="lapsed")
    host_a = make_organisation("Host A (fictional)")
    host_b = make_organisation("Host B (fictional)")
    make_member("voter-a", host_a, password=PASSWORD)
    make_member("voter-b", host_b, password=PASSWORD)
    make_user("editor", role="editor", password=PASSWORD)
    _log_in(page, base, "editor", "/en/network/elections/staff/")

    today = datetime.date.today()
    later = today + datetime.timedelta(days=10)
    page.get_by_label("Title").fill("Advisory council 2027")
    page.get_by_label("Seats").fill("1")
    page.get_by_label("Opens on").fill(today.isoformat())
    page.get_by_label("Closes on").fill(later.isoformat())
    page.get_by_label("Term starts on").fill(later.isoformat())
    page.get_by_label("Term ends on").fill(today.isoformat())  # before its start: refused
    page.locator("#id_voter_statuses_1").check()  # Member
    page.locator("#id_candidate_statuses_1").check()
    page.get_by_role("button", name="Create the election").click()
    expect(page.get_by_text("This date must not be before the start date.")).to_be_visible()
    expect(page.get_by_label("Title")).to_have_value("Advisory council 2027")
    page.get_by_label("Term ends on").fill((later + datetime.timedelta(days=730)).isoformat())
    page.get_by_role("button", name="Create the election").click()
    expect(page.locator("#election-status")).to_have_text("Draft")

    page.get_by_label("Name").fill("Lena Lapsed")
    page.get_by_label("Organisation").select_option(label="Lapsed Org (fictional)")
    page.get_by_label("English").fill("I would stand.")
    page.get_by_role("button", name="Add the candidate").click()
    expect(
        page.get_by_text("Lapsed Org (fictional) may not stand in this election")
    ).to_be_visible()
    expect(page.get_by_label("Name")).to_have_value("Lena Lapsed")
    for name, host in (
        ("Rosa Candidate", "Host A (fictional)"),
        ("Omar Candidate", "Host B (fictional)"),
    ):
        page.get_by_label("Name").fill(name)
        page.get_by_label("Organisation").select_option(label=host)
        page.get_by_label("English").fill(f"{name} will listen.")
        page.get_by_label("French").fill("J’écouterai.")
        page.get_by_role("button", name="Add the candidate").click()
        expect(page.get_by_text("The candidate was added.")).to_be_visible()
    assert Candidate.objects.count() == 2
    page.get_by_role("button", name="Open the vote").click()
    expect(page.locator("#election-status")).to_have_text("Open")
    election = Election.objects.get(title="Advisory council 2027")

    browser = page.context.browser
    assert browser is not None
    _vote(browser, base, "voter-a", election.pk, "Rosa Candidate")
    _vote(browser, base, "voter-b", election.pk, "Rosa Candidate")
    page.reload()
    expect(page.get_by_text("2 of 2 organisations voted")).to_be_visible()
    assert not CouncilBallot.objects.exists()  # sealed until the close

    page.get_by_role("button", name="Close the vote and count the ballots").click()
    expect(page.locator("#election-status")).to_have_text("Closed")
    assert CouncilBallot.objects.count() == 2
    visitor = browser.new_context().new_page()
    results = f"{base}/en/network/elections/{election.pk}/results/"
    visitor.goto(results)
    expect(visitor.get_by_text("the results will be published here")).to_be_visible()
    expect(visitor.get_by_text("Rosa Candidate")).to_have_count(0)
    page.get_by_role("button", name="Publish the results").click()
    expect(page.locator("#election-status")).to_have_text("Published")
    visitor.goto(results)
    expect(visitor.get_by_role("row", name="Rosa Candidate 2 Elected")).to_be_visible()
    expect(visitor.get_by_role("row", name="Omar Candidate 0")).to_be_visible()
    expect(visitor.get_by_text("Host A")).to_have_count(0)  # no voter named


def _tab_until(page: Page, selector: str, limit: int = 60) -> None:
    for _press in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} cannot be reached with the Tab key")


def test_a_member_votes_with_the_keyboard_only(page: Page, live_server: object) -> None:
    base = live_server.url  # type: ignore[attr-defined]
    today = datetime.date.today()
    election = services.save_election(
        election=Election(
            title="Keyboard council",
            seats=1,
            opens_on=today,
            closes_on=today,
            term_starts_on=today,
            term_ends_on=today,
        )
    )
    host = make_organisation("Host (fictional)")
    rosa = services.nominate_candidate(
        election_id=election.pk, organisation_id=host.pk, name="Rosa Candidate", statement_en="Hi"
    )
    services.change_election_status(election_id=election.pk, action="open")
    make_member("voter", make_organisation("Voter Org (fictional)"), password=PASSWORD)
    page.goto(f"{base}/en/accounts/login/?next=/en/network/elections/{election.pk}/")
    _tab_until(page, "#id_username")
    page.keyboard.type("voter")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Keyboard council")).to_be_visible()
    _tab_until(page, f"input[name=candidate][value='{rosa.pk}']")
    page.keyboard.press("Space")
    expect(page.get_by_label("Rosa Candidate")).to_be_checked()
    _tab_until(page, "button[type=submit].button")
    assert "ballot" in page.evaluate("document.activeElement.textContent")
    page.keyboard.press("Enter")
    expect(page.locator("#receipt-code")).to_be_visible()
    assert Election.objects.get(pk=election.pk).status == ElectionStatus.OPEN
    assert election.voters.count() == 1
