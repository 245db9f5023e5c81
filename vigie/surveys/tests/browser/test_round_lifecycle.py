"""An editor runs a survey round through the forms only, from a new version of the questions to
published results: draft, open and invite, members answer through their emailed links, live
counts, close, publish; then anyone sees the aggregate results."""

import datetime
import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from vigie.core.tests.factories import make_user
from vigie.network.models import ConsentRecord, Contact
from vigie.network.tests.factories import make_organisation
from vigie.surveys.models import Round, RoundStatus
from vigie.surveys.tests.helpers import make_media_round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/en/accounts/login/?next=/en/surveys/staff/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("a-long-password")
    page.get_by_role("button", name="Log in").click()


def test_an_editor_runs_a_round_from_draft_to_published(page: Page, live_server: object) -> None:
    base = live_server.url  # type: ignore[attr-defined]
    make_media_round("2022")  # the survey, its version 1 and a past round
    for number in range(5):
        organisation = make_organisation(f"Member {number} (fictional)")
        contact = Contact.objects.create(
            organisation=organisation, name=f"Contact {number}", email=f"c{number}@example.org"
        )
        ConsentRecord.objects.create(
            contact=contact, purpose="surveys", granted=True, recorded_on=datetime.date(2024, 1, 1)
        )
    make_user("editor", role="editor", password="a-long-password")
    _log_in(page, base, "editor")

    # A new version of the questions, with one more question shown only on "Increased".
    page.get_by_role("button", name="New version of the questions").click()
    expect(page.get_by_role("heading", name="Media survey, version 2")).to_be_visible()
    page.get_by_label("Code").fill("channel")
    page.get_by_label("Kind").select_option("single")
    page.get_by_label("English").fill("Through which channel?")
    page.get_by_label("French").fill("Par quel canal ?")
    page.get_by_label("Spanish").fill("¿Por qué canal?")
    page.get_by_label("Choices").fill("tv | TV | Télévision | Televisión\nradio | Radio")
    page.get_by_label("Show only if this question").select_option(label="media_support_change")
    page.get_by_label("Has one of these answers").fill("increased")
    page.get_by_role("button", name="Save the question").click()
    expect(page.get_by_text("Line 2: give a code and the label")).to_be_visible()
    expect(page.get_by_label("French")).to_have_value("Par quel canal ?")
    page.get_by_label("Choices").fill(
        "tv | TV | Télévision | Televisión\nradio | Radio | Radio | Radio"
    )
    page.get_by_role("button", name="Save the question").click()
    channel = page.get_by_role("listitem").filter(has_text="channel (Single choice)")
    expect(channel.get_by_text("shown if media_support_change is increased")).to_be_visible()

    # A round of version 2, created as a draft.
    page.goto(f"{base}/en/surveys/staff/")
    page.get_by_label("Version").select_option(label="Media survey v2")
    page.get_by_label("Name").fill("2026")
    today = datetime.date.today()
    page.get_by_label("Opens on").fill(today.isoformat())
    page.get_by_label("Closes on").fill((today + datetime.timedelta(days=30)).isoformat())
    page.get_by_role("button", name="Create the round").click()
    expect(page.locator("#round-status")).to_have_text("Draft")
    page.get_by_role("button", name="Invite all member organisations").click()
    expect(page.get_by_text("Open the round before inviting")).to_be_visible()
    page.get_by_role("button", name="Open the round").click()
    expect(page.locator("#round-status")).to_have_text("Open")
    page.get_by_role("button", name="Invite all member organisations").click()
    expect(page.get_by_text("5 organisations were invited.")).to_be_visible()
    expect(page.locator("[data-count=invited]")).to_have_text("5")

    # Each member answers through the link in its email.
    tokens = [
        re.search(r"/surveys/answer/([^/\s]+)/", str(message.body)) for message in mail.outbox
    ]
    assert len(tokens) == 5
    staff_page = page
    browser = page.context.browser
    assert browser is not None
    member = browser.new_context().new_page()  # not logged in: the link is the credential
    for found in tokens:
        assert found is not None
        member.goto(f"{base}/en/surveys/answer/{found.group(1)}/")
        member.get_by_label("Same").check()
        member.get_by_role("button", name="Submit answers").click()
        expect(member.get_by_role("heading", name="Thank you")).to_be_visible()

    staff_page.reload()
    expect(staff_page.locator("[data-count=submitted]")).to_have_text("5")
    staff_page.get_by_role("button", name="Close the round").click()
    expect(staff_page.locator("#round-status")).to_have_text("Closed")
    round_ = Round.objects.get(name="2026")
    results = f"{base}/en/surveys/rounds/{round_.pk}/results/"
    member.goto(results)  # not staff: a closed round is not yet published
    expect(member.get_by_text("Results are published after the round closes")).to_be_visible()
    staff_page.get_by_role("button", name="Publish the results").click()
    expect(staff_page.locator("#round-status")).to_have_text("Published")
    assert Round.objects.get(pk=round_.pk).status == RoundStatus.PUBLISHED

    visitor = browser.new_context().new_page()
    visitor.goto(results)
    expect(visitor.get_by_text("5 organisations answered.").first).to_be_visible()
    expect(visitor.get_by_role("row", name="Same 5")).to_be_visible()
    expect(visitor.get_by_text("Member 0")).to_have_count(0)
