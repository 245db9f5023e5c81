"""Elections staff run without the admin: create, eligibility, candidates, open, close, publish."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from vigie.core.freshness import data_version
from vigie.core.tests.factories import make_user
from vigie.network import services
from vigie.network.errors import NetworkError
from vigie.network.models import Candidate, CouncilBallot, Election, ElectionStatus, SealedBallot
from vigie.network.tests.factories import make_member, make_organisation

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()
LATER = TODAY + datetime.timedelta(days=14)


def _editor() -> Client:
    client = Client()
    client.force_login(make_user("editor", role="editor"))
    return client


def _form(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "title": "Council 2027",
        "seats": 2,
        "opens_on": TODAY.isoformat(),
        "closes_on": LATER.isoformat(),
        "term_starts_on": LATER.isoformat(),
        "term_ends_on": (LATER + datetime.timedelta(days=730)).isoformat(),
        "voter_statuses": ["member"],
        "candidate_statuses": ["member"],
    }
    data.update(changes)
    return data


def _draft() -> Election:
    return services.save_election(
        election=Election(
            title="Council 2027",
            seats=1,
            opens_on=TODAY,
            closes_on=LATER,
            term_starts_on=LATER,
            term_ends_on=LATER,
        )
    )


def test_an_editor_creates_an_election_as_a_draft_that_the_public_does_not_see() -> None:
    response = _editor().post(reverse("network:election_staff"), _form())
    election = Election.objects.get(title="Council 2027")
    assert response.status_code == 302 and election.status == ElectionStatus.DRAFT
    assert Client().get(reverse("network:election", args=[election.pk])).status_code == 404
    assert "Council 2027" not in Client().get(reverse("network:elections")).content.decode()


def test_the_election_form_keeps_the_input_and_puts_errors_at_the_field_in_spanish() -> None:
    with translation.override("es"):
        url = reverse("network:election_staff")
    page = (
        _editor()
        .post(url, _form(title="Typed title", closes_on="2020-01-01", candidate_statuses=[]))
        .content.decode()
    )
    assert "Esta fecha no debe ser anterior a la fecha de inicio." in page
    assert "Elija al menos un estado de afiliación." in page
    assert 'value="Typed title"' in page
    assert not Election.objects.filter(title="Typed title").exists()


def test_only_an_eligible_organisation_may_be_a_candidate_with_a_message_at_the_field() -> None:
    election = _draft()
    lapsed = make_organisation("Lapsed (fictional)", status="lapsed")
    client = _editor()
    url = reverse("network:election_manage", args=[election.pk])
    data = {"part": "candidate", "name": "Ana", "organisation": lapsed.pk, "statement_en": "Hi"}
    page = client.post(url, data).content.decode()
    assert "Lapsed (fictional) may not stand in this election" in page
    assert 'value="Ana"' in page
    assert not Candidate.objects.exists()
    data["organisation"] = make_organisation("Member (fictional)").pk
    assert client.post(url, data).status_code == 302
    assert Candidate.objects.get().name == "Ana"


def test_the_lifecycle_refuses_moves_out_of_order() -> None:
    election = _draft()
    with pytest.raises(NetworkError):  # no candidate yet
        services.change_election_status(election_id=election.pk, action="open")
    for action in ("close", "publish"):
        with pytest.raises(NetworkError):
            services.change_election_status(election_id=election.pk, action=action)
    page = (
        _editor()
        .post(
            reverse("network:election_status", args=[election.pk]),
            {"action": "publish"},
            follow=True,
        )
        .content.decode()
    )
    assert "cannot be moved" in page
    assert Election.objects.get(pk=election.pk).status == ElectionStatus.DRAFT


def test_an_election_runs_from_draft_to_published_and_counts_at_close() -> None:
    election = _draft()
    host = make_organisation("Host (fictional)")
    candidate = services.nominate_candidate(
        election_id=election.pk, organisation_id=host.pk, name="Rosa", statement_en="I listen."
    )
    services.change_election_status(election_id=election.pk, action="open")
    with pytest.raises(NetworkError):  # candidates are fixed once voting opened
        services.nominate_candidate(
            election_id=election.pk, organisation_id=host.pk, name="Late", statement_en="x"
        )
    voter = make_organisation("Voter (fictional)")
    services.cast_ballot(
        election_id=election.pk, organisation_id=voter.pk, candidate_ids=[candidate.pk]
    )
    assert SealedBallot.objects.count() == 1 and not CouncilBallot.objects.exists()
    results = reverse("network:election_results", args=[election.pk])
    services.change_election_status(election_id=election.pk, action="close")
    assert CouncilBallot.objects.count() == 1 and not SealedBallot.objects.exists()
    with pytest.raises(NetworkError):
        services.cast_ballot(
            election_id=election.pk, organisation_id=host.pk, candidate_ids=[candidate.pk]
        )
    public = Client().get(results).content.decode()
    assert "Rosa" not in public and "will be published" in public
    assert "Rosa" in _editor().get(results).content.decode()
    services.change_election_status(election_id=election.pk, action="publish")
    assert "Rosa" in Client().get(results).content.decode()


def test_members_cannot_run_an_election() -> None:
    election = _draft()
    client = Client()
    client.force_login(make_member("member", make_organisation()))
    for name in ("network:election_staff", "network:election_manage"):
        args = [] if name == "network:election_staff" else [election.pk]
        assert client.get(reverse(name, args=args)).status_code in (302, 403)
    client.post(reverse("network:election_status", args=[election.pk]), {"action": "open"})
    assert Election.objects.get(pk=election.pk).status == ElectionStatus.DRAFT


def test_each_step_of_an_election_records_a_change_of_facts() -> None:
    """Elections and their results are public pages: a step staff take moves the data version,
    so no cached page computed before it is served (vigie.core.freshness)."""
    before = data_version()
    election = _draft()
    assert data_version() > before
    services.nominate_candidate(
        election_id=election.pk,
        organisation_id=make_organisation("Host (fictional)").pk,
        name="Rosa",
        statement_en="I listen.",
    )
    for action in ("open", "close", "publish"):
        before = data_version()
        services.change_election_status(election_id=election.pk, action=action)
        assert data_version() > before, action
