from typing import Any

from django.core.management.base import BaseCommand

from vigie.core.periodic import jobs, start_clock


class Command(BaseCommand):
    help = (
        "Start the clock of the periodic jobs (settings.PERIODIC_JOBS) in the task worker. Run it "
        "when a worker starts (make serve, the systemd unit and compose.yaml do): it is harmless "
        "to run it again or from several workers."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        start_clock()
        for name, job in jobs().items():
            self.stdout.write(f"{name}: {job['task']} every {job['minutes']} minute(s)")
