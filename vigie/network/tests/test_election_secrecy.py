"""The council election is secret: nothing in a copy of the database pairs a ballot with a voter.

The attacker of these tests holds the database with its system columns (SQLite ``rowid``,
PostgreSQL ``xmin`` and ``ctid``) and knows every organisation's vote order. Eight organisations
vote, each for a different set of candidates, so that every ballot in the box can be told apart
and mapped back to its voter by the test; the attack fails if no column orders or groups the
ballots like the voters. (A random shuffle gives back the voting order once in 8! = 40,320 runs.)
"""

import datetime
import itertools
import json
import uuid
from typing import Any

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import override_settings
from django.urls import reverse

from vigie.network import services
from vigie.network.errors import NetworkError
from vigie.network.models import Candidate, CouncilBallot, Election, SealedBallot, VoterRecord
from vigie.network.tests.factories import make_member, make_organisation

VOTERS = 8


def _election(**fields: Any) -> Election:
    today = datetime.date.today()
    values: dict[str, Any] = {
        "title": "Council 2026",
        "seats": 4,
        "opens_on": today - datetime.timedelta(days=1),
        "closes_on": today + datetime.timedelta(days=1),
        "term_starts_on": today,
        "term_ends_on": today + datetime.timedelta(days=700),
    }
    values.update(fields)
    return Election.objects.create(**values)


def _candidates(election: Election, names: tuple[str, ...]) -> list[Candidate]:
    host = make_organisation()
    return [
        Candidate.objects.create(election=election, name=n, organisation=host, statement_en="S")
        for n in names
    ]


def _close(election: Election) -> None:
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    Election.objects.filter(pk=election.pk).update(opens_on=yesterday, closes_on=yesterday)
    election.refresh_from_db()
    services.count_ballots(election_id=election.pk)


def _eight_votes() -> tuple[Election, list[int], dict[tuple[int, ...], int], list[str]]:
    """Eight organisations vote, one after the other, each for a different set of candidates."""
    election = _election()
    candidates = _candidates(election, ("Cand A", "Cand B", "Cand C", "Cand D"))
    pks = [c.pk for c in candidates]
    choices = [
        tuple(sorted(combo)) for size in (1, 2) for combo in itertools.combinations(pks, size)
    ][:VOTERS]
    voters = [make_organisation() for _ in range(VOTERS)]
    codes = [
        services.cast_ballot(
            election_id=election.pk, organisation_id=voter.pk, candidate_ids=list(choice)
        )
        for voter, choice in zip(voters, choices, strict=True)
    ]
    who_chose = {choice: voter.pk for voter, choice in zip(voters, choices, strict=True)}
    return election, [voter.pk for voter in voters], who_chose, codes


def _rows(sql: str) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return list(cursor.fetchall())


def _choice(value: Any) -> tuple[int, ...]:
    return tuple(sorted(json.loads(value) if isinstance(value, str) else value))


def _holder(election: Election, who_chose: dict[tuple[int, ...], int], sealed: str) -> int:
    opened = services.unseal_ballot(election_id=election.pk, sealed=sealed)
    return who_chose[_choice(opened["candidate_ids"])]


@pytest.mark.django_db(transaction=True)
def test_no_ballot_is_in_the_box_while_voting_is_open_and_held_ballots_are_opaque() -> None:
    election, _voters, who_chose, codes = _eight_votes()
    assert not CouncilBallot.objects.exists()
    sealed = list(SealedBallot.objects.values_list("sealed", flat=True))
    assert len(sealed) == VOTERS
    assert len({len(text) for text in sealed}) == 1  # one size whatever the number of choices
    for code in codes:
        assert all(services.hash_receipt(code) not in text for text in sealed)
    opened = sorted(
        _choice(services.unseal_ballot(election_id=election.pk, sealed=text)["candidate_ids"])
        for text in sealed
    )
    assert opened == sorted(who_chose)


