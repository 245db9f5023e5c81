from typing import Any

from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone

from vigie.surveys.models import Round, RoundStatus
from vigie.surveys.services import send_reminders


class Command(BaseCommand):
    help = "Queue reminders for every open survey round (invitees who have not submitted)."

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        dated = Q(status=RoundStatus.DATED, opens_on__lte=today, closes_on__gte=today)
        for round_ in Round.objects.filter(dated | Q(status=RoundStatus.OPEN)):
            queued = send_reminders(round_id=round_.pk)
            self.stdout.write(f"queued {queued} reminders for {round_}")
