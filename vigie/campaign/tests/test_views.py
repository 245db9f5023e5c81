"""Pages of the campaign as each role sees them: privacy of applications, the deadline, the
offline form round trip, the public timeline, actions and archive."""

import json
import re
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from vigie.campaign import offline, services
from vigie.campaign.loaders import load_day_figures
from vigie.campaign.models import Application
from vigie.campaign.tests.factories import make_application, make_call
from vigie.core.tests.embeds import assert_embed_page, assert_not_frameable
from vigie.core.tests.factories import make_user

pytestmark = pytest.mark.django_db


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_timeline_shows_the_sourced_figures_with_their_sources() -> None:
    load_day_figures()
    page = Client().get(reverse("campaign:home")).content.decode()
    assert "supportdontpunish.org/support-dont-punish-2024-qa-session" in page
    assert re.search(r"<th scope=\"row\">2019</th>.*?261.*?92", page, re.S)
    assert '"cities": 297' in page  # the chart's data


@pytest.mark.usefixtures("template_context")
def test_the_timeline_figure_says_its_unit_and_source_and_tabulates_its_bars() -> None:
    load_day_figures()
    response = Client().get(reverse("campaign:home"))
    chart = response.context["chart"]
    assert chart.title and chart.unit == "Cities (number)" and chart.source
    y = chart.spec["encoding"]["y"]
    assert y["title"] == chart.unit and y["axis"]["format"] == "d"
    bars = chart.spec["data"]["values"]
    assert [row[0] for row in chart.rows] == [bar["year"] for bar in bars]
    page = response.content.decode()
    assert "Unit: Cities (number)" in page and "Licence: CC BY 4.0" in page


def test_a_logged_in_applicant_finds_their_own_applications_only() -> None:
    call = make_call()
    alice, bob = make_user("alice"), make_user("bob")
    mine = make_application(call, user=alice, email="alice@fictional.example")
    theirs = make_application(call, user=bob, email="bob@fictional.example")
    page = _client(alice).get(reverse("campaign:home")).content.decode()
    assert reverse("campaign:application_detail", args=[mine.pk]) in page
    assert reverse("campaign:application_detail", args=[theirs.pk]) not in page


def test_an_applicant_cannot_open_another_applicants_application_by_its_id() -> None:
    call = make_call()
    alice, bob = make_user("alice"), make_user("bob")
    theirs = make_application(call, user=alice, email="alice@fictional.example")
    make_application(call, user=bob, email="bob@fictional.example")
    url = reverse("campaign:application_detail", args=[theirs.pk])
    assert _client(alice).get(url).status_code == 200
    response = _client(bob).get(url)
    assert response.status_code == 404
    assert "Marcha ficticia" not in response.content.decode()
    assert Client().get(url).status_code == 404


def test_scores_and_notes_are_shown_to_staff_only() -> None:
    call = make_call()
    applicant = make_user("applicant")
    application = make_application(call, user=applicant)
    first, second = make_user("r1"), make_user("r2")
    services.assign_reviewers(application_id=application.pk, reviewer_ids=[first.pk, second.pk])
    services.submit_review(
        application_id=application.pk,
        reviewer=first,
        scores={"relevance": 5, "community": 4, "feasibility": 3, "cost": 2},
        notes="REVIEWER-NOTE-SECRET",
    )
    staff = _client(make_user("staff", role="editor"))
    assert (
        "REVIEWER-NOTE-SECRET"
        in staff.get(reverse("campaign:staff_application", args=[application.pk])).content.decode()
    )
    own = _client(applicant).get(reverse("campaign:application_detail", args=[application.pk]))
    assert "REVIEWER-NOTE-SECRET" not in own.content.decode()
    member = _client(make_user("member", role="member"))
    assert (
        member.get(reverse("campaign:staff_application", args=[application.pk])).status_code == 403
    )