@pytest.mark.django_db(transaction=True)
def test_sqlite_rowid_of_ballots_does_not_follow_the_voters() -> None:
    if connection.vendor != "sqlite":
        pytest.skip("reads SQLite's rowid")
    election, voters, who_chose, codes = _eight_votes()
    voter_order = [
        row[1] for row in _rows("SELECT rowid, organisation_id FROM network_voterrecord ORDER BY 1")
    ]
    assert voter_order == voters  # the attacker knows the voting order
    # Even with the seal key, the held pool's rowid order is not the voting order.
    held = _rows("SELECT rowid, sealed FROM network_sealedballot ORDER BY 1")
    held_order = [_holder(election, who_chose, row[1]) for row in held]
    assert sorted(held_order) == sorted(voters)
    assert held_order != voter_order
    _close(election)
    ballots = _rows("SELECT rowid, candidate_ids FROM network_councilballot ORDER BY 1")
    ballot_order = [who_chose[_choice(row[1])] for row in ballots]
    assert sorted(ballot_order) == sorted(voters)
    assert ballot_order != voter_order
    assert all(services.is_receipt_counted(election=election, code=code) for code in codes)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_postgres_xmin_and_ctid_of_ballots_do_not_follow_the_voters() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("reads PostgreSQL's xmin and ctid (set DATABASE_URL to a PostgreSQL database)")
    election, voters, who_chose, codes = _eight_votes()
    voter_rows = _rows(
        "SELECT xmin::text, ctid::text, organisation_id FROM network_voterrecord "
        "ORDER BY xmin::text::bigint"
    )
    assert [row[2] for row in voter_rows] == voters  # one transaction per voter, in order
    voter_xmins = {row[0] for row in voter_rows}
    held = _rows("SELECT xmin::text, ctid::text, sealed FROM network_sealedballot ORDER BY ctid")
    # The held pool is rewritten whole at every vote: all its rows come from one transaction
    # (the last voter's), so its xmin names no voter for any one held ballot; and even with the
    # seal key, its physical order is not the voting order.
    assert len(held) == VOTERS and len({row[0] for row in held}) == 1
    assert [_holder(election, who_chose, row[2]) for row in held] != voters
    _close(election)
    ballots = _rows(
        "SELECT xmin::text, ctid::text, candidate_ids FROM network_councilballot ORDER BY ctid"
    )
    assert len(ballots) == VOTERS
    ballot_xmins = {row[0] for row in ballots}
    assert not ballot_xmins & voter_xmins
    assert len(ballot_xmins) == 1  # all written by the closing transaction
    ballot_order = [who_chose[_choice(row[2])] for row in ballots]
    assert sorted(ballot_order) == sorted(voters)
    assert ballot_order != voters
    assert all(services.is_receipt_counted(election=election, code=code) for code in codes)


@pytest.mark.usefixtures("template_context")
@pytest.mark.django_db
def test_running_tally_is_hidden_while_open_and_turnout_is_shown(client) -> None:
    election = _election(seats=1)
    cand_a, _cand_b = _candidates(election, ("Cand A", "Cand B"))
    voter = make_organisation()
    services.cast_ballot(
        election_id=election.pk, organisation_id=voter.pk, candidate_ids=[cand_a.pk]
    )
    body = client.get(reverse("network:election_results", args=[election.pk])).content.decode()
    assert "Turnout: 1 of 2 member organisations (50.0%)." in body
    assert "Cand A" not in body and "Cand B" not in body
    _close(election)
    response = client.get(reverse("network:election_results", args=[election.pk]))
    rows = {row["candidate"].name: row["votes"] for row in response.context["tally"]["rows"]}
    assert rows == {"Cand A": 1, "Cand B": 0}
    assert "Cand A" in response.content.decode()


@pytest.mark.django_db
def test_tally_service_has_nothing_to_count_before_close() -> None:
    election = _election(seats=1)
    cand_a, _cand_b = _candidates(election, ("Cand A", "Cand B"))
    voter = make_organisation()
    services.cast_ballot(
        election_id=election.pk, organisation_id=voter.pk, candidate_ids=[cand_a.pk]
    )
    assert all(row["votes"] == 0 for row in services.tally(election)["rows"])
    with pytest.raises(NetworkError, match="once the election has closed"):
        services.count_ballots(election_id=election.pk)


@pytest.mark.usefixtures("template_context")
@pytest.mark.django_db
def test_receipt_is_checked_by_post_after_close_never_from_the_url(client) -> None:
    election = _election(seats=1)
    cand_a, _cand_b = _candidates(election, ("Cand A", "Cand B"))
    voter = make_organisation()
    code = services.cast_ballot(
        election_id=election.pk, organisation_id=voter.pk, candidate_ids=[cand_a.pk]
    )
    url = reverse("network:election_results", args=[election.pk])
    assert client.post(url, {"receipt": code}).context["counted"] is None  # still open
    _close(election)
    assert client.get(url, {"receipt": code}).context["counted"] is None
    assert client.post(url, {"receipt": code}).context["counted"] is True
    assert client.post(url, {"receipt": "000000-000000-000000"}).context["counted"] is False


@pytest.mark.django_db
def test_an_applied_organisation_may_not_stand() -> None:
    election = _election()
    applied = make_organisation(status="applied", admitted_on=None)
    candidate = Candidate(election=election, name="Hopeful", organisation=applied, statement_en="S")
    with pytest.raises(ValidationError, match="may not stand in this election"):
        candidate.full_clean()
    with pytest.raises(NetworkError, match="only organisations whose membership is Member"):
        services.nominate_candidate(
            election_id=election.pk, organisation_id=applied.pk, name="Hopeful", statement_en="S"
        )
    member = make_organisation()
    services.nominate_candidate(
        election_id=election.pk, organisation_id=member.pk, name="Member", statement_en="S"
    )
    assert list(election.candidates.values_list("name", flat=True)) == ["Member"]


