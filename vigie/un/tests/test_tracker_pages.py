"""The tracker shows a page of sessions and a few rows of evidence per state: its size does not
grow with the number of sessions and statements recorded (issue 14)."""

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from vigie.core.evidence import Evidence
from vigie.un import queries, views
from vigie.un.models import Vote

pytestmark = pytest.mark.django_db


def _sessions(number: int, evidence: int) -> list[queries.SessionReformStates]:
    day = datetime.date(2020, 3, 1)
    return [
        queries.SessionReformStates(
            session_id=n + 1,
            session=f"Session {n:02d}",
            forum="CND",
            start_date=day + datetime.timedelta(days=30 * n),
            end_date=day + datetime.timedelta(days=30 * n + 4),
            count=1,
            stated="",
            states=[
                queries.ReformState(
                    iso2="PT",
                    iso3="PRT",
                    name="Portugal",
                    evidence=[Evidence(label=f"Statement {n:02d}-{e}") for e in range(evidence)],
                )
            ],
        )
        for n in range(number)
    ]


def _read(client: Client, monkeypatch: Any, rows: list[Any], query: str = "") -> tuple[int, str]:
    monkeypatch.setattr(queries, "list_reform_states_by_session", lambda: rows)
    with CaptureQueriesContext(connection) as read:
        response = client.get(f"/en/un/tracker/{query}")
    assert response.status_code == 200
    return len(read), response.content.decode()


def test_the_tracker_shows_a_page_of_sessions_newest_first(
    client: Client, monkeypatch: Any
) -> None:
    _read(client, monkeypatch, _sessions(3, 1))  # the totals cached, as a reader finds them
    few, small = _read(client, monkeypatch, _sessions(3, 1))
    many, large = _read(client, monkeypatch, _sessions(25, 8))
    assert many == few
    shown = views.TRACKER_SESSIONS_PER_PAGE
    assert large.count('<td class="num" data-session=') == shown
    assert "Session 24" in large and f"Session {24 - shown:02d}<" not in large
    # The first rows of each state's evidence; the others are on the state's page.
    assert "Statement 24-2" in large and "Statement 24-3" not in large
    assert "5 more rows of evidence on the state's page" in large
    assert "more row" not in small and "Statement 02-0" in small
    assert "25 rows in all" in large and 'href="?page=3"' in large
    _count, last = _read(client, monkeypatch, _sessions(25, 8), "?page=3")
    assert "Session 00" in last and "Session 05<" not in last


def test_the_api_votes_give_each_vote_its_issues_and_sources_in_a_fixed_number_of_queries(
    client: Client, bundled: Any
) -> None:
    counts = []
    for per_page in (1, 100):
        with CaptureQueriesContext(connection) as read:
            rows = client.get("/api/v1/un/votes", {"per_page": per_page}).json()
        counts.append(len(read))
    assert counts[0] == counts[1] and len(rows) == Vote.objects.count() > 1
    for row in rows:
        vote = Vote.objects.get(pk=row["id"])
        assert row["issues"] == [issue.message for issue in vote.issues.all()]
        assert row["sources"] == [source.url for source in vote.sources.all()]
        assert (row["session"], row["forum"]) == (
            vote.session.label,
            vote.session.forum.abbreviation,
        )
    assert any(row["issues"] for row in rows) and all(row["sources"] for row in rows)
    assert client.get("/api/v1/un/votes/0").status_code == 404


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="reads SQLite's query plan (the index names differ)"
)
def test_the_newest_votes_are_read_from_their_index() -> None:
    plan = Vote.objects.order_by("-date", "-pk")[:100].explain()
    assert "un_vote_newest_idx" in plan and "TEMP B-TREE" not in plan