def test_a_conflicted_editor_no_longer_sees_the_application_among_staff_pages() -> None:
    call = make_call()
    application = make_application(call)
    editor, other = make_user("ed", role="editor"), make_user("r2")
    services.assign_reviewers(application_id=application.pk, reviewer_ids=[editor.pk, other.pk])
    client = _client(editor)
    assert client.get(reverse("campaign:review", args=[application.pk])).status_code == 200
    client.post(
        reverse("campaign:review", args=[application.pk]), {"conflict": "1", "reason": "My cousin"}
    )
    assert client.get(reverse("campaign:review", args=[application.pk])).status_code == 404
    assert (
        client.get(reverse("campaign:staff_application", args=[application.pk])).status_code == 404
    )
    assert "Marcha ficticia" not in client.get(reverse("campaign:staff")).content.decode()


def test_the_magic_link_page_saves_then_submits() -> None:
    call = make_call()
    response = Client().post(
        reverse("campaign:call", args=[call.pk]),
        {
            "contact_name": "Ana",
            "email": "ana@fictional.example",
            "language": "es",
            "time_zone": "America/Lima",
        },
    )
    assert response.status_code == 200
    link = re.search(
        r"https?://[^/\s]*(/es/campaign/application/[^/\s]+/)", str(mail.outbox[-1].body)
    )
    assert link is not None
    url = link.group(1)
    data = {
        "app-title": "Foro ficticio",
        "app-plans": "Un foro.",
        "app-kind": "discussion",
        "app-contingency": "En línea si llueve.",
        "app-country": "PE",
        "app-city": "Lima",
        "app-currency": "USD",
        "app-amount_local": "300",
        "first_time": "yes",
    }
    saved = Client().post(url, {**data, "action": "save"})
    assert saved.status_code == 302 and saved["Location"] == url
    application = Application.objects.get(email="ana@fictional.example")
    assert application.status == Application.Status.DRAFT
    assert application.city_name == "Lima"
    Client().post(url, {**data, "action": "submit"})
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED
    assert application.answers == {"first_time": "yes"}


def test_a_post_after_the_deadline_is_refused_with_a_clear_message() -> None:
    call = make_call()
    application = make_application(call, submit=False)
    token = re.search(r"/campaign/application/([^/\s]+)/", str(mail.outbox[-1].body)).group(1)  # type: ignore[union-attr]
    call.closes_at = call.opens_at + (call.closes_at - call.opens_at) / 1000
    call.save()
    response = Client().post(reverse("campaign:application", args=[token]), {"action": "submit"})
    assert response.status_code == 409
    # The applicant chose Spanish: the refusal is in Spanish, with the deadline in their zone.
    refusal = re.search(r'id="refusal">([^<]+)<', response.content.decode())
    assert refusal is not None
    assert "fecha límite" in refusal.group(1) and "America/Mexico_City" in refusal.group(1)
    application.refresh_from_db()
    assert application.status == Application.Status.DRAFT


def _saved_form(call_pk: int, **fields: object) -> bytes:
    base = {
        "contact_name": "Juma Ficticio",
        "email": "juma@fictional.example",
        "language": "en",
        "time_zone": "Africa/Nairobi",
        "title": "Fictional football match",
        "plans": "A match between police officers and people who use drugs.",
        "kind": "sports",
        "contingency": "Indoor hall if it rains.",
        "country": "KE",
        "city": "Nairobi",
        "currency": "KES",
        "amount_local": "38850",
        "publish_organisation": True,
        "organisation_name": "Fictional Nairobi Network",
    }
    return json.dumps(
        {
            "format": offline.FORMAT,
            "version": offline.FORMAT_VERSION,
            "call": call_pk,
            "fields": {**base, **fields},
            "answers": {"first_time": "no", "past_years": "2019, 2021"},
        }
    ).encode()


def test_the_offline_form_is_a_single_file_that_needs_no_site() -> None:
    call = make_call()
    response = Client().get(reverse("campaign:offline_form", args=[call.pk]) + "?lang=fr")
    assert response["Content-Disposition"].startswith("attachment;")
    html = response.content.decode()
    assert (
        "<script src" not in html
        and "<link" not in html
        and "http" not in html.split("<body>")[1].split("<script>")[0]
    )
    assert 'name="first_time"' in html and 'data-question-block="past_years"' in html
    assert "Enregistrer mes réponses" in html


