"""A member votes in the council election, keeps the receipt and checks it was counted.

While voting is open the results page shows only the turnout; once the election has closed the
ballots are counted and the receipt can be checked.
"""

import datetime

import pytest
from playwright.sync_api import Page, expect

from vigie.network import services
from vigie.network.models import Candidate, CouncilBallot, Election
from vigie.network.tests.factories import make_member, make_organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_member_votes_once_and_verifies_the_receipt(page: Page, live_server: object) -> None:
    today = datetime.date.today()
    election = Election.objects.create(
        title="Advisory council 2026",
        seats=1,
        opens_on=today,
        closes_on=today,
        term_starts_on=today,
        term_ends_on=today + datetime.timedelta(days=730),
    )
    host = make_organisation("Host (fictional)")
    Candidate.objects.create(
        election=election, name="Rosa Candidate", organisation=host, statement_en="I will listen."
    )
    voter = make_organisation("Voter Org (fictional)")
    make_member("voter", voter, password="a-long-password")
    base = live_server.url  # type: ignore[attr-defined]
    page.goto(f"{base}/en/accounts/login/?next=/en/network/elections/{election.pk}/")
    page.get_by_label("Username").fill("voter")
    page.get_by_label("Password").fill("a-long-password")
    page.get_by_role("button", name="Log in").click()
    page.get_by_label("Rosa Candidate").check()
    page.get_by_role("button", name="Cast my organisation's ballot").click()
    code = page.locator("#receipt-code").inner_text()
    page.get_by_role("link", name="Results and receipt check").click()
    expect(page.get_by_text("Turnout: 1 of 2 member organisations (50.0%).")).to_be_visible()
    expect(page.get_by_text("Rosa Candidate")).to_have_count(0)
    yesterday = today - datetime.timedelta(days=1)
    Election.objects.filter(pk=election.pk).update(opens_on=yesterday, closes_on=yesterday)
    page.reload()
    assert not services.is_election_open(Election.objects.get(pk=election.pk))
    page.get_by_label("Receipt code").fill(code)
    page.get_by_role("button", name="Check", exact=True).click()
    expect(page.get_by_text("A ballot with this receipt was counted.")).to_be_visible()
    expect(page.get_by_text("Voter Org")).to_have_count(0)
    expect(page.get_by_role("row", name="Rosa Candidate 1 Elected")).to_be_visible()
    page.goto(f"{base}/en/network/elections/{election.pk}/")
    expect(page.get_by_text("Your organisation has voted.")).to_be_visible()
    expect(page.get_by_role("button", name="Cast my organisation's ballot")).to_have_count(0)
    assert CouncilBallot.objects.count() == 1
