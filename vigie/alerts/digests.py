"""Finding the weekly digests that are due and queueing each (the scheduler calls this)."""

import datetime

from django.utils import timezone
from django_tasks import task

from vigie.alerts import tasks
from vigie.alerts.models import Subscription
from vigie.alerts.services import CONFIRM_WINDOW, DIGEST_INTERVAL


def queue_due_digests(*, now: datetime.datetime | None = None) -> int:
    """Queue the digest of every confirmed subscription whose window is a week old, and purge
    the requests never confirmed; return how many digests were queued."""
    now = now or timezone.now()
    Subscription.objects.filter(
        confirmed_at__isnull=True, created_at__lt=now - CONFIRM_WINDOW
    ).delete()
    due_before = now - DIGEST_INTERVAL
    due = Subscription.objects.filter(
        confirmed_at__isnull=False, digest_since__lte=due_before
    ).values_list("pk", flat=True)
    queued = 0
    for subscription_id in list(due):
        tasks.send_digest.enqueue(subscription_id, due_before.isoformat())
        queued += 1
    return queued


@task()
def queue_alert_digests() -> int:
    """The periodic job (for a scheduler running tasks, e.g. hourly): queue the due digests."""
    return queue_due_digests()
