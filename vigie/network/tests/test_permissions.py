"""Walk every URL of the network and surveys apps with every role and check the status code.

The URL list comes from the apps' URL resolvers, and the test fails if a URL name has no
expectation, so a new page cannot escape this walk.
"""

import datetime

import pytest
from django.test import Client
from django.urls import URLPattern, reverse

from vigie.core.tests.factories import make_user
from vigie.network import urls as network_urls
from vigie.network.models import (
    ConsentRecord,
    Contact,
    Coverage,
    Election,
    Funder,
    Journalist,
    MentoringPair,
    Outlet,
)
from vigie.network.tests.factories import make_member, make_organisation
from vigie.surveys import services as survey_services
from vigie.surveys import urls as survey_urls
from vigie.surveys.models import Invitation
from vigie.surveys.tests.helpers import answer_round, make_media_round

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "member_a", "member_b", "editor", "admin")
ALL_OK = dict.fromkeys(ROLES, 200)
STAFF = {"anonymous": 302, "member_a": 403, "member_b": 403, "editor": 200, "admin": 200}
POST_ONLY = dict.fromkeys(ROLES, 405)

EXPECTED: dict[str, dict[str, int]] = {
    "network:directory": ALL_OK,
    "network:directory_embed": ALL_OK,
    "network:directory_json": ALL_OK,
    "network:my_organisation": {
        "anonymous": 302,
        "member_a": 302,
        "member_b": 302,
        "editor": 404,
        "admin": 404,
    },
    "network:organisation": ALL_OK,
    "network:organisation_edit": {
        "anonymous": 302,
        "member_a": 200,
        "member_b": 403,
        "editor": 200,
        "admin": 200,
    },
    "network:contacts": STAFF,
    "network:contact_export": STAFF,
    "network:contact_erase": POST_ONLY,
    "network:media": STAFF,
    "network:funding": STAFF,
    "network:mentoring": STAFF,
    "network:organisation_new": STAFF,
    "network:organisation_status": STAFF,
    "network:contact_new": STAFF,
    "network:contact_consent": STAFF,
    "network:journalist_new": STAFF,
    "network:interaction_new": STAFF,
    "network:coverage_new": STAFF,
    "network:funder_new": STAFF,
    "network:grant_new": STAFF,
    "network:mentoring_new": STAFF,
    "network:check_in_new": STAFF,
    "network:elections": ALL_OK,
    "network:election": ALL_OK,
    "network:election_vote": POST_ONLY,
    "network:election_results": ALL_OK,
    "surveys:index": ALL_OK,
    "surveys:answer": ALL_OK,
    "surveys:results": ALL_OK,
    "surveys:export": STAFF,
    "surveys:round_admin": STAFF,
    "surveys:invite": POST_ONLY,
    "surveys:remind": POST_ONLY,
    "surveys:compare": ALL_OK,
    "surveys:staff": STAFF,
    "surveys:round_status": POST_ONLY,
    "surveys:round_counts": STAFF,
    "surveys:version_new": POST_ONLY,
    "surveys:version_edit": STAFF,
    "surveys:question_edit": STAFF,
    "surveys:question_delete": POST_ONLY,
    "network:election_staff": STAFF,
    "network:election_manage": STAFF,
    "network:election_status": POST_ONLY,
    # Create and change pages of the registers (vigie.core.staff_forms): editors only.
    **dict.fromkeys(
        [
            "network:contact_edit",
            "network:journalist_edit",
            "network:outlet_new",
            "network:outlet_edit",
            "network:coverage_edit",
            "network:funder_edit",
            "network:mentoring_edit",
            "surveys:survey_new",
            "surveys:survey_edit",
        ],
        STAFF,
    ),
}


def _names() -> list[str]:
    names = []
    for module in (network_urls, survey_urls):
        for pattern in module.urlpatterns:
            assert isinstance(pattern, URLPattern)
            names.append(f"{module.app_name}:{pattern.name}")
    return names


