import datetime
import json

import pytest
from django.urls import reverse

from vigie.core.roles import get_member_organisation_id
from vigie.core.tests.embeds import assert_embed_page, assert_not_frameable
from vigie.core.tests.factories import make_user
from vigie.network import queries, services
from vigie.network.errors import NetworkError
from vigie.network.models import (
    Candidate,
    ConsentRecord,
    Contact,
    CouncilBallot,
    Election,
    Funder,
    Grant,
    MentoringPair,
    VoterRecord,
)
from vigie.network.tests.factories import make_member, make_organisation

pytestmark = pytest.mark.django_db


def test_membership_is_the_hook_core_roles_reads() -> None:
    organisation = make_organisation()
    user = make_member("ana", organisation)
    assert get_member_organisation_id(user) == organisation.pk


def test_member_edits_own_profile_but_not_another(client) -> None:
    own, other = make_organisation(), make_organisation()
    make_member("ana", own)
    client.login(username="ana", password="pw")
    response = client.post(
        reverse("network:organisation_edit", args=[own.slug]),
        {"website": "https://example.org/", "summary_en": "We changed this."},
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.summary_en == "We changed this."
    assert client.get(reverse("network:organisation_edit", args=[other.slug])).status_code == 403
    response = client.post(
        reverse("network:organisation_edit", args=[other.slug]), {"summary_en": "Hijack"}
    )
    assert response.status_code == 403
    other.refresh_from_db()
    assert other.summary_en != "Hijack"


def test_editor_edits_any_profile(client) -> None:
    organisation = make_organisation()
    make_user("ed", role="editor")
    client.login(username="ed", password="pw")
    response = client.get(reverse("network:organisation_edit", args=[organisation.slug]))
    assert response.status_code == 200


def test_private_fields_never_in_public_pages_or_api(client) -> None:
    organisation = make_organisation(
        private_notes="SECRET-NOTE", annual_budget_band="SECRET-BUDGET", summary_en="Public text"
    )
    Contact.objects.create(organisation=organisation, name="Hidden Person", email="h@example.org")
    pages = [
        reverse("network:directory"),
        reverse("network:organisation", args=[organisation.slug]),
        reverse("network:directory_json"),
        "/api/v1/network/organisations",
        f"/api/v1/network/organisations/{organisation.slug}",
    ]
    for url in pages:
        body = client.get(url).content.decode()
        assert "Public text" in body or url == reverse("network:directory")
        for secret in ("SECRET-NOTE", "SECRET-BUDGET", "Hidden Person", "h@example.org"):
            assert secret not in body, (url, secret)


def test_directory_filters_by_region_and_type(client) -> None:
    make_organisation("Alpha (fictional)", region="002", org_type="ngo")
    make_organisation("Beta (fictional)", region="150", org_type="research", iso2="FR")
    body = client.get(reverse("network:directory"), {"region": "150"}).content.decode()
    assert "Beta (fictional)" in body and "Alpha (fictional)" not in body
    body = client.get(reverse("network:directory"), {"type": "ngo"}).content.decode()
    assert "Alpha (fictional)" in body and "Beta (fictional)" not in body


def test_applicants_are_not_listed_publicly(client) -> None:
    make_organisation("Pending (fictional)", status="applied", admitted_on=None, slug="pending")
    assert "Pending (fictional)" not in client.get(reverse("network:directory")).content.decode()
    assert client.get(reverse("network:organisation", args=["pending"])).status_code == 404
    assert queries.count_member_organisations() == 0


def test_list_member_organisations_in_country_uses_countries_of_work() -> None:
    organisation = make_organisation(iso2="KE")
    from vigie.core.tests.factories import make_country

    organisation.countries.add(make_country("UG"))
    rows = queries.list_member_organisations_in_country("ug")
    assert [row["name"] for row in rows] == [organisation.name]
    assert "private_notes" not in rows[0] and "annual_budget_band" not in rows[0]
    assert queries.list_member_organisations_in_country("FR") == []


def test_count_new_funding_sources_against_baseline() -> None:
    organisation = make_organisation()
    baseline = datetime.date(2024, 12, 31)
    old = Funder.objects.create(
        name="Old", kind="foundation", first_seen_on=datetime.date(2020, 1, 1), in_baseline=True
    )
    major = Funder.objects.create(
        name="New major", kind="government", first_seen_on=datetime.date(2025, 3, 1)
    )
    small = Funder.objects.create(
        name="New small", kind="private", first_seen_on=datetime.date(2025, 4, 1)
    )
    later = Funder.objects.create(
        name="Too late", kind="private", first_seen_on=datetime.date(2027, 4, 1)
    )
    for funder, band in ((old, "major"), (major, "major"), (small, "small"), (later, "major")):
        Grant.objects.create(
            funder=funder,
            organisation=organisation,
            kind="core",
            size_band=band,
            started_on=funder.first_seen_on,
        )
    result = queries.count_new_funding_sources(baseline, datetime.date(2026, 12, 31))
    assert result.value == 1
    assert [e.label for e in result.evidence] == ["New major"]
    wide = queries.count_new_funding_sources(
        baseline, datetime.date(2026, 12, 31), major_only=False
    )
    assert wide.value == 2


def test_count_mentoring_pairs_counts_overlapping_pairs() -> None:
    a, b, c = make_organisation(), make_organisation(), make_organisation()
    MentoringPair.objects.create(
        mentor=a,
        mentee=b,
        topics="fundraising",
        started_on=datetime.date(2024, 1, 1),
        ended_on=datetime.date(2024, 6, 30),
    )
    MentoringPair.objects.create(
        mentor=a, mentee=c, topics="advocacy", started_on=datetime.date(2025, 1, 1)
    )
    assert (
        queries.count_mentoring_pairs(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31)) == 1
    )
    assert queries.count_mentoring_pairs(datetime.date(2024, 5, 1), datetime.date(2025, 2, 1)) == 2
    assert (
        queries.count_mentoring_pairs(datetime.date(2023, 1, 1), datetime.date(2023, 12, 31)) == 0
    )


