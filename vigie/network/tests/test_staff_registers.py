"""Editors keep the network registers through forms: membership with its history, consent,
coverage, funding against the baseline, mentoring. Bad input is refused at the field."""

import datetime
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone, translation

from vigie.core.tests.factories import make_country, make_user
from vigie.network import services
from vigie.network.models import (
    CheckIn,
    ConsentRecord,
    Contact,
    Coverage,
    Funder,
    Grant,
    Journalist,
    MentoringPair,
    Organisation,
    Outlet,
)
from vigie.network.tests.factories import make_member, make_organisation

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def editor(client: Client) -> Client:
    client.force_login(make_user("editor", role="editor"))
    return client


def test_membership_status_change_is_kept_with_who_when_from_and_to(editor: Client) -> None:
    organisation = make_organisation(
        "Applicant (fictional)", slug="applicant", status="applied", admitted_on=None
    )
    url = "/en/network/organisations/applicant/membership/"
    response = editor.post(url, {"status": "member", "on": "2024-05-02", "reason": "Council vote"})
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.status == "member"
    assert organisation.admitted_on == datetime.date(2024, 5, 2)
    editor.post(url, {"status": "lapsed", "on": "2025-01-10"})
    history = services.membership_history(organisation)
    assert [(change.old, change.new, change.on) for change in history] == [
        ("Member", "Lapsed", "2025-01-10"),
        ("Applied", "Member", "2024-05-02"),
    ]
    assert {change.actor for change in history} == {"editor"}
    html = editor.get(url).content.decode()
    assert "Council vote" in html and "Lapsed" in html


def test_unchanged_status_or_bad_date_is_refused_at_the_field_in_french(editor: Client) -> None:
    make_organisation("Member (fictional)", slug="member-org")
    url = "/fr/network/organisations/member-org/membership/"
    with translation.override("fr"):
        html = editor.post(url, {"status": "member", "on": "pas une date"}).content.decode()
    assert "L’adhésion est déjà" in html
    assert "Saisissez une date valide" in html
    assert 'value="pas une date"' in html


def test_new_organisation_needs_an_admission_date_to_be_a_member(editor: Client) -> None:
    country = make_country("KE")
    data = {
        "name": "New Collective (fictional)",
        "slug": "new-collective",
        "org_type": "ngo",
        "headquarters": country.pk,
        "region": "002",
        "status": "member",
        "applied_on": "2024-01-01",
        "admitted_on": "",
    }
    html = editor.post("/en/network/staff/organisations/new/", data).content.decode()
    assert "A member organisation needs its admission date." in html
    assert 'value="New Collective (fictional)"' in html
    assert not Organisation.objects.filter(slug="new-collective").exists()
    response = editor.post(
        "/en/network/staff/organisations/new/", {**data, "admitted_on": "2024-03-01"}
    )
    assert response.status_code == 302
    assert Organisation.objects.get(slug="new-collective").status == "member"


def test_consent_is_given_then_withdrawn_and_both_are_kept(editor: Client) -> None:
    contact = Contact.objects.create(name="Ana Example", email="ana@private.example")
    url = f"/en/network/contacts/{contact.pk}/consent/"
    refused = editor.post(
        url, {"purpose": "newsletter", "granted": "yes", "recorded_on": "2025-01-02"}
    )
    assert "Record the wording the person agreed to." in refused.content.decode()
    assert not ConsentRecord.objects.exists()
    editor.post(
        url,
        {
            "purpose": "newsletter",
            "granted": "yes",
            "recorded_on": "2025-01-02",
            "wording": "I agree to receive the newsletter.",
        },
    )
    editor.post(url, {"purpose": "newsletter", "granted": "no", "recorded_on": "2025-02-03"})
    assert ConsentRecord.objects.filter(contact=contact).count() == 2
    current = services.current_consents(contact)
    assert current["newsletter"].granted is False
    html = editor.get(url).content.decode()
    assert "Withdrawn" in html and "I agree to receive the newsletter." in html


