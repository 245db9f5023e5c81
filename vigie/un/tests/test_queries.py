import datetime
from typing import Any

import pytest

from vigie.core.models import Country
from vigie.core.tests.factories import make_user
from vigie.un import queries
from vigie.un.models import PositionCode, Session, Statement, Vote
from vigie.un.services import CodingError, record_statement, review_coding

D = datetime.date


def _statement(iso2: str, code: str | None, *, day: int = 11, user: Any = None) -> Statement:
    session = Session.objects.get(label="CND 68th session")
    return record_statement(
        session=session,
        date=D(2025, 3, day),
        agenda_item="Item 3. General debate",
        summary=f"Statement by {iso2}.",
        source_url="https://cndblog.org/2025/03/example",
        country=Country.objects.get(iso2=iso2),
        position=PositionCode.objects.get(code=code) if code else None,
        evidence="quoted passage" if code else "",
        actor=user,
    )


def test_count_distinct_states_at_or_above_reform_over_coded_statements(bundled: Any) -> None:
    _statement("PT", "system_change")
    _statement("PT", "system_change", day=12)  # the same state twice counts once
    _statement("MX", "system_change")
    _statement("DE", "reform_measures")
    _statement("RU", "status_quo")
    _statement("FR", None)  # not coded
    result = queries.count_states_calling_for_reform(D(2025, 3, 10), D(2025, 3, 14))
    assert result.value == 2
    assert {row.label.split(" · ")[0] for row in result.evidence} == {"Portugal", "Mexico"}
    assert len(result.evidence) == 3
    assert all(row.source_urls for row in result.evidence)
    lower = queries.count_states_calling_for_reform(
        D(2025, 3, 10), D(2025, 3, 14), min_position="reform_measures"
    )
    assert lower.value == 3


def test_count_respects_the_dates(bundled: Any) -> None:
    _statement("PT", "system_change", day=10)
    assert queries.count_states_calling_for_reform(D(2025, 3, 11), D(2025, 3, 14)).value == 0
    assert queries.count_states_calling_for_reform(D(2025, 3, 10), D(2025, 3, 10)).value == 1


def test_joint_statement_signatories_count_once_each(bundled: Any) -> None:
    result = queries.count_states_calling_for_reform(D(2024, 1, 1), D(2024, 12, 31))
    assert result.value == 26  # the 26 states named as signing the Colombia-led statement
    assert "Colombia" in {row.label.split(" · ")[0] for row in result.evidence}


def test_a_disputed_coding_is_not_counted(bundled: Any) -> None:
    coder = make_user("first", role="editor")
    second = make_user("second", role="editor")
    statement = _statement("PT", "system_change", user=coder)
    review_coding(
        coding=statement.coding,
        reviewer=second,
        position=PositionCode.objects.get(code="reform_measures"),
        note="No call to review the system in the quoted passage.",
    )
    assert queries.count_states_calling_for_reform(D(2025, 3, 1), D(2025, 3, 31)).value == 0


def test_the_first_coder_cannot_be_the_second(bundled: Any) -> None:
    coder = make_user("first", role="editor")
    statement = _statement("PT", "system_change", user=coder)
    with pytest.raises(CodingError):
        review_coding(
            coding=statement.coding,
            reviewer=coder,
            position=PositionCode.objects.get(code="system_change"),
        )


def test_session_agreement_reports_kappa_of_second_codings(bundled: Any) -> None:
    coder = make_user("first", role="editor")
    second = make_user("second", role="editor")
    codes = {c.code: c for c in PositionCode.objects.all()}
    for iso2, first_code, second_code in [
        ("PT", "system_change", "system_change"),
        ("MX", "system_change", "reform_measures"),
        ("DE", "reform_measures", "reform_measures"),
        ("RU", "status_quo", "status_quo"),
    ]:
        statement = _statement(iso2, first_code, user=coder)
        review_coding(
            coding=statement.coding, reviewer=second, position=codes[second_code], note="n"
        )
    session = Session.objects.get(label="CND 68th session")
    agreement = queries.get_session_agreement(session.pk)
    # po = 3/4; marginals coder 1: sc 2, rm 1, sq 1; coder 2: sc 1, rm 2, sq 1;
    # pe = (2·1 + 1·2 + 1·1) / 16 = 5/16; kappa = (12/16 − 5/16) / (11/16) = 7/11.
    assert agreement["pairs"] == 4
    assert agreement["kappa"] == pytest.approx(7 / 11)


def test_count_statements_coded(bundled: Any) -> None:
    _statement("PT", "system_change")
    _statement("FR", None)
    assert queries.count_statements_coded(D(2025, 3, 1), D(2025, 3, 31)) == 1
    assert queries.count_statements_coded(D(2024, 1, 1), D(2024, 12, 31)) == 2  # joint statements


def test_list_reform_states_by_session(bundled: Any) -> None:
    _statement("PT", "system_change")
    rows = {row["session"]: row for row in queries.list_reform_states_by_session()}
    assert rows["CND 68th session"]["count"] == 1
    assert rows["CND 68th session"]["states"][0]["iso2"] == "PT"
    assert rows["CND 67th session"]["count"] == 26
    assert rows["CND 63rd session (reconvened)"]["forum"] == "CND"


def test_votes_of_a_country(bundled: Any) -> None:
    rows = queries.list_votes_for_country("gb")
    assert [(row["vote"], row["date"].year) for row in rows] == [
        ("yes", 2025),
        ("yes", 2022),
        ("yes", 2020),
    ]
    assert rows[0]["url"].endswith(f"/un/votes/{rows[0]['vote_id']}/")


def test_positions_of_a_country_include_joint_statements(bundled: Any) -> None:
    rows = queries.list_positions_for_country("CO")
    assert [row["position"] for row in rows] == ["system_change"]
    assert rows[0]["kind"] == "joint_statement"


def test_vote_map_data_is_keyed_by_iso_numeric(bundled: Any) -> None:
    vote = Vote.objects.get(code__startswith="CND68")
    data = queries.get_vote_map_data(vote.pk)
    assert data["250"] == "yes"  # France
    assert data["840"] == "no"  # United States
    assert data["356"] == "abstain"  # India
    assert len(data) == 50


def test_mechanism_milestone_does_not_claim_the_expert_panel_as_a_human_rights_mechanism(
    bundled: Any,
) -> None:
    milestone = queries.get_un_mechanism_milestone()
    assert milestone["exists"] is False
    assert milestone["established_on"] is None
    labels = " ".join(row.label for row in milestone["evidence"])
    assert "panel of independent experts" in labels
    assert all(row.source_urls for row in milestone["evidence"])


def test_codings_awaiting_a_second_coder_are_counted_until_reviewed(bundled: Any) -> None:
    before = queries.count_codings_awaiting_second_coder()
    statement = _statement("PT", "system_change", user=make_user("first"))
    assert queries.count_codings_awaiting_second_coder() == before + 1
    review_coding(
        coding=statement.coding,
        reviewer=make_user("second"),
        position=PositionCode.objects.get(code="system_change"),
    )
    assert queries.count_codings_awaiting_second_coder() == before
