from typing import Any

from django.core.management.base import BaseCommand

from vigie.campaign.tasks import remind_missing_feedback


class Command(BaseCommand):
    help = (
        "Queue a reminder to each supported partner whose feedback report on the Global Day of "
        "Action is missing while the feedback period is open (at most one a week). Run daily."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{remind_missing_feedback()} reminder(s) queued")
