"""Finding the reminders that are due and queueing each exactly once.

A reminder is due when the event starts within its lead time (24 hours or 1 hour). Creating the
``Reminder`` row is the claim: the unique (registration, kind) constraint means a second run of
the command, or two commands at once, never queue the same reminder again.
"""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import task

from vigie.events import tasks
from vigie.events.models import Event, Registration, Reminder

# The hour reminder first: when both are due at once (a late registration), only it is sent.
LEAD_TIMES = {
    Reminder.Kind.HOUR: datetime.timedelta(hours=1),
    Reminder.Kind.DAY: datetime.timedelta(hours=24),
}


def queue_due_reminders(*, now: datetime.datetime | None = None) -> int:
    """Queue every due, not yet queued reminder; return how many were queued."""
    now = now or timezone.now()
    queued = 0
    for kind, lead in LEAD_TIMES.items():
        due = (
            Registration.objects.filter(
                status=Registration.Status.CONFIRMED,
                event__status=Event.Status.PUBLISHED,
                event__starts_at__gt=now,
                event__starts_at__lte=now + lead,
            )
            .exclude(reminders__kind=kind)
            .values_list("pk", flat=True)
        )
        for registration_id in list(due):
            if (
                kind == Reminder.Kind.DAY
                and Reminder.objects.filter(
                    registration_id=registration_id, kind=Reminder.Kind.HOUR
                ).exists()
            ):
                continue
            try:
                with transaction.atomic():
                    reminder = Reminder.objects.create(registration_id=registration_id, kind=kind)
            except IntegrityError:
                continue
            tasks.send_reminder.enqueue(reminder.pk)
            queued += 1
    return queued


@task()
def queue_event_reminders() -> int:
    """The periodic job (``settings.PERIODIC_JOBS``): queue the reminders due now."""
    return queue_due_reminders()
