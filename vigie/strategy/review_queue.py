"""The editors' review queue: what has not been reviewed for a year, and the UNVERIFIED items.

Datasets and atlas jurisdictions come back when their last review (``core.reviews``) is older
than ``REVIEW_INTERVAL`` or missing; items whose public page shows an UNVERIFIED mark or a conflict
(atlas measures, UN joint statements) are always listed. Each list is ordered by how often the
public pages showed the item over the last year (``core.reviews.list_view_counts``), most viewed
first, so the most read uncertainty is checked first.
"""

from dataclasses import dataclass

from django.utils import timezone

from vigie.atlas import queries as atlas_queries
from vigie.core.reviews import (
    REVIEWED_DATASETS,
    LastReview,
    get_last_reviews,
    list_view_counts,
)
from vigie.un import queries as un_queries


@dataclass(frozen=True)
class QueueItem:
    kind: str
    key: str
    title: str
    url: str
    views: int
    reason: str = ""
    last_review: LastReview | None = None


@dataclass(frozen=True)
class ReviewQueue:
    datasets: list[QueueItem]
    jurisdictions: list[QueueItem]
    unverified: list[QueueItem]


def _by_views(items: list[QueueItem]) -> list[QueueItem]:
    return sorted(items, key=lambda item: (-item.views, item.title))


def build_review_queue() -> ReviewQueue:
    now = timezone.now()
    dataset_reviews = get_last_reviews("dataset")
    datasets = [
        QueueItem(
            kind="dataset",
            key=key,
            title=str(name),
            url="",
            views=0,
            last_review=dataset_reviews.get(key),
        )
        for key, name in REVIEWED_DATASETS.items()
        if key not in dataset_reviews or dataset_reviews[key].is_due(now)
    ]
    jurisdiction_reviews = get_last_reviews("jurisdiction")
    jurisdiction_views = list_view_counts(atlas_queries.VIEW_KIND_JURISDICTION)
    jurisdictions = [
        QueueItem(
            kind="jurisdiction",
            key=row["code"],
            title=row["name"],
            url=row["url"],
            views=jurisdiction_views.get(row["code"], 0),
            last_review=jurisdiction_reviews.get(row["code"]),
        )
        for row in atlas_queries.list_recorded_jurisdictions()
        if row["code"] not in jurisdiction_reviews or jurisdiction_reviews[row["code"]].is_due(now)
    ]
    unverified: list[QueueItem] = []
    for rows in (
        atlas_queries.list_unverified_measures(),
        un_queries.list_unverified_joint_statements(),
    ):
        views = list_view_counts(rows[0]["kind"]) if rows else {}
        unverified += [
            QueueItem(
                kind=row["kind"],
                key=row["key"],
                title=row["title"],
                url=row["url"],
                views=views.get(row["key"], 0),
                reason=row["reason"],
            )
            for row in rows
        ]
    return ReviewQueue(
        datasets=sorted(datasets, key=lambda item: item.title),
        jurisdictions=_by_views(jurisdictions),
        unverified=_by_views(unverified),
    )
