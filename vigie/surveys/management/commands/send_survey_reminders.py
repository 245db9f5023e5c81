from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from vigie.surveys.models import Round
from vigie.surveys.tasks import send_round_reminders


class Command(BaseCommand):
    help = "Queue reminders for every open survey round (invitees who have not submitted)."

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        for round_ in Round.objects.filter(opens_on__lte=today, closes_on__gte=today):
            send_round_reminders.enqueue(round_.pk)
            self.stdout.write(f"queued reminders for {round_}")
