"""Freshness: reviews of datasets and jurisdictions, and the per-day page-view counters."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from vigie.core.models import PageViewDay, Review
from vigie.core.reviews import (
    REVIEW_INTERVAL,
    ReviewError,
    count_page_views,
    get_last_reviews,
    list_view_counts,
    record_review,
)
from vigie.core.tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_the_last_review_is_the_newest_row_and_every_row_is_kept() -> None:
    first = make_user("first", role="editor")
    second = make_user("second", role="editor")
    record_review(kind="jurisdiction", key="pt", actor=first)
    record_review(kind="jurisdiction", key="PT", actor=second, note="checked the decree")
    last = get_last_reviews("jurisdiction")["PT"]
    assert (last.reviewer, last.note) == ("second", "checked the decree")
    assert Review.objects.filter(kind="jurisdiction", key="PT").count() == 2


def test_an_address_is_never_shown_as_the_reviewer() -> None:
    user = make_user("someone@example.org", role="editor")
    review = record_review(kind="dataset", key="atlas", actor=user)
    assert "@" not in review.reviewer_name
    user.first_name, user.last_name = "Ana", "Reviewer"
    user.save()
    assert record_review(kind="dataset", key="atlas", actor=user).reviewer_name == "Ana Reviewer"


@pytest.mark.parametrize(
    ("kind", "key"), [("dataset", "nothing"), ("jurisdiction", "ZZ-99"), ("x", "PT")]
)
def test_an_unknown_subject_is_refused_and_nothing_is_written(kind: str, key: str) -> None:
    with pytest.raises(ReviewError):
        record_review(kind=kind, key=key, actor=make_user("e", role="editor"))
    assert not Review.objects.exists()


def test_a_review_is_due_after_twelve_months() -> None:
    record_review(kind="dataset", key="un", actor=make_user("e", role="editor"))
    last = get_last_reviews("dataset")["un"]
    assert not last.is_due()
    assert last.is_due(timezone.now() + REVIEW_INTERVAL + datetime.timedelta(days=1))


def test_page_views_are_one_row_per_item_and_day() -> None:
    day = datetime.date(2026, 3, 1)
    measure = "atlas.measure"
    for _ in range(2):
        count_page_views([(measure, "pt-2001")], day=day)
    # One page showing two items (one twice) and a jurisdiction: one view each.
    count_page_views(
        [(measure, "pt-2001"), (measure, "other"), (measure, "pt-2001"), ("atlas.j", "PT")], day
    )
    count_page_views([(measure, "pt-2001")], day=day + datetime.timedelta(days=1))
    count_page_views([], day=day)  # a page showing no item counts nothing
    assert PageViewDay.objects.filter(key="pt-2001").count() == 2
    assert list_view_counts("atlas.measure", since=day) == {"pt-2001": 4, "other": 1}
    assert list_view_counts("atlas.j", since=day) == {"PT": 1}
    assert list_view_counts("atlas.measure", since=day + datetime.timedelta(days=1)) == {
        "pt-2001": 1
    }


def test_the_review_page_is_for_editors_and_records_who_reviewed() -> None:
    url = "/en/staff/reviews/jurisdiction/PT/"
    assert Client().get(url).status_code == 302
    assert Client().post(url).status_code == 302
    member = Client()
    member.force_login(make_user("member", role="member"))
    assert member.get(url).status_code == 403
    assert member.post(url, {"note": "x"}).status_code == 403
    assert not Review.objects.exists()
    editor = Client()
    editor.force_login(make_user("reviewer", role="editor"))
    response = editor.post(url, {"note": "ok", "next": "/en/atlas/jurisdictions/PT/"})
    assert response.status_code == 302
    assert response["Location"] == "/en/atlas/jurisdictions/PT/"
    assert Review.objects.get().reviewer_name == "reviewer"
    assert "reviewer" in editor.get(url).content.decode()
    assert editor.post(url, {"next": "https://elsewhere.example/"})["Location"] == url
    assert editor.get("/en/staff/reviews/dataset/none-such/").status_code == 404


def test_public_pages_show_when_and_by_whom_they_were_reviewed() -> None:
    client = Client()
    assert "Not reviewed yet" in client.get("/en/atlas/jurisdictions/PT/").content.decode()
    record_review(kind="jurisdiction", key="PT", actor=make_user("checker", role="editor"))
    record_review(kind="dataset", key="atlas", actor=make_user("other", role="editor"))
    record_review(kind="dataset", key="un", actor=make_user("third", role="editor"))
    record_review(kind="dataset", key="index", actor=make_user("fourth", role="editor"))
    assert "by checker" in client.get("/en/atlas/jurisdictions/PT/").content.decode()
    assert "by other" in client.get("/en/atlas/").content.decode()
    assert "by third" in client.get("/en/un/").content.decode()
    assert "by fourth" in client.get("/en/index/").content.decode()
    # The link to mark a subject reviewed is shown to editors only.
    assert "/staff/reviews/" not in client.get("/en/atlas/jurisdictions/PT/").content.decode()
