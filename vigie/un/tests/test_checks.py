import datetime
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.test import Client

from vigie.core.models import Country
from vigie.core.tests.adminforms import add_inline_row, change_form_data, post_change_form
from vigie.core.tests.factories import make_user
from vigie.un.checks import check_vote
from vigie.un.models import CountryVote, DataIssue, IssueSeverity, Vote, VoteChoice
from vigie.un.services import RollCallError, import_roll_call, preview_roll_call


def _warnings(code_prefix: str) -> list[str]:
    return list(
        DataIssue.objects.filter(
            vote__code__startswith=code_prefix, severity=IssueSeverity.WARNING
        ).values_list("message", flat=True)
    )


def test_loading_flags_the_2025_abstainers_and_the_2022_yes_list(bundled: Any) -> None:
    assert _warnings("CND68") == ["Abstain: 17 names listed for a stated total of 18."]
    assert _warnings("CND65") == ["Yes: 50 names listed for a stated total of 49."]


def test_the_2020_list_agrees_with_its_totals_and_its_voters_were_members(bundled: Any) -> None:
    assert _warnings("CND63R") == []
    assert not DataIssue.objects.filter(vote__code__startswith="CND63R").exists()


def test_a_vote_with_totals_only_is_not_flagged_as_a_discrepancy(bundled: Any) -> None:
    assert _warnings("UNGA77") == []


def test_membership_is_reported_unknown_when_not_loaded(bundled: Any) -> None:
    issue = DataIssue.objects.get(vote__code__startswith="CND68", severity=IssueSeverity.UNKNOWN)
    assert "unknown" in issue.message


def _admin_edit_vote(
    vote: Vote, *, add: tuple[str, str] | None = None, remove: str | None = None
) -> None:
    """Edit a vote's country rows in the admin: add one (alpha-2, ballot) and/or remove one."""
    client = Client()
    editor = get_user_model().objects.filter(username="editor").first()
    client.force_login(editor or make_user("editor", role="editor"))
    url = f"/admin/un/vote/{vote.pk}/change/"
    data = change_form_data(client.get(url))
    if add is not None:
        country = Country.objects.get(iso2=add[0])
        add_inline_row(data, "records", {"country": country.pk, "ballot": add[1]})
    if remove is not None:
        record = vote.records.get(country__iso2=remove)
        index = next(
            key.split("-")[1]
            for key, value in data.items()
            if key.startswith("records-") and key.endswith("-id") and value == str(record.pk)
        )
        data[f"records-{index}-DELETE"] = "on"
    post_change_form(client, url, data)


@pytest.mark.usefixtures("template_context")
def test_a_voter_outside_the_known_membership_is_warned_on_edit(bundled: Any) -> None:
    vote = Vote.objects.get(code__startswith="CND63R")
    _admin_edit_vote(vote, add=("NO", "yes"))
    messages = _warnings("CND63R")
    assert any("Norway is listed as voting but was not a member" in m for m in messages)
    assert "Yes: 28 names listed for a stated total of 27." in messages


@pytest.mark.usefixtures("template_context")
def test_adding_the_voter_to_the_membership_in_the_admin_clears_the_warning(
    bundled: Any,
) -> None:
    vote = Vote.objects.get(code__startswith="CND63R")
    _admin_edit_vote(vote, add=("NO", "yes"))
    norway = Country.objects.get(iso2="NO")
    client = Client()
    client.force_login(get_user_model().objects.get(username="editor"))
    url = f"/admin/un/session/{vote.session_id}/change/"
    data = change_form_data(client.get(url))
    data["members"] = [*data["members"], str(norway.pk)]
    post_change_form(client, url, data)
    assert not any("Norway" in m for m in _warnings("CND63R"))


@pytest.mark.usefixtures("template_context")
def test_fixing_the_list_clears_the_warning(bundled: Any) -> None:
    vote = Vote.objects.get(code__startswith="CND68")
    _admin_edit_vote(vote, add=("EG", "abstain"))
    assert not any("Abstain" in m for m in _warnings("CND68"))
    _admin_edit_vote(vote, remove="EG")
    assert _warnings("CND68") == ["Abstain: 17 names listed for a stated total of 18."]


def test_a_country_listed_twice_in_one_vote_is_rejected_by_the_database(bundled: Any) -> None:
    vote = Vote.objects.get(code__startswith="CND68")
    with pytest.raises(IntegrityError), transaction.atomic():
        CountryVote.objects.create(vote=vote, country=Country.objects.get(iso2="ID"), ballot="no")


def test_a_pasted_roll_call_naming_a_country_twice_is_rejected(bundled: Any) -> None:
    vote = Vote.objects.get(code__startswith="CND68")
    before = vote.records.count()
    with pytest.raises(RollCallError, match="Indonesia is listed twice"):
        import_roll_call(vote=vote, yes="Austria", no="", abstain="Indonesia, Iran, Indonesia")
    assert vote.records.count() == before


def test_a_roll_call_with_an_unmatched_name_writes_nothing(bundled: Any) -> None:
    vote = Vote.objects.get(code__startswith="CND68")
    before = vote.records.count()
    preview = preview_roll_call(yes="Austria, Narnia", no="", abstain="")
    assert preview.unmatched[VoteChoice.YES] == ["Narnia"]
    with pytest.raises(RollCallError, match="Narnia"):
        import_roll_call(vote=vote, yes="Austria, Narnia", no="", abstain="")
    assert vote.records.count() == before


def test_importing_a_roll_call_replaces_the_list_and_rechecks(bundled: Any) -> None:
    vote = Vote.objects.get(code__startswith="UNGA77")
    vote.stated_yes, vote.stated_no, vote.stated_abstain = 2, 1, 1
    vote.save()
    count = import_roll_call(
        vote=vote,
        yes="Bolivia (Plurinational State of), Türkiye",
        no="Russian Federation",
        abstain="Iran (Islamic Republic of)",
    )
    assert count == 4
    assert dict(vote.records.values_list("country__iso3", "ballot")) == {
        "BOL": "yes",
        "TUR": "yes",
        "RUS": "no",
        "IRN": "abstain",
    }
    assert _warnings("UNGA77") == []


def test_check_vote_is_idempotent(bundled: Any) -> None:
    vote = Vote.objects.get(code__startswith="CND65")
    check_vote(vote)
    check_vote(vote)
    assert vote.issues.count() == 2
    assert vote.date == datetime.date(2022, 3, 1) and vote.date_is_approximate