@pytest.mark.django_db
def test_an_ineligible_candidate_is_not_on_the_ballot() -> None:
    election = _election()
    (eligible,) = _candidates(election, ("Eligible",))
    applied = make_organisation(status="applied", admitted_on=None)
    stale = Candidate.objects.create(
        election=election, name="Stale", organisation=applied, statement_en="S"
    )
    assert list(services.eligible_candidates(election)) == [eligible]
    voter = make_organisation()
    with pytest.raises(NetworkError, match="Choose at least one candidate"):
        services.cast_ballot(
            election_id=election.pk, organisation_id=voter.pk, candidate_ids=[stale.pk]
        )


@pytest.mark.django_db
def test_who_may_vote_is_a_rule_of_the_election(client) -> None:
    election = _election()
    (cand,) = _candidates(election, ("Cand A",))
    applied = make_organisation(status="applied", admitted_on=None)
    with pytest.raises(NetworkError, match="may not vote in this election"):
        services.cast_ballot(
            election_id=election.pk, organisation_id=applied.pk, candidate_ids=[cand.pk]
        )
    make_member("applicant", applied)
    client.login(username="applicant", password="pw")
    page = client.get(reverse("network:election", args=[election.pk])).content.decode()
    assert "Only organisations whose membership is Member may vote" in page
    assert "Cast my organisation" not in page
    assert not VoterRecord.objects.exists()
    wider = _election(voter_statuses=["member", "lapsed"])
    (other,) = _candidates(wider, ("Cand B",))
    lapsed = make_organisation(status="lapsed")
    services.cast_ballot(election_id=wider.pk, organisation_id=lapsed.pk, candidate_ids=[other.pk])
    assert services.turnout(wider)["voted"] == 1
    # Electorate: members (the host and the voter-less members so far) and the lapsed one.
    assert services.turnout(wider)["electorate"] == services.turnout(election)["electorate"] + 1


@pytest.mark.django_db
def test_eligibility_rules_are_validated() -> None:
    election = _election(voter_statuses=["nobody"], candidate_statuses=[])
    with pytest.raises(ValidationError) as error:
        election.full_clean()
    assert set(error.value.message_dict) == {"voter_statuses", "candidate_statuses"}


@pytest.mark.django_db
def test_held_ballots_open_after_the_secret_key_rotates() -> None:
    with override_settings(SECRET_KEY="old-key-" + "x" * 50):
        sealed = services.seal_ballot(election_id=7, receipt_hash="h", candidate_ids=[3])
    with (
        override_settings(SECRET_KEY="new-key-" + "y" * 50, SECRET_KEY_FALLBACKS=[]),
        pytest.raises(NetworkError, match="cannot be opened"),
    ):
        services.unseal_ballot(election_id=7, sealed=sealed)
    with override_settings(
        SECRET_KEY="new-key-" + "y" * 50, SECRET_KEY_FALLBACKS=["old-key-" + "x" * 50]
    ):
        assert services.unseal_ballot(election_id=7, sealed=sealed)["candidate_ids"] == [3]
    with pytest.raises(NetworkError):  # bound to its election
        services.unseal_ballot(election_id=8, sealed=sealed)


@pytest.mark.django_db
def test_migration_rewrites_the_old_ballot_box_under_new_keys() -> None:
    from importlib import import_module

    migration = import_module("vigie.network.migrations.0003_sealed_ballots_and_eligibility")
    election = _election()
    old = [
        CouncilBallot.objects.create(election=election, receipt_hash=f"hash-{n}", candidate_ids=[n])
        for n in range(5)
    ]

    class Editor:
        connection = connection

    migration.rewrite_ballot_box(django_apps, Editor())
    rows = list(CouncilBallot.objects.values_list("id", "receipt_hash", "candidate_ids"))
    assert sorted((h, c) for _id, h, c in rows) == sorted(
        (b.receipt_hash, b.candidate_ids) for b in old
    )
    assert not {b.pk for b in old} & {row[0] for row in rows}
    assert all(isinstance(row[0], uuid.UUID) for row in rows)


@pytest.mark.django_db
def test_admin_refuses_a_candidate_who_may_not_stand(admin_client) -> None:
    applied = make_organisation(status="applied", admitted_on=None)
    today = datetime.date.today()
    data = {
        "title": "Council 2027",
        "seats": "3",
        "opens_on": today.isoformat(),
        "closes_on": today.isoformat(),
        "term_starts_on": today.isoformat(),
        "term_ends_on": today.isoformat(),
        "voter_statuses": ["member"],
        "candidate_statuses": ["member"],
        "candidates-TOTAL_FORMS": "1",
        "candidates-INITIAL_FORMS": "0",
        "candidates-MIN_NUM_FORMS": "0",
        "candidates-MAX_NUM_FORMS": "1000",
        "candidates-0-name": "Hopeful",
        "candidates-0-organisation": str(applied.pk),
        "candidates-0-statement_en": "S",
    }
    response = admin_client.post(reverse("admin:network_election_add"), data)
    assert response.status_code == 200
    assert "may not stand in this election" in response.content.decode()
    assert not Election.objects.exists()
    data["candidate_statuses"] = ["member", "applied"]
    response = admin_client.post(reverse("admin:network_election_add"), data)
    assert response.status_code == 302
    assert Election.objects.get().candidates.get().organisation == applied
