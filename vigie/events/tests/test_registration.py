"""Registration, the waiting list, cancellation through the personal link and the emails sent."""

import datetime

import icalendar
import pytest
from django.core import mail
from django.utils import timezone

from vigie.events.emails import build_registration_email
from vigie.events.links import get_registration_for_token, make_token
from vigie.events.models import Event, Registration
from vigie.events.services import (
    RegistrationError,
    cancel_registration,
    confirm_registration,
    register_participant,
    save_event,
    update_registration,
)
from vigie.events.tests.factories import make_event, make_registration

pytestmark = pytest.mark.django_db


def _register(event: Event, name: str, language: str = "en") -> Registration:
    """Register, then confirm the address as the person does with the emailed link."""
    registration = register_participant(
        event=event, name=name, email=f"{name.lower()}@example.org", language=language
    )
    asking = mail.outbox.pop()
    assert asking.to == [registration.email] and "/events/registration/" in asking.body
    return confirm_registration(registration=registration)


def test_registrations_beyond_capacity_go_to_the_waiting_list() -> None:
    event = make_event(capacity=2)
    statuses = [_register(event, name).status for name in ["Ana", "Ben", "Cleo", "Dev"]]
    assert statuses == ["confirmed", "confirmed", "waiting", "waiting"]


def test_confirmation_email_carries_a_valid_ics_and_the_join_link() -> None:
    event = make_event(capacity=10)
    _register(event, "Ana")
    (message,) = mail.outbox
    assert message.to == ["ana@example.org"]
    assert "confirmed" in message.subject
    assert "https://meet.example.org/secret-room" in message.body
    (name, content, mimetype) = message.attachments[0]
    assert name.endswith(".ics") and mimetype.startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(content)
    (vevent,) = calendar.walk("VEVENT")
    assert vevent.decoded("dtstart") == event.starts_at
    assert "secret-room" in str(vevent.get("location"))


def test_waiting_list_email_has_no_join_link_and_no_calendar() -> None:
    event = make_event(capacity=1)
    _register(event, "Ana")
    _register(event, "Ben")
    message = mail.outbox[-1]
    assert "waiting list" in message.subject
    assert "secret-room" not in message.body
    assert message.attachments == []


def test_email_is_written_in_the_registrants_language() -> None:
    event = make_event(capacity=10)
    _register(event, "Ana", language="fr")
    assert mail.outbox[0].subject.startswith("Votre place est confirmée")
    assert "Atelier" in mail.outbox[0].subject


CHATHAM_HOUSE = "The discussions are held under the Chatham House rule"


@pytest.mark.parametrize(
    ("kind", "status"),
    [
        ("confirmed", "confirmed"),
        ("waiting", "waiting"),
        ("promoted", "confirmed"),
        ("reminder_24h", "confirmed"),
        ("reminder_1h", "confirmed"),
    ],
)
def test_emails_to_registrants_of_a_chatham_house_event_state_the_rule(
    kind: str, status: str
) -> None:
    event = make_event(chatham_house_rule=True)
    message = build_registration_email(make_registration(event, status=status), kind)
    assert CHATHAM_HOUSE in message.body


def test_registering_for_a_chatham_house_event_sends_the_rule_with_the_confirmation() -> None:
    _register(make_event(capacity=10, chatham_house_rule=True), "Ana")
    (message,) = mail.outbox
    assert CHATHAM_HOUSE in message.body


@pytest.mark.parametrize("chatham_house_rule", [True, False])
def test_cancellation_emails_and_emails_of_open_events_do_not_state_the_rule(
    chatham_house_rule: bool,
) -> None:
    event = make_event(chatham_house_rule=chatham_house_rule)
    registration = make_registration(event)
    kinds = ["cancelled", "event_cancelled"] + ([] if chatham_house_rule else ["confirmed"])
    for kind in kinds:
        assert "Chatham House" not in build_registration_email(registration, kind).body


def test_waiting_list_promotes_next_person_on_cancellation() -> None:
    event = make_event(capacity=1)
    ana, ben, cleo = (_register(event, name) for name in ["Ana", "Ben", "Cleo"])
    mail.outbox.clear()
    promoted = cancel_registration(registration=ana)
    assert [person.pk for person in promoted] == [ben.pk]
    ben.refresh_from_db()
    cleo.refresh_from_db()
    assert (ben.status, cleo.status) == ("confirmed", "waiting")
    recipients = {message.to[0]: message for message in mail.outbox}
    assert "A place is free" in recipients["ben@example.org"].subject
    assert recipients["ben@example.org"].attachments
    assert "cancelled" in recipients["ana@example.org"].subject


def test_cancelling_twice_is_refused() -> None:
    registration = _register(make_event(), "Ana")
    cancel_registration(registration=registration)
    with pytest.raises(RegistrationError, match="already cancelled"):
        cancel_registration(registration=registration)


def test_raising_the_capacity_promotes_waiting_people() -> None:
    event = make_event(capacity=1)
    _register(event, "Ana")
    ben = _register(event, "Ben")
    event.capacity = 2
    save_event(event=event, actor=None)
    ben.refresh_from_db()
    assert ben.status == "confirmed"


def test_the_same_email_cannot_register_twice_but_can_after_cancelling() -> None:
    event = make_event()
    ana = _register(event, "Ana")
    with pytest.raises(RegistrationError, match="already registered"):
        _register(event, "Ana")
    cancel_registration(registration=ana)
    assert _register(event, "Ana").status == "confirmed"


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"status": Event.Status.DRAFT}, "draft"),
        ({"registration_closes_at": timezone.now() - datetime.timedelta(hours=1)}, "closed"),
        ({"registration_opens_at": timezone.now() + datetime.timedelta(days=1)}, "not yet open"),
        ({"starts_at": timezone.now() - datetime.timedelta(days=3)}, "past"),
    ],
)
def test_registration_is_refused_when_not_open(changes: dict[str, object], reason: str) -> None:
    if "starts_at" in changes:
        changes["ends_at"] = changes["starts_at"] + datetime.timedelta(hours=2)  # type: ignore[operator]
    event = make_event(**changes)
    with pytest.raises(RegistrationError, match="not open"):
        _register(event, "Ana")


def test_personal_token_finds_the_registration_and_a_forged_one_does_not() -> None:
    registration = make_registration(make_event())
    token = make_token(registration)
    assert get_registration_for_token(token) == registration
    assert get_registration_for_token(token[:-2] + "xx") is None
    assert get_registration_for_token(str(registration.key)) is None


def test_changing_answers_keeps_the_place() -> None:
    registration = _register(make_event(capacity=1), "Ana")
    updated = update_registration(
        registration=registration,
        name="Ana Maria",
        organisation="Example Collective (fictional)",
        organisation_type="ngo",
        country=None,
        language="es",
        answers={"1": "yes"},
    )
    assert (updated.name, updated.status, updated.language) == ("Ana Maria", "confirmed", "es")


def test_cancelling_an_event_tells_everyone_registered() -> None:
    event = make_event(capacity=1)
    _register(event, "Ana")
    _register(event, "Ben")
    mail.outbox.clear()
    event.status = Event.Status.CANCELLED
    save_event(event=event, actor=None)
    assert sorted(message.to[0] for message in mail.outbox) == [
        "ana@example.org",
        "ben@example.org",
    ]
    assert all(message.subject.startswith("Event cancelled") for message in mail.outbox)
    assert all(
        "secret-room" not in message.body and not message.attachments for message in mail.outbox
    )
    save_event(event=event, actor=None)
    assert len(mail.outbox) == 2  # saved again: nobody is told twice
