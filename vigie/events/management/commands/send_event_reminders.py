from typing import Any

from django.core.management.base import BaseCommand

from vigie.events.reminders import queue_due_reminders


class Command(BaseCommand):
    help = (
        "Queue the reminders due now (24 hours and 1 hour before each event) for confirmed "
        "registrants. Run it every few minutes (cron); a reminder is never queued twice."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        queued = queue_due_reminders()
        self.stdout.write(f"{queued} reminder(s) queued")
