import csv
import datetime
import io
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from vigie.core.models import Country
from vigie.core.tests.embeds import assert_embed_page, assert_not_frameable
from vigie.core.tests.factories import make_user
from vigie.un import queries
from vigie.un.models import JointStatement, PositionCode, Session, Signatory, Statement, Vote
from vigie.un.services import record_statement

STAFF_URLS = [
    "/en/un/staff/statements/new/",
    "/en/un/staff/second-coding/",
    "/en/un/staff/data-issues/",
]


def _vote(prefix: str) -> Vote:
    return Vote.objects.get(code__startswith=prefix)


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_public_pages_answer_in_each_language(client: Client, bundled: Any, language: str) -> None:
    urls = ["", "tracker/", "codebook/", "countries/", "countries/CO/"]
    urls += [f"votes/{vote.pk}/" for vote in Vote.objects.all()]
    urls += [f"sessions/{session.pk}/" for session in Session.objects.all()]
    for url in urls:
        assert client.get(f"/{language}/un/{url}").status_code == 200, url


def test_vote_page_shows_the_discrepancy_the_map_and_the_regions(
    client: Client, bundled: Any
) -> None:
    html = client.get(f"/en/un/votes/{_vote('CND68').pk}/").content.decode()
    assert "Abstain: 17 names listed for a stated total of 18." in html
    assert 'id="vote-map"' in html and "world-atlas/countries-110m.json" in html
    assert "Americas" in html and "Argentina" in html
    assert "cdn" not in html.lower()


@pytest.mark.usefixtures("template_context")
def test_the_vote_map_is_a_figure_with_its_unit_source_and_every_country_in_its_table(
    client: Client, bundled: Any
) -> None:
    vote = _vote("CND68")
    response = client.get(f"/en/un/votes/{vote.pk}/")
    chart = response.context["chart"]
    assert chart.title.startswith("How each country voted") and chart.unit and chart.source
    assert len(chart.rows) == vote.records.count()
    assert chart.sources and all(url for _title, url in chart.sources)
    html = response.content.decode()
    assert "Unit: the vote of each country" in html and "Licence: CC BY 4.0" in html


def test_brorphine_vote_page_shows_fifty_names_for_forty_nine(client: Client, bundled: Any) -> None:
    html = client.get(f"/en/un/votes/{_vote('CND65').pk}/").content.decode()
    assert "Yes: 50 names listed for a stated total of 49." in html


def test_vote_csv_lists_every_country_with_sources(client: Client, bundled: Any) -> None:
    response = client.get(f"/en/un/votes/{_vote('CND63R').pk}/csv/")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 53
    assert {row["vote"] for row in rows} == {"yes", "no", "abstain"}
    assert all(row["sources"].startswith("https://") for row in rows)


def test_session_csv_includes_joint_statement_signatories(client: Client, bundled: Any) -> None:
    session = Session.objects.get(label="CND 67th session")
    response = client.get(f"/en/un/sessions/{session.pk}/csv/")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == Signatory.objects.filter(joint_statement__session=session).count()
    colombia = JointStatement.objects.get(code="CND67-JS-COLOMBIA")
    coded = [row for row in rows if row["agenda_item_or_title"] == colombia.title]
    assert len(coded) == colombia.signatories.count() == 26
    assert {row["position"] for row in coded} == {"system_change"}
    # The Russia-led 46-state statement is not coded: its rows carry no position.
    assert {row["position"] for row in rows if row not in coded} == {""}


def test_session_csv_neutralises_a_summary_that_is_a_formula(client: Client, bundled: Any) -> None:
    session = Session.objects.get(label="CND 67th session")
    record_statement(
        session=session,
        date=session.start_date,
        agenda_item="5",
        summary='=HYPERLINK("http://e.x","X")',
        source_url="https://example.org/statement",
        country=Country.objects.get(iso2="CO"),
    )
    response = client.get(f"/en/un/sessions/{session.pk}/csv/")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    statement = next(row for row in rows if row["kind"] == "statement")
    assert statement["summary"] == '\'=HYPERLINK("http://e.x","X")'
    assert statement["source"] == "https://example.org/statement"