def _contact() -> Contact:
    organisation = make_organisation()
    contact = Contact.objects.create(
        organisation=organisation, name="Erin Erasable", email="erin@example.org", phone="123"
    )
    ConsentRecord.objects.create(
        contact=contact, purpose="newsletter", granted=True, recorded_on=datetime.date(2024, 1, 1)
    )
    return contact


def test_export_contains_personal_data_and_consents(client) -> None:
    contact = _contact()
    make_user("ed", role="editor")
    client.login(username="ed", password="pw")
    data = json.loads(client.get(reverse("network:contact_export", args=[contact.pk])).content)
    assert data["email"] == "erin@example.org"
    assert data["consents"][0]["purpose"] == "newsletter"


def test_erasure_removes_personal_data_everywhere_and_keeps_counts(client) -> None:
    contact = _contact()
    assert contact.organisation is not None
    organisation_slug = contact.organisation.slug
    count_before = Contact.objects.count()
    members_before = queries.count_member_organisations()
    make_user("ed", role="editor")
    client.login(username="ed", password="pw")
    response = client.post(reverse("network:contact_erase", args=[contact.pk]))
    assert response.status_code == 302
    assert Contact.objects.count() == count_before
    assert queries.count_member_organisations() == members_before
    assert not ConsentRecord.objects.filter(contact=contact).exists()
    urls = [
        reverse("network:contacts"),
        reverse("network:contact_export", args=[contact.pk]),
        reverse("network:directory"),
        reverse("network:organisation", args=[organisation_slug]),
        "/api/v1/network/organisations",
    ]
    for url in urls:
        body = client.get(url).content.decode()
        for personal in ("Erin Erasable", "erin@example.org"):
            assert personal not in body, (url, personal)


def _election(seats: int = 1) -> tuple[Election, list[Candidate]]:
    today = datetime.date.today()
    election = Election.objects.create(
        title="Council 2026",
        seats=seats,
        opens_on=today - datetime.timedelta(days=1),
        closes_on=today + datetime.timedelta(days=1),
        term_starts_on=today,
        term_ends_on=today + datetime.timedelta(days=700),
    )
    host = make_organisation()
    candidates = [
        Candidate.objects.create(election=election, name=n, organisation=host, statement_en="S")
        for n in ("Cand A", "Cand B")
    ]
    return election, candidates


def _close(election: Election) -> None:
    """Voting ended yesterday: the sealed ballots go to the ballot box."""
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    Election.objects.filter(pk=election.pk).update(opens_on=yesterday, closes_on=yesterday)
    election.refresh_from_db()
    services.count_ballots(election_id=election.pk)


