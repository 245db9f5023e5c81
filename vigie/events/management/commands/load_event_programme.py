from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from vigie.core.errors import DataFileError
from vigie.events.loaders import load_programme


class Command(BaseCommand):
    help = (
        "Import the programme of events (series, people, events, parts and talks, speakers, "
        "questions) from a folder of CSV files in the format of data/events/ (see docs/events.md). "
        "All or nothing; a bad row is reported with its file, line and field."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("folder", type=Path)

    def handle(self, *args: Any, folder: Path, **options: Any) -> None:
        if not (folder / "events.csv").exists():
            raise CommandError(f"{folder} has no events.csv")
        try:
            reports = load_programme(folder)
        except DataFileError as error:
            raise CommandError(str(error)) from error
        for name, report in reports.items():
            self.stdout.write(f"{name}: {report}")
