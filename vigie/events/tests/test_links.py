"""Personal links are random tokens stored hashed, expire after the event, and registering needs
the emailed link to confirm the address (rate limited by address and by client)."""

import datetime
import io
import re
import secrets

import pytest
from django.core import mail, signing
from django.test import Client, override_settings
from django.utils import timezone

from vigie.events.links import make_token
from vigie.events.models import Event, Registration, RegistrationLink
from vigie.events.services import CONFIRMATION_WINDOW, register_participant
from vigie.events.tests.factories import make_event, make_registration

pytestmark = pytest.mark.django_db


def _link_in(message: mail.EmailMessage) -> str:
    match = re.search(r"https?://\S+(/en/events/registration/[^/\s]+/)", str(message.body))
    assert match, message.body
    return match.group(1)


def _post_form(client: Client, event: Event, name: str, email: str) -> int:
    response = client.post(f"/en/events/{event.slug}/register/", {"name": name, "email": email})
    return response.status_code


def test_a_link_expires_the_day_after_the_event_with_a_clear_page() -> None:
    start = timezone.now() - datetime.timedelta(days=3)
    event = make_event(starts_at=start, ends_at=start + datetime.timedelta(hours=2))
    token = make_token(make_registration(event))
    response = Client().get(f"/en/events/registration/{token}/")
    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()
    assert "secret-room" not in response.content.decode()
    assert Client().get(f"/en/events/registration/{token}/calendar.ics").status_code == 410
    assert Client().post(f"/en/events/registration/{token}/cancel/").status_code == 410


def test_a_forged_or_guessed_link_opens_nothing() -> None:
    registration = make_registration(make_event())
    make_token(registration)
    old_style = signing.Signer(salt="vigie.events.registration").sign(str(registration.key))
    for token in [old_style, secrets.token_urlsafe(32), str(registration.key)]:
        assert Client().get(f"/en/events/registration/{token}/").status_code == 404, token


def test_the_value_stored_in_the_database_opens_nothing() -> None:
    registration = make_registration(make_event())
    token = make_token(registration)
    (stored,) = RegistrationLink.objects.values_list("token_hash", flat=True)
    assert token not in stored and len(token) >= 43
    assert Client().get(f"/en/events/registration/{stored}/").status_code == 404
    assert Client().get(f"/en/events/registration/{token}/").status_code == 200


def test_a_place_counts_only_once_the_emailed_link_confirms_the_address() -> None:
    event = make_event(capacity=1)
    client = Client()
    response = client.post(
        f"/en/events/{event.slug}/register/", {"name": "Ana", "email": "ana@example.org"}
    )
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.status == "pending"
    browser_page = client.get(response["Location"]).content.decode()
    assert "secret-room" not in browser_page and "not confirmed yet" in browser_page
    # the link the browser was sent to cannot confirm: only the emailed one proves the address
    browser_token = response["Location"].rstrip("/").rsplit("/", 1)[-1]
    assert client.post(f"/en/events/registration/{browser_token}/confirm/").status_code == 404
    (asking,) = mail.outbox
    assert asking.subject.startswith("Please confirm your registration")
    assert "secret-room" not in asking.body and asking.attachments == []
    link = _link_in(asking)
    assert client.post(f"{link}confirm/").status_code == 302
    registration.refresh_from_db()
    assert registration.status == "confirmed"
    assert "secret-room" in client.get(link).content.decode()
    assert "secret-room" in mail.outbox[-1].body
    # the browser's link worked only while the registration waited for its confirmation
    assert client.get(response["Location"]).status_code == 410


def test_a_script_with_addresses_it_cannot_read_takes_no_place() -> None:
    event = make_event(capacity=3)
    for number in range(10):
        register_participant(
            event=event, name=f"Bot {number}", email=f"bot{number}@example.org", language="en"
        )
    mail.outbox.clear()
    client = Client()
    client.post(f"/en/events/{event.slug}/register/", {"name": "Ana", "email": "ana@example.org"})
    client.post(_link_in(mail.outbox[0]) + "confirm/")
    assert Registration.objects.get(email="ana@example.org").status == "confirmed"


def test_an_unconfirmed_registration_expires_and_the_address_may_register_again() -> None:
    event = make_event(capacity=5)
    Client().post(f"/en/events/{event.slug}/register/", {"name": "Ana", "email": "ana@example.org"})
    link = _link_in(mail.outbox[0])
    Registration.objects.update(created_at=timezone.now() - CONFIRMATION_WINDOW)
    page = Client().post(f"{link}confirm/", follow=True).content.decode()
    assert "The time to confirm this registration has passed" in page
    assert Registration.objects.get().status == "cancelled"
    register_participant(event=event, name="Ana", email="ana@example.org", language="en")
    assert Registration.objects.filter(status="pending").count() == 1


def test_the_confirmation_email_is_in_the_registrants_language() -> None:
    event = make_event()
    Client().post(f"/fr/events/{event.slug}/register/", {"name": "Ana", "email": "ana@example.org"})
    (asking,) = mail.outbox
    assert asking.subject.startswith("Veuillez confirmer votre inscription")
    assert "/fr/events/registration/" in asking.body


@override_settings(EVENTS_REGISTRATION_LIMITS={"email": (2, 3600), "ip": (3, 3600)})
def test_registrations_are_rate_limited_by_address_and_by_client() -> None:
    events = [make_event() for _ in range(4)]
    client = Client()
    assert [_post_form(client, e, "Ana", "ana@example.org") for e in events[:3]] == [302, 302, 429]
    assert Registration.objects.filter(email="ana@example.org").count() == 2
    other = Client(REMOTE_ADDR="192.0.2.7")
    statuses = [_post_form(other, e, f"P{n}", f"p{n}@example.org") for n, e in enumerate(events)]
    assert statuses == [302, 302, 302, 429]
    refused = other.post(
        f"/en/events/{events[3].slug}/register/", {"name": "Q", "email": "q@x.org"}
    )
    assert "Too many registrations" in refused.content.decode()


def test_after_upgrading_everyone_still_registered_gets_a_new_working_link() -> None:
    from django.core.management import call_command

    start = timezone.now() - datetime.timedelta(days=3)
    past = make_event(starts_at=start, ends_at=start + datetime.timedelta(hours=2))
    make_registration(past, "Old")
    event = make_event()
    make_registration(event, "Ana")
    make_registration(event, "Ben", status="waiting")
    make_registration(event, "Cleo", status="cancelled")
    call_command("send_personal_links", stdout=io.StringIO())
    assert sorted(message.to[0] for message in mail.outbox) == [
        "ana@example.org",
        "ben@example.org",
    ]
    for message in mail.outbox:
        assert message.subject.startswith("Your new personal link")
        assert Client().get(_link_in(message)).status_code == 200
