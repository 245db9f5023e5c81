"""The network registers and council elections written through the API, as on the staff
pages: same forms, same services, same audit."""

import datetime

import pytest
from django.test import Client

from vigie.core.models import AuditEntry
from vigie.core.tests.factories import make_country
from vigie.network.models import (
    CheckIn,
    ConsentRecord,
    Contact,
    Coverage,
    Election,
    Grant,
    Journalist,
    MentoringPair,
    Organisation,
    Outlet,
)
from vigie.network.models.funding import SupportKind
from vigie.network.tests.factories import make_organisation
from vigie.workspace.tests.api_clients import (
    assert_refused_to_others,
    editor_caller,
    refused_fields,
)

pytestmark = pytest.mark.django_db

NEW_ORGANISATION = {
    "name": "Harm Reduction Collective (fictional)",
    "slug": "harm-reduction-collective",
    "org_type": "ngo",
    "headquarters": "KE",
    "region": "002",
    "status": "member",
    "applied_on": "2024-01-10",
    "admitted_on": "2024-03-01",
}


def test_organisations_are_created_changed_and_moved_through_the_api() -> None:
    make_country("KE")
    make_country("UG")
    caller = editor_caller()
    created = caller.call("post", "/api/v1/network/organisations", NEW_ORGANISATION)
    assert created.status_code == 201, created.content
    path = "/api/v1/network/organisations/harm-reduction-collective"
    assert Client().get(path).json()["name"] == NEW_ORGANISATION["name"]
    changed = caller.call(
        "patch", path, {"website": "https://hrc.example.org", "countries": ["UG"]}
    )
    assert changed.status_code == 200, changed.content
    assert changed.json()["website"] == "https://hrc.example.org"
    assert changed.json()["countries"] == ["UG"]
    assert Organisation.objects.get().name == NEW_ORGANISATION["name"]  # left out: kept
    moved = caller.call(
        "post", f"{path}/status", {"status": "lapsed", "on": "2025-01-01", "reason": "dues"}
    )
    assert moved.status_code == 200, moved.content
    assert Client().get(path).status_code == 404  # no longer in the public directory
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"network.organisation.added", "network.organisation.profile_edited"} <= actions


def test_bad_organisations_name_the_field_and_write_nothing() -> None:
    make_country("KE")
    caller = editor_caller()
    no_admission = {**NEW_ORGANISATION, "admitted_on": None}
    response = caller.call("post", "/api/v1/network/organisations", no_admission)
    assert refused_fields(response) == {"admitted_on"}
    nowhere = {**NEW_ORGANISATION, "headquarters": "ZZ"}
    response = caller.call("post", "/api/v1/network/organisations", nowhere)
    assert refused_fields(response) == {"headquarters"}
    assert not Organisation.objects.exists()
    organisation = make_organisation(slug="known")
    same = caller.call(
        "post",
        "/api/v1/network/organisations/known/status",
        {"status": "member", "on": "2024-01-01"},
    )
    assert refused_fields(same) == {"status"}
    assert Organisation.objects.get(pk=organisation.pk).status == "member"
    assert_refused_to_others("post", "/api/v1/network/organisations", NEW_ORGANISATION)
    assert_refused_to_others("patch", "/api/v1/network/organisations/known", {"website": ""})