def _register_rows() -> dict[str, list[int]]:
    day = datetime.date(2024, 5, 1)
    outlet = Outlet.objects.create(name="Outlet (fictional)")
    journalist = Journalist.objects.create(name="Journalist (fictional)", outlet=outlet)
    coverage = Coverage.objects.create(
        outlet=outlet, url="https://example.org/a", published_on=day, tone="neutral"
    )
    funder = Funder.objects.create(name="Fund (fictional)", kind="foundation", first_seen_on=day)
    pair = MentoringPair.objects.create(
        mentor=make_organisation(), mentee=make_organisation(), topics="t", started_on=day
    )
    return {
        "network:journalist_edit": [journalist.pk],
        "network:outlet_edit": [outlet.pk],
        "network:coverage_edit": [coverage.pk],
        "network:funder_edit": [funder.pk],
        "network:mentoring_edit": [pair.pk],
    }


@pytest.fixture
def world() -> dict[str, object]:
    org_a = make_organisation("Org A (fictional)", private_notes="PRIVATE-A-NOTES")
    org_b = make_organisation("Org B (fictional)")
    contact = Contact.objects.create(
        organisation=org_a, name="Priya Private", email="pp@example.org"
    )
    ConsentRecord.objects.create(
        contact=contact, purpose="surveys", granted=True, recorded_on=datetime.date(2024, 1, 1)
    )
    today = datetime.date.today()
    election = Election.objects.create(
        title="Council",
        seats=2,
        opens_on=today,
        closes_on=today,
        term_starts_on=today,
        term_ends_on=today,
    )
    round_ = make_media_round("current", open_now=True)
    answer_round(make_media_round("2024", version=round_.version), org_b, where="PRIVATE-ANSWER")
    invitation = Invitation.objects.create(round=round_, organisation=org_a)
    args = {
        "network:organisation": [org_a.slug],
        "network:organisation_edit": [org_a.slug],
        "network:contact_export": [contact.pk],
        "network:contact_erase": [contact.pk],
        "network:contact_consent": [contact.pk],
        "network:organisation_status": [org_a.slug],
        "network:election": [election.pk],
        "network:election_vote": [election.pk],
        "network:election_results": [election.pk],
        "surveys:answer": [survey_services.make_token(invitation)],
        "surveys:results": [round_.pk],
        "surveys:export": [round_.pk],
        "surveys:round_admin": [round_.pk],
        "surveys:invite": [round_.pk],
        "surveys:remind": [round_.pk],
        "surveys:compare": [round_.version.survey.slug],
        "surveys:round_status": [round_.pk],
        "surveys:round_counts": [round_.pk],
        "surveys:version_new": [round_.version.survey.slug],
        "surveys:version_edit": [round_.version.pk],
        "surveys:question_edit": [round_.version.questions.order_by("pk")[0].pk],
        "surveys:question_delete": [round_.version.questions.order_by("pk")[0].pk],
        "network:election_manage": [election.pk],
        "network:election_status": [election.pk],
        "network:contact_edit": [contact.pk],
        "surveys:survey_edit": [round_.version.survey_id],
        **_register_rows(),
    }
    clients = {"anonymous": Client()}
    for role, user in (
        ("member_a", make_member("a", org_a)),
        ("member_b", make_member("b", org_b)),
        ("editor", make_user("ed", role="editor")),
        ("admin", make_user("adm", role="admin")),
    ):
        client = Client()
        client.force_login(user)
        clients[role] = client
    return {"args": args, "clients": clients}


def test_every_url_has_an_expectation() -> None:
    assert sorted(_names()) == sorted(EXPECTED)


def test_every_url_answers_each_role_as_expected(world: dict) -> None:
    failures = []
    for name in _names():
        url = reverse(name, args=world["args"].get(name, []))
        for role in ROLES:
            status = world["clients"][role].get(url).status_code
            if status != EXPECTED[name][role]:
                failures.append(f"{name} as {role}: {status} != {EXPECTED[name][role]}")
    assert failures == []


def test_private_data_never_reaches_public_pages_or_api(world: dict) -> None:
    anonymous = world["clients"]["anonymous"]
    member_b = world["clients"]["member_b"]
    urls = [
        reverse(name, args=world["args"].get(name, []))
        for name in _names()
        if EXPECTED[name]["anonymous"] == 200
    ] + ["/api/v1/network/organisations", "/api/v1/openapi.json"]
    for url in urls:
        for client in (anonymous, member_b):
            body = client.get(url).content.decode()
            for secret in ("PRIVATE-A-NOTES", "Priya Private", "pp@example.org", "PRIVATE-ANSWER"):
                assert secret not in body, (url, secret)
