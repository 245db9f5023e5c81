"""Background work: emails to registrants and reminders (tasks take ids, never instances)."""

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from vigie.events.emails import build_registration_email, build_staff_message
from vigie.events.models import Registration, Reminder


@task()
def send_registration_email(registration_id: int, kind: str) -> None:
    registration = Registration.objects.select_related("event").get(pk=registration_id)
    build_registration_email(registration, kind).send()


@task()
def send_staff_message(registration_id: int, subject: str, body: str) -> None:
    registration = Registration.objects.select_related("event").get(pk=registration_id)
    build_staff_message(registration, subject, body).send()


@task()
def send_reminder(reminder_id: int) -> bool:
    """Send one reminder unless it was already sent or the person is no longer confirmed.

    The reminder row is locked while sending, so two workers given the same id send one email.
    """
    with transaction.atomic():
        reminder = (
            Reminder.objects.select_for_update()
            .select_related("registration__event")
            .get(pk=reminder_id)
        )
        registration = reminder.registration
        if reminder.sent_at is not None or registration.status != Registration.Status.CONFIRMED:
            return False
        build_registration_email(registration, f"reminder_{reminder.kind}").send()
        reminder.sent_at = timezone.now()
        reminder.save(update_fields=["sent_at"])
    return True
