from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from vigie.events import tasks
from vigie.events.models import Registration
from vigie.events.services import ACTIVE_STATUSES


class Command(BaseCommand):
    help = (
        "Email a new personal link to everyone confirmed or waiting for an event that is not "
        "over (run once after upgrading: links sent before the upgrade no longer work)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        registrations = Registration.objects.filter(
            status__in=ACTIVE_STATUSES, event__ends_at__gt=timezone.now()
        ).values_list("pk", flat=True)
        count = 0
        for registration_id in registrations:
            tasks.send_registration_email.enqueue(registration_id, "new_link")
            count += 1
        self.stdout.write(f"{count} personal link(s) queued")
