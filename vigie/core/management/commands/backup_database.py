from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from vigie.core.backups import BackupError, back_up_database


class Command(BaseCommand):
    help = (
        "Back up the database in use to a file, while the site runs (SQLite: online backup; "
        "PostgreSQL: pg_dump custom format). Restore it with restore_database."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("destination", type=Path, help="the backup file to write")
        parser.add_argument("--database", default="default", help="database alias")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            path = back_up_database(destination=options["destination"], alias=options["database"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backed up to {path} ({path.stat().st_size:,} bytes).")