@pytest.mark.parametrize("url", STAFF_URLS)
def test_anonymous_visitors_are_sent_to_login(client: Client, bundled: Any, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("url", STAFF_URLS)
def test_members_are_refused_staff_pages(client: Client, bundled: Any, url: str) -> None:
    client.force_login(make_user("member", role="member"))
    assert client.get(url).status_code == 403


def test_members_cannot_import_a_roll_call(client: Client, bundled: Any) -> None:
    client.force_login(make_user("member", role="member"))
    vote = _vote("CND68")
    response = client.post(
        f"/en/un/staff/votes/{vote.pk}/roll-call/", {"yes": "Austria", "save": "1"}
    )
    assert response.status_code == 403
    assert vote.records.count() == 50


def test_data_issues_page_lists_both_discrepancies(client: Client, bundled: Any) -> None:
    client.force_login(make_user("editor", role="editor"))
    html = client.get("/en/un/staff/data-issues/").content.decode()
    assert html.count('class="data-issue"') == 2


@pytest.mark.usefixtures("template_context")
def test_statement_entry_carries_defaults_to_the_next_statement(
    client: Client, bundled: Any
) -> None:
    client.force_login(make_user("editor", role="editor"))
    session = Session.objects.get(label="CND 68th session")
    response = client.post(
        "/en/un/staff/statements/new/",
        {
            "country": "Iran (Islamic Republic of)",
            "speaker_kind": "state",
            "summary": "Opposes any review of the conventions.",
            "position": "",
            "session": session.pk,
            "date": "2025-03-12",
            "agenda_item": "Item 3. General debate",
            "language": "fa",
            "source_url": "https://cndblog.org/2025/03/example",
        },
    )
    assert response.status_code == 302
    statement = Statement.objects.get()
    assert statement.country is not None and statement.country.iso3 == "IRN"
    form = client.get("/en/un/staff/statements/new/").context["form"]
    assert form.initial["agenda_item"] == "Item 3. General debate"
    assert form.initial["date"] == "2025-03-12"
    assert form.initial["session"] == session.pk


@pytest.mark.usefixtures("template_context")
def test_statement_with_a_position_but_no_quote_is_refused(client: Client, bundled: Any) -> None:
    client.force_login(make_user("editor", role="editor"))
    session = Session.objects.get(label="CND 68th session")
    response = client.post(
        "/en/un/staff/statements/new/",
        {
            "country": "Atlantis",
            "speaker_kind": "state",
            "summary": "x",
            "position": PositionCode.objects.get(code="system_change").pk,
            "evidence": "",
            "session": session.pk,
            "date": "2025-03-12",
            "agenda_item": "Item 3",
            "source_url": "https://cndblog.org/x",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "country" in errors and "evidence" in errors
    assert response.context["focus"] == "country"
    assert not Statement.objects.exists()


def test_roll_call_shows_unmatched_names_then_saves_after_the_fix(
    client: Client, bundled: Any
) -> None:
    client.force_login(make_user("editor", role="editor"))
    vote = _vote("UNGA77")
    url = f"/en/un/staff/votes/{vote.pk}/roll-call/"
    data = {"yes": "Austria, Narnia", "no": "Russian Federation", "abstain": "", "save": "1"}
    html = client.post(url, data).content.decode()
    assert "Narnia" in html and 'class="unmatched"' in html
    assert vote.records.count() == 0
    data["yes"] = "Austria, Türkiye"
    response = client.post(url, data)
    assert response.status_code == 302
    assert sorted(vote.records.values_list("country__iso3", flat=True)) == ["AUT", "RUS", "TUR"]


def test_api_lists_votes_and_a_country_record(client: Client, bundled: Any) -> None:
    votes = client.get("/api/v1/un/votes").json()
    assert {vote["code"][:5] for vote in votes} == {"CND63", "CND65", "CND68", "UNGA7"}
    detail = client.get(f"/api/v1/un/votes/{_vote('CND68').pk}").json()
    assert len(detail["records"]) == 50
    reform = client.get("/api/v1/un/reform-states").json()
    assert {row["session"]: row["count"] for row in reform}["CND 67th session"] == 26
    record = client.get("/api/v1/un/countries/CO").json()
    assert record["positions"][0]["position"] == "system_change"


def test_session_page_shows_a_coded_statement_under_its_agenda_item(
    client: Client, bundled: Any
) -> None:
    editor = make_user("editor", role="editor")
    client.force_login(editor)
    session = Session.objects.get(label="CND 68th session")
    client.post(
        "/en/un/staff/statements/new/",
        {
            "country": "Colombia",
            "speaker_kind": "state",
            "summary": "Presents L.6 on an independent review.",
            "position": PositionCode.objects.get(code="system_change").pk,
            "evidence": "an independent, external review of the implementation of drug treaties",
            "session": session.pk,
            "date": "2025-03-14",
            "agenda_item": "Item 5. Implementation of the treaties",
            "source_url": "https://cndblog.org/2025/03/plenary-friday-morning-session",
        },
    )
    client.logout()
    html = client.get(f"/en/un/sessions/{session.pk}/").content.decode()
    assert "Item 5. Implementation of the treaties" in html
    assert "an independent, external review" in html
    assert "Awaiting a second coder" in html
    counts = {row["code"]: row["count"] for row in queries.list_session_position_counts(session.pk)}
    assert counts["system_change"] == 1


@pytest.mark.parametrize(
    ("language", "title", "notes"),
    [
        ("es", "Recomendación de la OMS: incluir la brorfina", "El CND Blog nombra 50 votos"),
        ("fr", "Recommandation de l’OMS\u202f: inscrire la brorphine", "Le CND Blog nomme 50"),
    ],
)
def test_a_vote_title_and_notes_read_in_the_readers_language(
    client: Client, bundled: Any, language: str, title: str, notes: str
) -> None:
    """Issue 15: /es/ showed the vote's title and notes in English."""
    html = client.get(f"/{language}/un/votes/{_vote('CND65').pk}/").content.decode()
    assert title in html and notes in html
    assert "WHO recommendation: place brorphine" not in html


def test_a_vote_map_has_an_embed_page_and_a_vote_without_ballots_none(
    client: Client, bundled: Any
) -> None:
    vote = _vote("CND68")
    page = client.get(f"/en/un/votes/{vote.pk}/")
    assert_not_frameable(page)
    embed_url = f"/en/un/votes/{vote.pk}/embed/"
    assert embed_url in page.content.decode()  # the snippet offered under the map
    html = assert_embed_page(client.get(embed_url), "vote-map")
    assert '<script id="vote-map-data"' in html and "un/vote_map.js" in html
    assert f"/en/un/votes/{vote.pk}/" in html  # the way back to the page in context
    totals_only = Vote.objects.filter(records__isnull=True).first()
    assert totals_only is not None
    assert client.get(f"/en/un/votes/{totals_only.pk}/embed/").status_code == 404
    missing = (Vote.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    assert client.get(f"/en/un/votes/{missing}/embed/").status_code == 404


def test_the_home_lists_the_newest_sessions_and_sends_to_the_tracker_for_all(
    client: Client, bundled: Any
) -> None:
    """Issue 14: the home listed every session twice, so it grew with the sessions recorded."""
    first = Session.objects.order_by("start_date").first()
    assert first is not None
    for number in range(12):
        start = first.start_date.replace(year=2040 + number)
        Session.objects.create(
            forum=first.forum,
            label=f"Later session {number}",
            start_date=start,
            end_date=start + datetime.timedelta(days=5),
        )
    total = Session.objects.count()
    html = client.get("/en/un/").content.decode()
    shown = [n for n in range(12) if f"Later session {n}<" in html]
    assert shown == list(range(2, 12))  # the ten newest
    assert f">{first.label}<" not in html
    assert f"all {total} sessions are on the tracker" in html
    assert 'href="/en/un/tracker/"' in html


def test_api_votes_are_counted_without_joining_their_sessions(client: Client, bundled: Any) -> None:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/v1/un/votes")
    (count,) = [query["sql"] for query in queries if "COUNT(" in query["sql"]]
    assert "JOIN" not in count
    assert response["X-Total-Count"] == str(Vote.objects.count())
    titles = {vote["code"]: vote["title"] for vote in response.json()}
    assert titles == {vote.code: vote.title for vote in Vote.objects.all()}