def test_staff_upload_an_emailed_offline_form_which_becomes_a_submitted_application(
    django_capture_on_commit_callbacks: Any,
) -> None:
    call = make_call()
    staff = _client(make_user("staff", role="editor"))
    upload = SimpleUploadedFile(
        "application-1.json", _saved_form(call.pk), content_type="application/json"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(reverse("campaign:offline_upload", args=[call.pk]), {"file": upload})
    assert response.status_code == 200
    application = Application.objects.get(email="juma@fictional.example")
    assert application.status == Application.Status.SUBMITTED
    assert application.received_offline
    assert application.amount_usd == Decimal("300.00")  # 38,850 KES at 129.50
    assert application.answers == {"first_time": "no", "past_years": "2019, 2021"}
    assert mail.outbox[-1].to == ["juma@fictional.example"]


def test_a_wrong_offline_file_names_each_wrong_field_and_creates_nothing() -> None:
    call = make_call()
    bad = _saved_form(call.pk, kind="rave", email="", amount_local="lots")
    response = Client().post(
        reverse("campaign:offline_upload", args=[call.pk]),
        {"file": SimpleUploadedFile("a.json", bad, content_type="application/json")},
    )
    assert response.status_code == 422
    page = response.content.decode()
    for field in ("“kind”", "“email”", "“amount_local”"):
        assert field in page
    assert not Application.objects.exists()
    not_json = Client().post(
        reverse("campaign:offline_upload", args=[call.pk]),
        {"file": SimpleUploadedFile("a.json", b"%PDF-1.4", content_type="application/pdf")},
    )
    assert not_json.status_code == 422
    assert "Save my answers" in not_json.content.decode()


def test_an_offline_form_uploaded_after_the_deadline_is_refused() -> None:
    call = make_call()
    content = _saved_form(call.pk)
    call.closes_at = call.opens_at + (call.closes_at - call.opens_at) / 1000
    call.save()
    response = Client().post(
        reverse("campaign:offline_upload", args=[call.pk]),
        {"file": SimpleUploadedFile("a.json", content, content_type="application/json")},
    )
    assert response.status_code == 422
    assert "deadline" in response.content.decode()
    assert not Application.objects.exists()


def test_supported_actions_appear_on_the_map_and_in_the_archive_and_drafts_do_not() -> None:
    call = make_call()
    approved = make_application(call)
    make_application(call, email="other@fictional.example", submit=False)
    services.approve_application(application_id=approved.pk, amount_usd=Decimal("450"))
    page = Client().get(reverse("campaign:actions") + f"?year={call.year}").content.decode()
    assert "Guadalajara" in page and '"latitude": 20.' in page
    archive = (
        Client()
        .get(reverse("campaign:archive") + "?country=MX&kind=demonstration")
        .content.decode()
    )
    assert "Marcha ficticia" in archive
    assert (
        "450" not in archive
        and "ana" not in archive.lower().split("<main")[-1].split("ficticia")[0]
    )
    none = Client().get(reverse("campaign:archive") + "?kind=sports").content.decode()
    assert "Marcha ficticia" not in none


def test_city_suggestions_come_from_the_offline_gazetteer() -> None:
    found = Client().get(reverse("campaign:cities") + "?country=KE&q=nair").json()
    assert found["cities"][0]["name"] == "Nairobi"


def test_the_timeline_has_an_embed_page_once_a_figure_is_stated() -> None:
    embed_url = reverse("campaign:timeline_embed")
    assert Client().get(embed_url).status_code == 404  # nothing stated yet: nothing to frame
    load_day_figures()
    page = Client().get(reverse("campaign:home"))
    assert_not_frameable(page)
    assert embed_url in page.content.decode()  # the snippet offered under the chart
    html = assert_embed_page(Client().get(embed_url), "campaign-timeline")
    assert '"cities": 297' in html and "Unit: Cities (number)" in html
