from typing import Any

from django.core.management.base import BaseCommand, CommandError

from vigie.core.errors import DataFileError
from vigie.core.modules import app_modules


class Command(BaseCommand):
    help = (
        "Load every app's bundled real data from data/ (each app's loaders.load_bundled), "
        "in the order of INSTALLED_APPS. Safe to run again: loading twice changes nothing."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--demo", action="store_true", help="also load data/demo/ (fictional)")

    def handle(self, *args: Any, **options: Any) -> None:
        for config, loaders in app_modules("loaders"):
            entry_points = ["load_bundled"] + (["load_demo"] if options["demo"] else [])
            for entry_point in entry_points:
                loader = getattr(loaders, entry_point, None)
                if loader is None:
                    continue
                try:
                    reports = loader()
                except DataFileError as error:
                    raise CommandError(f"{config.label}: {error}") from error
                for name, report in (reports or {}).items():
                    self.stdout.write(f"{config.label}.{name}: {report}")