def test_contacts_and_consent_are_private_to_editors(client: Client) -> None:
    organisation = make_organisation("Own (fictional)", slug="own")
    contact = Contact.objects.create(
        organisation=organisation, name="Private Person", email="private@contact.example"
    )
    ConsentRecord.objects.create(
        contact=contact, purpose="surveys", granted=True, recorded_on=TODAY, wording="SECRET-WORDS"
    )
    client.force_login(make_member("member", organisation))
    for url in (f"/en/network/contacts/{contact.pk}/consent/", "/en/network/contacts/new/"):
        response = client.get(url)
        assert response.status_code == 403
        assert b"Private Person" not in response.content
    response = client.post(
        f"/en/network/contacts/{contact.pk}/consent/",
        {"purpose": "surveys", "granted": "no", "recorded_on": TODAY.isoformat()},
    )
    assert response.status_code == 403
    assert ConsentRecord.objects.filter(contact=contact).count() == 1
    client.logout()
    assert client.get(f"/en/network/contacts/{contact.pk}/consent/").status_code == 302
    client.force_login(make_user("editor", role="editor"))
    html = client.get(f"/en/network/contacts/{contact.pk}/consent/").content.decode()
    assert "Private Person" in html and "SECRET-WORDS" in html


def test_coverage_is_logged_from_its_address_and_outlet_found_by_website(editor: Client) -> None:
    outlet = Outlet.objects.create(name="Daily Example", website="https://www.daily.example/")
    journalist = Journalist.objects.create(name="Jo Reporter", outlet=outlet)
    data: dict[str, Any] = {
        "url": "https://daily.example/2025/harm-reduction",
        "outlet": "",
        "published_on": "2025-03-01",
        "tone": "supportive",
        "journalist": journalist.pk,
    }
    response = editor.post("/en/network/media/coverage/new/", data)
    assert response.status_code == 302
    coverage = Coverage.objects.get()
    assert (coverage.outlet, coverage.journalist, coverage.tone) == (
        outlet,
        journalist,
        "supportive",
    )
    again = editor.post("/en/network/media/coverage/new/", data).content.decode()
    assert "This article is already in the coverage list." in again
    unknown = editor.post(
        "/en/network/media/coverage/new/", {**data, "url": "https://unknown.example/a"}
    ).content.decode()
    assert "No known outlet has this website" in unknown
    assert Coverage.objects.count() == 1
    assert "daily.example/2025/harm-reduction" in editor.get("/en/network/media/").content.decode()


def test_future_coverage_date_and_bad_address_are_refused(editor: Client) -> None:
    later = (TODAY + datetime.timedelta(days=3)).isoformat()
    html = editor.post(
        "/en/network/media/coverage/new/",
        {"url": "nota url", "outlet": "X", "published_on": later, "tone": "neutral"},
    ).content.decode()
    assert "This date is in the future." in html and "Enter a valid URL." in html
    assert not Coverage.objects.exists()


def test_journalist_and_interaction_are_added(editor: Client) -> None:
    editor.post("/en/network/media/journalists/new/", {"name": "Sam Writer"})
    journalist = Journalist.objects.get(name="Sam Writer")
    later = (TODAY + datetime.timedelta(days=1)).isoformat()
    future = editor.post(
        "/en/network/media/interactions/new/",
        {"journalist": journalist.pk, "kind": "briefed", "happened_on": later},
    ).content.decode()
    assert "This date is in the future." in future
    assert not journalist.interactions.exists()
    response = editor.post(
        "/en/network/media/interactions/new/",
        {"journalist": journalist.pk, "kind": "briefed", "happened_on": "2025-02-01"},
    )
    assert response.status_code == 302
    assert journalist.interactions.get().kind == "briefed"


