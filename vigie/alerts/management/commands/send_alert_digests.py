from typing import Any

from django.core.management.base import BaseCommand

from vigie.alerts.digests import queue_due_digests


class Command(BaseCommand):
    help = (
        "Queue the weekly digest of every confirmed alert subscription whose last digest is a "
        "week old (a digest is sent only when something changed), and delete the subscription "
        "requests never confirmed. Run it daily or hourly; a digest is never sent twice a week."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        queued = queue_due_digests()
        self.stdout.write(f"{queued} digest(s) queued")
