"""The staff workspace and the member space: who may open them, and what each shows."""

import datetime
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from vigie.atlas.tests.helpers import make_measure, make_place
from vigie.core.tests.factories import make_user
from vigie.events.tests.factories import make_event, make_registration
from vigie.network.models import Election, MentoringPair, VoterRecord
from vigie.network.tests.factories import make_member, make_organisation
from vigie.surveys.models import Invitation
from vigie.surveys.tests.helpers import answer_round, make_media_round
from vigie.un import queries as un_queries
from vigie.workspace import services

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _election(title: str, on: datetime.date | None = None) -> Election:
    """An election open on ``on`` only (today by default)."""
    day = on or timezone.localdate()
    return Election.objects.create(
        title=title, seats=1, opens_on=day, closes_on=day, term_starts_on=day, term_ends_on=day
    )


def _monday() -> datetime.datetime:
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    return timezone.make_aware(datetime.datetime.combine(monday, datetime.time(10, 0)))


def test_staff_home_is_for_editors_only() -> None:
    assert Client().get("/en/staff/").status_code == 302
    member = make_member("m", make_organisation())
    assert _client(member).get("/en/staff/").status_code == 403
    assert _client(make_user("ed", role="editor")).get("/en/staff/").status_code == 200


def test_staff_home_shows_this_weeks_events_with_their_counts_and_not_other_weeks() -> None:
    this_week = make_event(title_en="Workshop this week", starts_at=_monday())
    for number, status in enumerate(["confirmed", "confirmed", "confirmed", "waiting", "pending"]):
        make_registration(this_week, f"Person {number}", status=status)
    make_event(title_en="Workshop next month", starts_at=_monday() + datetime.timedelta(days=30))
    page = _client(make_user("ed", role="editor")).get("/en/staff/").content.decode()
    week = page.split('id="events-week"')[1].split("</section>")[0]
    assert "Workshop this week" in week
    assert "Workshop next month" not in week  # (the data-quality flags may name it)
    assert f'href="/en/events/staff/{this_week.slug}/"' in page
    assert '<td class="num" data-count="confirmed">3</td>' in page
    assert "Person 0" not in page  # counts, never names


def test_staff_home_shows_rounds_closing_soon_with_live_response_counts() -> None:
    round_ = make_media_round("current", open_now=True)
    answered, silent = make_organisation(), make_organisation()
    answer_round(round_, answered)
    Invitation.objects.create(round=round_, organisation=silent)
    page = _client(make_user("ed", role="editor")).get("/en/staff/").content.decode()
    assert f'href="/en/surveys/rounds/{round_.pk}/manage/"' in page
    assert '<td class="num">1</td><td class="num">2</td>' in page


@pytest.mark.usefixtures("template_context")
def test_staff_home_lists_open_elections_flags_and_every_task_link() -> None:
    _election("Council 2026")
    _election("Council 2020", on=datetime.date(2020, 1, 1))
    response = _client(make_user("ed", role="editor")).get("/en/staff/")
    page = response.content.decode()
    assert "Council 2026" in page and "Council 2020" not in page
    assert "/en/strategy/staff/review-queue/" in page
    for task in response.context["tasks"]:
        for link in task.links:
            assert f'href="{link.url}"' in page
    assert 'href="/admin/"' not in page  # editors: no admin link


def test_navigation_leads_editors_to_the_workspace_and_only_admins_to_the_admin() -> None:
    editor_page = _client(make_user("ed", role="editor")).get("/en/").content.decode()
    assert 'href="/en/staff/"' in editor_page and 'href="/en/me/"' in editor_page
    assert 'href="/admin/"' not in editor_page
    admin_page = _client(make_user("ad", role="admin")).get("/en/").content.decode()
    assert 'href="/admin/"' in admin_page
    member_page = _client(make_member("m", make_organisation())).get("/en/").content.decode()
    assert 'href="/en/me/"' in member_page and 'href="/en/staff/"' not in member_page


