"""Reminders 24 hours and 1 hour before: queued by a command, each sent at most once."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from vigie.events.models import Event, Reminder
from vigie.events.reminders import queue_due_reminders
from vigie.events.tasks import send_reminder
from vigie.events.tests.factories import make_event, make_registration

pytestmark = pytest.mark.django_db


def _event_in(hours: float) -> Event:
    start = timezone.now() + datetime.timedelta(hours=hours)
    return make_event(starts_at=start, ends_at=start + datetime.timedelta(hours=2))


def test_day_reminder_is_sent_once_however_often_the_command_runs() -> None:
    event = _event_in(20)
    make_registration(event, "Ana")
    call_command("send_event_reminders", stdout=StringIO())
    call_command("send_event_reminders", stdout=StringIO())
    assert [message.subject for message in mail.outbox] == ["Tomorrow: " + str(event)]
    assert Reminder.objects.get().sent_at is not None


def test_hour_reminder_follows_the_day_reminder() -> None:
    event = _event_in(20)
    make_registration(event, "Ana")
    queue_due_reminders()
    queue_due_reminders(now=timezone.now() + datetime.timedelta(hours=19, minutes=30))
    subjects = [message.subject.split(":")[0] for message in mail.outbox]
    assert subjects == ["Tomorrow", "Starting in one hour"]
    assert "secret-room" in mail.outbox[1].body


def test_a_late_registrant_gets_only_the_hour_reminder() -> None:
    make_registration(_event_in(0.5), "Ana")
    assert queue_due_reminders() == 1
    assert Reminder.objects.get().kind == "1h"


def test_nothing_is_due_for_distant_events_or_people_not_confirmed() -> None:
    make_registration(_event_in(48), "Far")
    soon = _event_in(2)
    make_registration(soon, "Waiting", status="waiting")
    make_registration(soon, "Gone", status="cancelled")
    assert queue_due_reminders() == 0
    assert mail.outbox == []


def test_the_task_refuses_to_send_a_reminder_twice() -> None:
    registration = make_registration(_event_in(5), "Ana")
    reminder = Reminder.objects.create(registration=registration, kind="24h")
    assert send_reminder.call(reminder.pk) is True
    assert send_reminder.call(reminder.pk) is False
    assert len(mail.outbox) == 1


def test_reminder_is_written_in_the_registrants_language() -> None:
    make_registration(_event_in(20), "Ana", language="es")
    queue_due_reminders()
    assert mail.outbox[0].subject.startswith("Mañana")
