from typing import Any

from django.core.management.base import BaseCommand, CommandError

from vigie.opendata.datasets import DATASETS
from vigie.opendata.services import NothingChanged, ReleaseError, cut_release


class Command(BaseCommand):
    help = (
        "Cut a new open-data release of a dataset (or of every dataset with --all): the tables "
        "as the site exports them now, a Frictionless Data Package, and a changelog against the "
        f"previous release. Datasets: {', '.join(DATASETS)}."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("datasets", nargs="*")
        parser.add_argument("--all", action="store_true", help="every dataset that changed")
        parser.add_argument("--note", default="", help="why this release")

    def handle(self, *args: Any, datasets: list[str], all: bool, note: str, **options: Any) -> None:
        if all:
            datasets = list(DATASETS)
        if not datasets:
            raise CommandError("Name a dataset, or give --all.")
        failures = []
        for slug in datasets:
            try:
                release = cut_release(slug, note=note)
            except NothingChanged as error:
                self.stdout.write(str(error))
                if not all:
                    failures.append(str(error))
            except ReleaseError as error:
                failures.append(str(error))
            else:
                self.stdout.write(f"{slug} {release.version}")
        if failures:
            raise CommandError("; ".join(failures))
