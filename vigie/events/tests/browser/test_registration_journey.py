"""A person registers, confirms their address with the emailed link, gets the confirmation with a calendar file, cancels through the personal
link, and the person on the waiting list is promoted and emailed."""

import re
from typing import Any

import icalendar
import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from vigie.events.models import Registration
from vigie.events.tests.factories import make_event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _register(page: Page, base: str, slug: str, name: str, email: str) -> None:
    page.goto(f"{base}/en/events/{slug}/")
    page.get_by_role("link", name=re.compile("^(Register|Join the waiting list)$")).click()
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Type of organisation").select_option("ngo")
    page.get_by_label("I agree that my details are used to run this event").check()
    page.get_by_role("button", name="Send my registration").click()
    expect(page.get_by_text("Your email address is not confirmed yet")).to_be_visible()
    expect(page.locator("a.join-link")).to_have_count(0)
    # the person opens the link emailed to them and confirms their address
    asking = mail.outbox.pop()
    assert asking.to == [email] and asking.subject.startswith("Please confirm your registration")
    page.goto(_personal_link(asking))
    page.get_by_role("button", name="Confirm my registration").click()


def _personal_link(message: mail.EmailMessage) -> str:
    match = re.search(r"(http://\S+/events/registration/\S+/)", str(message.body))
    assert match, message.body
    return match.group(1)


def test_register_confirm_cancel_and_promote_the_next_person(
    page: Page, live_server: object, settings: Any
) -> None:
    base = live_server.url  # type: ignore[attr-defined]
    settings.SITE_URL = base
    event = make_event(slug="one-place", title_en="One-place workshop", capacity=1)
    event.questions.create(
        kind="consent", label_en="I agree that my details are used to run this event", required=True
    )

    _register(page, base, event.slug, "Ana Example", "ana@example.org")
    expect(page.get_by_text("Your place is confirmed.").first).to_be_visible()
    expect(page.locator("a.join-link")).to_have_text("https://meet.example.org/secret-room")
    (confirmation,) = mail.outbox
    assert confirmation.to == ["ana@example.org"]
    calendar = icalendar.Calendar.from_ical(confirmation.attachments[0][1])
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["summary"]) == "One-place workshop"
    assert vevent.decoded("dtstart") == event.starts_at

    _register(page, base, event.slug, "Ben Example", "ben@example.org")
    expect(page.get_by_text("You are number 1 on the waiting list.")).to_be_visible()
    expect(page.locator("a.join-link")).to_have_count(0)
    ben_link = _personal_link(mail.outbox[-1])

    page.goto(_personal_link(confirmation))
    page.get_by_role("button", name="Cancel my registration").click()
    expect(page.get_by_text("This registration is cancelled.")).to_be_visible()

    promoted = [message for message in mail.outbox if message.to == ["ben@example.org"]][-1]
    assert promoted.subject.startswith("A place is free for you")
    page.goto(ben_link)
    expect(page.get_by_text("Your place is confirmed.")).to_be_visible()
    expect(page.locator("a.join-link")).to_be_visible()
    assert Registration.objects.get(email="ben@example.org").status == "confirmed"


def test_registrant_changes_answers_through_the_personal_link(
    page: Page, live_server: object, settings: Any
) -> None:
    base = live_server.url  # type: ignore[attr-defined]
    settings.SITE_URL = base
    event = make_event(slug="answers", capacity=10)
    event.questions.create(
        kind="consent", label_en="I agree that my details are used to run this event", required=True
    )
    event.questions.create(kind="accessibility", label_en="Accessibility needs", order=2)
    _register(page, base, event.slug, "Ana Example", "ana@example.org")
    page.get_by_label("Accessibility needs").fill("Live captions, please")
    page.get_by_role("button", name="Save my answers").click()
    expect(page.get_by_text("Your answers are saved.")).to_be_visible()
    assert "Live captions, please" in Registration.objects.get().answers.values()
