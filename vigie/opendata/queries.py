"""Reads of open-data releases, for the app's pages and for the alerts digest."""

import datetime
from typing import TypedDict

from django.urls import reverse

from vigie.opendata.datasets import DATASETS
from vigie.opendata.models import Release


class DatasetSummary(TypedDict):
    slug: str
    title: str
    description: str
    latest_version: str


class ReleaseSummary(TypedDict):
    dataset: str
    version: str
    released_on: str
    url: str


def list_datasets() -> list[DatasetSummary]:
    latest: dict[str, str] = {}
    for release in Release.objects.order_by("released_at", "pk"):
        latest[release.dataset] = release.version
    return [
        DatasetSummary(
            slug=slug,
            title=str(dataset.title),
            description=str(dataset.description),
            latest_version=latest.get(slug, ""),
        )
        for slug, dataset in DATASETS.items()
    ]


def is_dataset(slug: str) -> bool:
    return slug in DATASETS


def list_releases_since(since: datetime.datetime, dataset: str = "") -> list[ReleaseSummary]:
    releases = Release.objects.filter(released_at__gte=since).order_by("released_at", "pk")
    if dataset:
        releases = releases.filter(dataset=dataset)
    return [
        ReleaseSummary(
            dataset=release.dataset,
            version=release.version,
            released_on=release.released_at.date().isoformat(),
            url=reverse("opendata:dataset", args=[release.dataset]) + f"#v{release.version}",
        )
        for release in releases
    ]
