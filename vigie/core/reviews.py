"""Freshness of the facts: who last reviewed a dataset or a jurisdiction, and what the public reads.

A review is one row (``core.Review``) written when an editor marks a dataset or an atlas
jurisdiction as checked against its sources; the newest row is shown on the public page, every
row is the history. Page views are counted cheaply, one row per shown item and day
(``core.PageViewDay``), incremented by the page that shows the item with one upsert statement;
the review queue orders what needs checking by those counts.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vigie.core.errors import DomainError
from vigie.core.models import PageViewDay, Review
from vigie.core.queries import get_jurisdiction

# The public datasets whose freshness is shown (key → name); the key is stored in reviews.
REVIEWED_DATASETS = {
    "atlas": _("Policy atlas"),
    "un": _("UN tracker: votes, statements and milestones"),
    "index": _("Drug policy index editions"),
}
# A subject not reviewed for this long goes back to the review queue.
REVIEW_INTERVAL = datetime.timedelta(days=365)
# Page views counted over this many days when ordering the queue.
VIEW_WINDOW_DAYS = 365


class ReviewError(DomainError):
    """A review names a subject that does not exist."""


@dataclass(frozen=True)
class LastReview:
    reviewed_at: datetime.datetime
    reviewer: str
    note: str

    def is_due(self, now: datetime.datetime | None = None) -> bool:
        return self.reviewed_at < (now or timezone.now()) - REVIEW_INTERVAL


def reviewer_name(user: Any) -> str:
    """The name shown publicly: the full name, or the user name when it is not an address."""
    full = user.get_full_name().strip() if hasattr(user, "get_full_name") else ""
    if full:
        return full
    username = str(getattr(user, "username", "") or "")
    return username if username and "@" not in username else str(_("an editor"))


def check_review_subject(kind: str, key: str) -> str:
    """The subject's display name; ReviewError when no such dataset or jurisdiction exists."""
    if kind == Review.Kind.DATASET:
        if key not in REVIEWED_DATASETS:
            raise ReviewError(_("%(key)s is not a reviewed dataset.") % {"key": key})
        return str(REVIEWED_DATASETS[key])
    if kind == Review.Kind.JURISDICTION:
        jurisdiction = get_jurisdiction(key)
        if jurisdiction is None:
            raise ReviewError(_("%(key)s is not a jurisdiction.") % {"key": key})
        return jurisdiction.name
    raise ReviewError(_("%(kind)s cannot be reviewed.") % {"kind": kind})


@transaction.atomic
def record_review(*, kind: str, key: str, actor: Any, note: str = "") -> Review:
    """Mark a dataset or a jurisdiction as reviewed now by ``actor`` (a new history row)."""
    check_review_subject(kind, key)
    return Review.objects.create(
        kind=kind,
        key=key.upper() if kind == Review.Kind.JURISDICTION else key,
        reviewed_by=actor if getattr(actor, "is_authenticated", False) else None,
        reviewer_name=reviewer_name(actor),
        note=note.strip(),
    )


def get_last_reviews(kind: str, keys: Iterable[str] | None = None) -> dict[str, LastReview]:
    """The newest review of each subject of a kind (of ``keys`` only, when given): one query."""
    rows = Review.objects.filter(kind=kind).order_by("key", "-reviewed_at", "-id")
    if keys is not None:
        rows = rows.filter(key__in=list(keys))
    found: dict[str, LastReview] = {}
    for key, at, name, note in rows.values_list("key", "reviewed_at", "reviewer_name", "note"):
        found.setdefault(key, LastReview(reviewed_at=at, reviewer=name, note=note))
    return found


def list_reviews(kind: str, key: str, limit: int = 20) -> list[Review]:
    """The review history of one subject, newest first."""
    return list(Review.objects.filter(kind=kind, key=key)[:limit])


def count_page_views(items: Iterable[tuple[str, str]], day: datetime.date | None = None) -> None:
    """Add one view of each item (kind, key) a page shows to its counter row of the day, in one
    INSERT … ON CONFLICT DO UPDATE statement (SQLite ≥ 3.24 and PostgreSQL): a page pays one
    query for its counts, however many items it shows."""
    unique = sorted(set(items))
    if not unique:
        return
    day = day or timezone.localdate()
    quote = connection.ops.quote_name
    table = quote(PageViewDay._meta.db_table)
    kind_col, key_col, day_col, views_col = (
        quote(name) for name in ("kind", "key", "day", "views")
    )
    stored_day = day.isoformat() if connection.vendor == "sqlite" else day
    rows = ", ".join(["(%s, %s, %s, 1)"] * len(unique))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({kind_col}, {key_col}, {day_col}, {views_col}) "
            f"VALUES {rows} ON CONFLICT ({kind_col}, {key_col}, {day_col}) "
            f"DO UPDATE SET {views_col} = {table}.{views_col} + 1",
            [value for kind, key in unique for value in (kind, key, stored_day)],
        )


def list_view_counts(kind: str, since: datetime.date | None = None) -> dict[str, int]:
    """Views per item of a kind since a day (the last ``VIEW_WINDOW_DAYS`` by default)."""
    since = since or timezone.localdate() - datetime.timedelta(days=VIEW_WINDOW_DAYS)
    return {
        key: total or 0
        for key, total in PageViewDay.objects.filter(kind=kind, day__gte=since)
        .values("key")
        .annotate(total=Sum("views"))
        .values_list("key", "total")
    }