def test_one_ballot_per_organisation_and_tally() -> None:
    election, (a, b) = _election()
    voters = [make_organisation() for _ in range(3)]
    codes = [
        services.cast_ballot(
            election_id=election.pk, organisation_id=voters[0].pk, candidate_ids=[a.pk]
        ),
        services.cast_ballot(
            election_id=election.pk, organisation_id=voters[1].pk, candidate_ids=[a.pk]
        ),
        services.cast_ballot(
            election_id=election.pk, organisation_id=voters[2].pk, candidate_ids=[b.pk]
        ),
    ]
    with pytest.raises(NetworkError):
        services.cast_ballot(
            election_id=election.pk, organisation_id=voters[0].pk, candidate_ids=[b.pk]
        )
    _close(election)
    result = services.tally(election)
    assert {row["candidate"].name: row["votes"] for row in result["rows"]} == {
        "Cand A": 2,
        "Cand B": 1,
    }
    assert result["elected"] == [a]
    assert result["voted"] == 3 and result["electorate"] == 4 and result["turnout"] == 75.0
    assert all(services.is_receipt_counted(election=election, code=code) for code in codes)
    assert not services.is_receipt_counted(election=election, code="NOT-A-CODE")


def test_too_many_choices_are_refused() -> None:
    election, (a, b) = _election(seats=1)
    voter = make_organisation()
    with pytest.raises(NetworkError):
        services.cast_ballot(
            election_id=election.pk, organisation_id=voter.pk, candidate_ids=[a.pk, b.pk]
        )
    assert not VoterRecord.objects.exists()


def test_ballot_has_no_link_to_its_organisation(client, admin_user) -> None:
    election, (a, _b) = _election()
    voter = make_organisation(name="Secret Voter Org (fictional)")
    services.cast_ballot(election_id=election.pk, organisation_id=voter.pk, candidate_ids=[a.pk])
    ballot_fields = {f.name for f in CouncilBallot._meta.get_fields()}
    assert ballot_fields == {"id", "election", "receipt_hash", "candidate_ids"}
    voter_fields = {f.name for f in VoterRecord._meta.get_fields()}
    assert voter_fields == {"id", "election", "organisation"}
    _close(election)
    ballot = CouncilBallot.objects.get()
    record = VoterRecord.objects.get()
    assert ballot.pk != record.pk
    client.force_login(admin_user)
    staff_pages = [
        reverse("network:election_results", args=[election.pk]),
        reverse("network:election", args=[election.pk]),
        reverse("admin:index"),
        reverse("admin:network_election_change", args=[election.pk]),
    ]
    for url in staff_pages:
        body = client.get(url).content.decode()
        assert ballot.receipt_hash not in body
        assert str(ballot.pk) not in body


@pytest.mark.usefixtures("template_context")
def test_member_votes_through_the_page_and_checks_receipt(client) -> None:
    election, (a, _b) = _election()
    organisation = make_organisation()
    make_member("voter", organisation)
    client.login(username="voter", password="pw")
    response = client.post(
        reverse("network:election_vote", args=[election.pk]), {"candidate": [a.pk]}
    )
    code = response.context["code"]
    again = client.post(reverse("network:election_vote", args=[election.pk]), {"candidate": [a.pk]})
    _close(election)
    results = client.post(
        reverse("network:election_results", args=[election.pk]), {"receipt": code}
    )
    assert results.context["counted"] is True
    assert again.status_code == 302
    assert CouncilBallot.objects.count() == 1


def test_demo_loads_twice_without_changes() -> None:
    from vigie.network.loaders import load_demo
    from vigie.network.models import Organisation

    load_demo()
    counts = (Organisation.objects.count(), Contact.objects.count(), Funder.objects.count())
    load_demo()
    assert (Organisation.objects.count(), Contact.objects.count(), Funder.objects.count()) == counts
    assert counts[0] >= 8
    assert all(
        "(fictional)" in name for name in Organisation.objects.values_list("name", flat=True)
    )


@pytest.mark.usefixtures("template_context")
def test_the_members_map_has_an_embed_page_with_only_current_members(client) -> None:
    make_organisation("Alpha (fictional)", region="002", iso2="KE")
    make_organisation("Beta (fictional)", region="150", iso2="FR")
    make_organisation("Pending (fictional)", status="applied", admitted_on=None, iso2="BR")
    page = client.get(reverse("network:directory"))
    assert_not_frameable(page)
    embed_url = reverse("network:directory_embed")
    assert embed_url in page.content.decode()  # the snippet offered under the map
    response = client.get(embed_url, {"region": "150"})
    html = assert_embed_page(response, "member-map")
    assert '<script id="member-map-data"' in html and "network/map.js" in html
    # The filters of the address apply; an organisation that is not a member is never counted.
    assert [row[0] for row in response.context["chart"].rows] == ["France"]
    everyone = client.get(embed_url).context["chart"].rows
    assert sorted(row[0] for row in everyone) == ["France", "Kenya"]
