"""The editors' review queue: due datasets and jurisdictions, UNVERIFIED items, by page views."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from vigie.atlas.tests.helpers import make_measure
from vigie.core.models import Review
from vigie.core.reviews import REVIEW_INTERVAL, count_page_views, record_review
from vigie.core.tests.factories import make_user
from vigie.strategy.review_queue import build_review_queue
from vigie.un.models import JointStatement

pytestmark = pytest.mark.django_db

URL = "/en/strategy/staff/review-queue/"


def _editor() -> Client:
    client = Client()
    client.force_login(make_user("editor", role="editor"))
    return client


def test_the_queue_is_for_editors_only() -> None:
    assert Client().get(URL).status_code == 302
    member = Client()
    member.force_login(make_user("member", role="member"))
    assert member.get(URL).status_code == 403
    assert _editor().get(URL).status_code == 200


def test_a_jurisdiction_page_counts_a_view_of_itself_and_of_each_measure_it_shows(
    client: Client,
) -> None:
    make_measure("pt-1", "PT", "decrim_de_jure", verification="partly")
    client.get("/en/atlas/jurisdictions/PT/")
    queue = build_review_queue()
    assert [(i.key, i.views) for i in queue.jurisdictions] == [("PT", 1)]
    assert [(i.key, i.views) for i in queue.unverified if i.key == "pt-1"] == [("pt-1", 1)]


def test_unreviewed_jurisdictions_come_first_by_views_and_leave_once_reviewed() -> None:
    make_measure("pt-1", "PT", "decrim_de_jure")
    make_measure("uy-1", "UY", "regulation_adult")
    make_measure("ca-1", "CA", "regulation_adult")
    for _ in range(3):
        count_page_views([("atlas.jurisdiction", "UY")])
    count_page_views([("atlas.jurisdiction", "CA")])
    assert [item.key for item in build_review_queue().jurisdictions] == ["UY", "CA", "PT"]
    record_review(kind="jurisdiction", key="UY", actor=make_user("e", role="editor"))
    assert [item.key for item in build_review_queue().jurisdictions] == ["CA", "PT"]


def test_a_review_older_than_twelve_months_puts_it_back() -> None:
    make_measure("pt-1", "PT", "decrim_de_jure")
    review = record_review(kind="jurisdiction", key="PT", actor=make_user("e", role="editor"))
    assert build_review_queue().jurisdictions == []
    Review.objects.filter(pk=review.pk).update(
        reviewed_at=timezone.now() - REVIEW_INTERVAL - datetime.timedelta(days=1)
    )
    (item,) = build_review_queue().jurisdictions
    assert item.key == "PT" and item.last_review is not None


def test_unverified_items_are_listed_most_viewed_first(client: Client) -> None:
    make_measure("pt-1", "PT", "decrim_de_jure", verification="partly")
    make_measure("uy-1", "UY", "regulation_adult", verification="unverified")
    make_measure("ca-1", "CA", "regulation_adult")  # verified: not in the queue
    for _ in range(3):
        client.get("/en/atlas/measures/uy-1/")
        client.get("/en/un/joint-statements/CND67-JS-RUSSIA-46/")
    for _ in range(2):
        client.get("/en/atlas/measures/pt-1/")
    # The session page shows its joint statements: each one counts a view.
    session = JointStatement.objects.get(code="CND67-JS-RUSSIA-46").session_id
    client.get(f"/en/un/sessions/{session}/")
    queue = build_review_queue()
    keys = [item.key for item in queue.unverified]
    assert keys[:3] == ["CND67-JS-RUSSIA-46", "uy-1", "pt-1"]
    assert "ca-1" not in keys
    assert next(i for i in queue.unverified if i.key == "CND67-JS-COLOMBIA").views == 1
    # Every joint statement with an incomplete list or a conflict is in the queue.
    assert {"CND67-JS-COLOMBIA", "CND67-JS-RUSSIA"} <= set(keys)
    assert [item.views for item in queue.unverified[:3]] == [4, 3, 2]


def test_datasets_are_due_until_reviewed() -> None:
    assert {item.key for item in build_review_queue().datasets} == {"atlas", "un", "index"}
    record_review(kind="dataset", key="atlas", actor=make_user("e", role="editor"))
    assert {item.key for item in build_review_queue().datasets} == {"un", "index"}


def test_marking_reviewed_from_the_queue_returns_to_it() -> None:
    make_measure("pt-1", "PT", "decrim_de_jure")
    client = _editor()
    assert 'data-key="PT"' in client.get(URL).content.decode()
    response = client.post("/en/staff/reviews/jurisdiction/PT/", {"next": URL})
    assert response["Location"] == URL
    assert 'data-key="PT"' not in client.get(URL).content.decode()