def test_grant_needs_a_recipient_and_funding_page_shows_new_since_baseline(
    editor: Client,
) -> None:
    editor.post(
        "/en/network/funding/funders/new/",
        {"name": "Example Foundation", "kind": "foundation", "first_seen_on": "2025-02-01"},
    )
    funder = Funder.objects.get(name="Example Foundation")
    html = editor.post(
        "/en/network/funding/grants/new/",
        {"funder": funder.pk, "kind": "core", "size_band": "major", "started_on": "2025-02-01"},
    ).content.decode()
    assert "Choose the organisation funded, or name the programme." in html
    assert not Grant.objects.exists()
    editor.post(
        "/en/network/funding/grants/new/",
        {
            "funder": funder.pk,
            "programme": "Peer training",
            "kind": "core",
            "size_band": "major",
            "started_on": "2025-02-01",
        },
    )
    assert funder.grants.get().programme == "Peer training"


def test_mentoring_pair_and_check_in(editor: Client) -> None:
    mentor = make_organisation("Mentor (fictional)")
    mentee = make_organisation("Mentee (fictional)")
    same = editor.post(
        "/en/network/mentoring/new/",
        {
            "mentor": mentor.pk,
            "mentee": mentor.pk,
            "topics": "fundraising",
            "started_on": "2025-01-01",
        },
    ).content.decode()
    assert "An organisation cannot mentor itself." in same
    editor.post(
        "/en/network/mentoring/new/",
        {
            "mentor": mentor.pk,
            "mentee": mentee.pk,
            "topics": "fundraising",
            "started_on": "2025-01-01",
        },
    )
    pair = MentoringPair.objects.get()
    early = editor.post(
        "/en/network/mentoring/check-ins/new/", {"pair": pair.pk, "held_on": "2024-12-01"}
    ).content.decode()
    assert "a check-in cannot come before" in early
    editor.post(
        "/en/network/mentoring/check-ins/new/",
        {"pair": pair.pk, "held_on": "2025-02-01", "notes": "Budget reviewed"},
    )
    assert CheckIn.objects.get(pair=pair).notes == "Budget reviewed"
    assert "Budget reviewed" in editor.get("/en/network/mentoring/").content.decode()


def test_funders_are_shown_against_the_one_funding_baseline(
    editor: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    baseline = datetime.date(2024, 1, 1)
    monkeypatch.setattr("vigie.network.views.measure_baseline", lambda *args: baseline)
    monkeypatch.setattr("vigie.network.staff_views.measure_baseline", lambda *args: baseline)
    Funder.objects.create(
        name="Old Trust", kind="foundation", first_seen_on=datetime.date(2023, 5, 1)
    )
    Funder.objects.create(
        name="New Fund", kind="foundation", first_seen_on=datetime.date(2024, 6, 1)
    )
    html = editor.get("/en/network/funding/").content.decode()
    rows = {
        name: html.split(f">{name}</a></td>")[1].split("</tr>")[0]
        for name in ("Old Trust", "New Fund")
    }
    assert rows["Old Trust"].count("<td>no</td>") == 2
    assert "<td>yes</td>" in rows["New Fund"]
    intro = editor.get("/en/network/funding/grants/new/").content.decode()
    assert "Funding baseline: 2024-01-01." in intro


def test_editors_change_name_and_private_notes_members_cannot(client: Client) -> None:
    organisation = make_organisation("Old Name (fictional)", slug="renamed")
    data = {
        "name": "New Name (fictional)",
        "org_type": "ngo",
        "headquarters": organisation.headquarters_id,
        "region": "002",
        "private_notes": "Staff note",
    }
    client.force_login(make_member("member", organisation))
    client.post("/en/network/organisations/renamed/edit/", data)
    organisation.refresh_from_db()
    assert (organisation.name, organisation.private_notes) == ("Old Name (fictional)", "")
    client.force_login(make_user("editor", role="editor"))
    refused = client.post("/en/network/organisations/renamed/edit/", {**data, "name": ""})
    assert "This field is required." in refused.content.decode()
    assert client.post("/en/network/organisations/renamed/edit/", data).status_code == 302
    organisation.refresh_from_db()
    assert (organisation.name, organisation.private_notes) == ("New Name (fictional)", "Staff note")