def test_member_space_requires_login() -> None:
    response = Client().get("/en/me/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_each_member_sees_only_their_own_things() -> None:
    org_a = make_organisation("Alpha Org (fictional)")
    org_b = make_organisation("Bravo Org (fictional)")
    mentor = make_organisation("Mentor Org (fictional)")
    member_a, member_b = make_member("alice", org_a), make_member("bob", org_b)
    event = make_event(title_en="Shared workshop")
    make_registration(event, "Alice Reg", email=member_a.email)
    make_registration(event, "Bob Reg", email=member_b.email)
    other = make_event(title_en="Bob only workshop")
    make_registration(other, "Bob Reg", email=member_b.email)
    round_ = make_media_round("current", open_now=True)
    Invitation.objects.create(round=round_, organisation=org_a)
    election = _election("Council")
    VoterRecord.objects.create(election=election, organisation=org_b)
    MentoringPair.objects.create(
        mentor=mentor, mentee=org_b, topics="fundraising", started_on=datetime.date(2025, 1, 1)
    )

    page_a = _client(member_a).get("/en/me/").content.decode()
    page_b = _client(member_b).get("/en/me/").content.decode()

    assert "Alpha Org (fictional)" in page_a and "Bravo Org (fictional)" not in page_a
    assert "Bob only workshop" not in page_a and "Bob only workshop" in page_b
    assert "Media survey" in page_a and "Media survey" not in page_b  # only A is invited
    assert "your organisation may vote" in page_a
    assert "your organisation has voted" in page_b and "has voted" not in page_a
    assert "Mentored by Mentor Org (fictional)" in page_b
    assert "Mentor Org" not in page_a and "fundraising" not in page_a


def _queries_for(client: Client, address: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(address).status_code == 200
    return len(captured.captured_queries)


def _add_activity(organisation: Any, number: int) -> None:
    event = make_event(title_en=f"Week event {number}", starts_at=_monday())
    make_registration(event, f"Person {number}")
    _election(f"Election {number}")
    partner = make_organisation()
    MentoringPair.objects.create(
        mentor=partner, mentee=organisation, topics="x", started_on=datetime.date(2025, 1, 1)
    )
    make_registration(event, "Member", email="m@example.org")


def test_both_pages_read_in_a_constant_number_of_queries() -> None:
    organisation = make_organisation()
    member = _client(make_member("m", organisation))
    editor = _client(make_user("ed", role="editor"))
    _add_activity(organisation, 1)
    round_ = make_media_round("current", open_now=True)
    answer_round(round_, organisation)
    before = (_queries_for(editor, "/en/staff/"), _queries_for(member, "/en/me/"))
    for number in range(2, 6):
        _add_activity(organisation, number)
        Invitation.objects.create(round=round_, organisation=make_organisation())
    after = (_queries_for(editor, "/en/staff/"), _queries_for(member, "/en/me/"))
    assert after == before


def test_both_pages_are_translated() -> None:
    organisation = make_organisation()
    member = _client(make_member("m", organisation))
    editor = _client(make_user("ed", role="editor"))
    make_event(title_en="Week event", starts_at=_monday())
    french = editor.get("/fr/staff/").content.decode()
    assert "<h1>Espace de travail</h1>" in french
    assert "Événements de la semaine" in french and "Relectures en attente" in french
    spanish = member.get("/es/me/").content.decode()
    assert "<h1>Mi espacio</h1>" in spanish and "Mis inscripciones a eventos" in spanish


def test_staff_home_counts_corrections_waiting_and_links_to_the_queue() -> None:
    make_place("PT")
    measure = make_measure("pt-2001", "PT", "decrim_de_jure")
    author = make_member("alice", make_organisation())
    for _number in range(2):
        services.propose_correction(
            author=author,
            country_iso2="PT",
            measure_code=measure.code,
            field="title",
            problem="Wrong title",
            proposed_value="Law 30/2000",
            source_citation="Gazette",
        )
    page = _client(make_user("ed", role="editor")).get("/en/staff/").content.decode()
    assert '<span data-count="corrections">2</span> proposals waiting for review' in page
    assert 'href="/en/staff/corrections/"' in page


def test_staff_home_flags_measures_citing_no_source_and_codings_awaiting_a_second_coder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    make_place("PT")
    make_measure("pt-2001", "PT", "decrim_de_jure", title="Sourced law")
    unsourced = make_measure("pt-2023", "PT", "decrim_de_jure", title="Unsourced law")
    unsourced.sources.clear()  # as an edit in the admin could leave it
    monkeypatch.setattr(un_queries, "count_codings_awaiting_second_coder", lambda: 4)
    page = _client(make_user("ed", role="editor")).get("/en/staff/").content.decode()
    assert 'href="/en/atlas/measures/pt-2023/edit/">Unsourced law</a> — no source cited' in page
    assert "Sourced law" not in page
    assert 'UN codings awaiting a second coder (<span data-count="flags">4</span>)' in page
    assert 'href="/en/un/staff/second-coding/"' in page


def test_staff_home_shows_surveys_closing_within_a_week_only() -> None:
    soon = make_media_round("current", open_now=True)  # closes in five days
    later = make_media_round("later", version=soon.version)
    today = timezone.localdate()
    later.opens_on, later.closes_on = today, today + datetime.timedelta(days=10)
    later.save()
    page = _client(make_user("ed", role="editor")).get("/en/staff/").content.decode()
    assert f'href="/en/surveys/rounds/{soon.pk}/manage/"' in page
    assert f'href="/en/surveys/rounds/{later.pk}/manage/"' not in page