def test_contacts_consent_media_funding_and_mentoring_through_the_api() -> None:
    caller = editor_caller()
    mentor, mentee = make_organisation(), make_organisation()
    contact = caller.call(
        "post",
        "/api/v1/network/contacts",
        {"name": "Ana (fictional)", "organisation": mentor.pk, "email": "ana@example.org"},
    )
    assert contact.status_code == 201, contact.content
    consents = f"/api/v1/network/contacts/{contact.json()['id']}/consents"
    no_wording = {"purpose": "surveys", "granted": "yes", "recorded_on": "2025-01-02"}
    assert refused_fields(caller.call("post", consents, no_wording)) == {"wording"}
    given = caller.call("post", consents, {**no_wording, "wording": "Yes, for surveys."})
    assert given.status_code == 201 and ConsentRecord.objects.get().granted is True
    outlet = Outlet.objects.create(name="Daily Example", website="https://daily.example.com")
    journalist = caller.call(
        "post", "/api/v1/network/journalists", {"name": "Jo (fictional)", "outlet": outlet.pk}
    )
    assert journalist.status_code == 201, journalist.content
    logged = caller.call(
        "post",
        "/api/v1/network/coverage",
        {
            "url": "https://www.daily.example.com/2025/drug-policy",
            "published_on": "2025-02-01",
            "tone": "supportive",
            "journalist": journalist.json()["id"],
        },
    )
    assert logged.status_code == 201, logged.content
    assert Coverage.objects.get().outlet == outlet  # found from the address's website
    again = caller.call(
        "post",
        "/api/v1/network/coverage",
        {
            "url": "https://www.daily.example.com/2025/drug-policy",
            "published_on": "2025-02-01",
            "tone": "supportive",
        },
    )
    assert refused_fields(again) == {"url"}
    funder = caller.call(
        "post",
        "/api/v1/network/funders",
        {
            "name": "Example Foundation",
            "kind": "foundation",
            "first_seen_on": "2024-05-01",
        },
    )
    assert funder.status_code == 201, funder.content
    orphan = caller.call(
        "post",
        "/api/v1/network/grants",
        {
            "funder": funder.json()["id"],
            "kind": SupportKind.choices[0][0],
            "size_band": "small",
            "started_on": "2024-06-01",
        },
    )
    assert refused_fields(orphan) == {"organisation"}
    assert not Grant.objects.exists()
    pair = caller.call(
        "post",
        "/api/v1/network/mentoring-pairs",
        {
            "mentor": mentor.pk,
            "mentee": mentee.pk,
            "topics": "advocacy",
            "started_on": "2025-01-01",
        },
    )
    assert pair.status_code == 201, pair.content
    itself = {"mentor": mentor.pk, "mentee": mentor.pk, "topics": "x", "started_on": "2025-01-01"}
    assert refused_fields(caller.call("post", "/api/v1/network/mentoring-pairs", itself)) == {
        "mentee"
    }
    before = {"pair": pair.json()["id"], "held_on": "2024-12-01"}
    assert refused_fields(caller.call("post", "/api/v1/network/check-ins", before)) == {"held_on"}
    held = caller.call("post", "/api/v1/network/check-ins", {**before, "held_on": "2025-01-15"})
    assert held.status_code == 201 and CheckIn.objects.count() == 1
    assert MentoringPair.objects.count() == 1 and Journalist.objects.count() == 1
    assert AuditEntry.objects.filter(action="network.checkin.added").exists()
    for path in (
        "/api/v1/network/contacts",
        "/api/v1/network/coverage",
        "/api/v1/network/check-ins",
    ):
        assert_refused_to_others("post", path, {})
    assert Contact.objects.count() == 1


def _election() -> dict[str, object]:
    today = datetime.date.today()
    return {
        "title": "Council 2026",
        "seats": 2,
        "opens_on": today.isoformat(),
        "closes_on": (today + datetime.timedelta(days=7)).isoformat(),
        "term_starts_on": (today + datetime.timedelta(days=30)).isoformat(),
        "term_ends_on": (today + datetime.timedelta(days=760)).isoformat(),
        "voter_statuses": ["member"],
        "candidate_statuses": ["member"],
    }


def test_an_election_is_held_through_the_api_with_eligible_candidates_only() -> None:
    caller = editor_caller()
    member = make_organisation("Standing Member (fictional)")
    applicant = make_organisation("Applicant (fictional)", status="applied", admitted_on=None)
    created = caller.call("post", "/api/v1/network/elections", _election())
    assert created.status_code == 201, created.content
    election_id = created.json()["id"]
    assert created.json()["status"] == "draft"
    candidates = f"/api/v1/network/elections/{election_id}/candidates"
    refused = caller.call(
        "post",
        candidates,
        {"name": "Not eligible", "organisation": applicant.pk, "statement_en": "x"},
    )
    assert refused_fields(refused) == {"organisation"}
    added = caller.call(
        "post", candidates, {"name": "Eligible", "organisation": member.pk, "statement_en": "Vote"}
    )
    assert added.status_code == 201 and added.json()["candidates"] == ["Eligible"]
    status = f"/api/v1/network/elections/{election_id}/status"
    assert caller.call("post", status, {"action": "publish"}).status_code == 400
    for action, state in (("open", "open"), ("close", "closed"), ("publish", "published")):
        response = caller.call("post", status, {"action": action})
        assert response.status_code == 200, response.content
        assert response.json()["status"] == state
    assert Client().get(f"/en/network/elections/{election_id}/results/").status_code == 200
    backwards = {**_election(), "closes_on": "2000-01-01"}
    assert "closes_on" in refused_fields(
        caller.call("post", "/api/v1/network/elections", backwards)
    )
    assert Election.objects.count() == 1
    assert_refused_to_others("post", "/api/v1/network/elections", _election())
    assert_refused_to_others("post", status, {"action": "open"})
