from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections

from vigie.core.backups import BackupError, restore_database


class Command(BaseCommand):
    help = (
        "Replace the whole content of the database in use with a backup made by "
        "backup_database. Asks for confirmation unless --noinput is given."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", type=Path, help="the backup file to restore")
        parser.add_argument("--database", default="default", help="database alias")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="do not ask for confirmation",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        alias = options["database"]
        if options["interactive"]:
            name = connections[alias].settings_dict["NAME"]
            answer = input(
                f"Every row of database {name} will be replaced by {options['source']}. "
                "Type 'yes' to continue: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled; nothing was changed.")
        try:
            restore_database(source=options["source"], alias=alias)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored {options['source']}.")
