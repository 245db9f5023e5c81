"""A joint statement entered through the API: the same name matcher and checks as the page,
and an answer that says what was matched, to which country, and what was not."""

from typing import Any

from django.test import Client

from vigie.core.models import AuditEntry
from vigie.un.models import JointStatement, PositionCode, Session, Statement, Vote
from vigie.workspace.tests.api_clients import (
    assert_refused_to_others,
    editor_caller,
    refused_fields,
)

PATH = "/api/v1/un/joint-statements"


def _body(session: Session, **changes: Any) -> dict[str, Any]:
    return {
        "session": session.pk,
        "date": "2025-03-12",
        "code": "cnd68-js-api",
        "title": "Joint statement on harm reduction (API test)",
        "summary": "Calls for harm reduction in the resolution.",
        "source_url": "https://example.org/joint-statement",
        "signatories": "On behalf of: Austria; Narnia, Portugal",
        **changes,
    }


def test_the_answer_says_what_was_matched_and_a_fix_lets_it_save(bundled: Any) -> None:
    caller = editor_caller()
    session = Session.objects.get(label="CND 68th session")
    checked = caller.call("post", PATH, {**_body(session), "check_only": True})
    assert checked.status_code == 200, checked.content
    match = checked.json()
    assert {(row["name"], row["iso2"]) for row in match["matched"]} == {
        ("Austria", "AT"),
        ("Portugal", "PT"),
    }
    assert match["unmatched"] == ["Narnia"] and match["saved"] is False
    refused = caller.call("post", PATH, _body(session))
    assert refused_fields(refused) == {"signatories"}
    assert refused.json()["detail"][0]["ctx"]["unmatched"] == ["Narnia"]
    assert not JointStatement.objects.filter(code="CND68-JS-API").exists()
    wrong_fix = caller.call("post", PATH, {**_body(session), "fixes": {"Narnia": "QQ"}})
    assert refused_fields(wrong_fix) == {"fixes"}
    saved = caller.call("post", PATH, {**_body(session), "fixes": {"Narnia": "ES"}})
    assert saved.status_code == 201, saved.content
    assert saved.json()["code"] == "CND68-JS-API" and saved.json()["unmatched"] == []
    assert next(row for row in saved.json()["matched"] if row["fixed"])["iso2"] == "ES"
    joint = JointStatement.objects.get(code="CND68-JS-API")
    assert sorted(joint.signatories.values_list("country__iso2", flat=True)) == ["AT", "ES", "PT"]
    assert AuditEntry.objects.get(action="un.joint_statement.recorded").changes["fixed"] == {
        "Narnia": "ESP"
    }
    page = Client().get(f"/en/un/sessions/{session.pk}/").content.decode()
    assert "Joint statement on harm reduction (API test)" in page


def test_bad_input_names_the_field_and_only_editors_may_write(bundled: Any) -> None:
    caller = editor_caller()
    session = Session.objects.get(label="CND 68th session")
    outside = caller.call("post", PATH, _body(session, date="1999-01-01", signatories="Austria"))
    assert refused_fields(outside) == {"date"}
    missing = caller.call("post", PATH, {"session": session.pk})
    assert {"date", "code", "title", "summary", "source_url", "signatories"} <= refused_fields(
        missing
    )
    assert not JointStatement.objects.filter(code="CND68-JS-API").exists()
    assert_refused_to_others("post", PATH, _body(session, signatories="Austria"))
    assert not JointStatement.objects.filter(code="CND68-JS-API").exists()


def _statement(session: Session, **changes: Any) -> dict[str, Any]:
    return {
        "country": "Iran (Islamic Republic of)",
        "speaker_kind": "state",
        "summary": "Opposes any review of the conventions (API test).",
        "session": session.pk,
        "date": "2025-03-12",
        "agenda_item": "Item 3. General debate",
        "language": "fa",
        "source_url": "https://cndblog.org/2025/03/example",
        **changes,
    }


def test_an_editor_records_a_statement_seen_on_the_session_page(bundled: Any) -> None:
    caller = editor_caller()
    session = Session.objects.get(label="CND 68th session")
    response = caller.call("post", "/api/v1/un/statements", _statement(session))
    assert response.status_code == 201, response.content
    statement = Statement.objects.get(pk=response.json()["id"])
    assert statement.country is not None and statement.country.iso3 == "IRN"
    page = Client().get(f"/en/un/sessions/{session.pk}/").content.decode()
    assert "Opposes any review of the conventions (API test)." in page
    entry = AuditEntry.objects.get(action="un.statement.created", object_id=str(statement.pk))
    assert entry.actor is not None and entry.actor.username == "api-editor"


def test_a_statement_refused_at_its_fields_and_to_members(bundled: Any) -> None:
    caller = editor_caller()
    session = Session.objects.get(label="CND 68th session")
    position = PositionCode.objects.get(code="system_change").pk
    bad = _statement(session, country="Atlantis", position=position)
    assert refused_fields(caller.call("post", "/api/v1/un/statements", bad)) == {
        "country",
        "evidence",
    }
    outside = _statement(session, date="1999-01-01")
    assert refused_fields(caller.call("post", "/api/v1/un/statements", outside)) == {"__all__"}
    assert_refused_to_others("post", "/api/v1/un/statements", _statement(session))
    assert not Statement.objects.exists()


def test_a_roll_call_imported_through_the_api_after_its_unmatched_names_are_fixed(
    bundled: Any,
) -> None:
    caller = editor_caller()
    vote = Vote.objects.get(code__startswith="UNGA77")
    path = f"/api/v1/un/votes/{vote.pk}/roll-call"
    lists = {"yes": "Austria, Narnia", "no": "Russian Federation", "abstain": ""}
    checked = caller.call("post", path, {**lists, "check_only": True})
    assert checked.status_code == 200 and checked.json()["unmatched"]["yes"] == ["Narnia"]
    assert refused_fields(caller.call("post", path, lists)) == {"yes"}
    twice = {"yes": "Austria", "no": "Austria", "abstain": ""}
    assert refused_fields(caller.call("post", path, twice)) == {"__all__"}
    assert vote.records.count() == 0
    assert_refused_to_others("post", path, {**lists, "yes": "Austria, Türkiye"})
    assert vote.records.count() == 0
    saved = caller.call("post", path, {**lists, "yes": "Austria, Türkiye"})
    assert saved.status_code == 200, saved.content
    assert saved.json()["saved"] == 3
    records = Client().get(f"/api/v1/un/votes/{vote.pk}").json()["records"]
    assert sorted(row["iso3"] for row in records) == ["AUT", "RUS", "TUR"]
    entry = AuditEntry.objects.get(action="un.vote.roll_call_imported")
    assert entry.actor is not None and entry.actor.username == "api-editor"
