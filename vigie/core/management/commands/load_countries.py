from typing import Any

from django.core.management.base import BaseCommand, CommandError

from vigie.core.errors import DataFileError
from vigie.core.loaders import load_countries


class Command(BaseCommand):
    help = "Load ISO 3166 countries and sub-national jurisdictions from data/core/."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            reports = load_countries()
        except DataFileError as error:
            raise CommandError(str(error)) from error
        for name, report in reports.items():
            self.stdout.write(f"{name}: {report}")
