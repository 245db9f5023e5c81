"""Public event pages: times in two zones, the Chatham House rule, languages, no private data."""

import datetime
import zoneinfo

import pytest
from django.test import Client

from vigie.events.links import make_token
from vigie.events.models import Contribution, Event, Person, ProgrammeItem
from vigie.events.tests.factories import make_event, make_registration

pytestmark = pytest.mark.django_db
PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def _seed_like_event() -> Event:
    start = datetime.datetime(2031, 4, 28, 16, 0, tzinfo=PARIS)
    event = make_event(
        slug="global-challenge",
        title_en="A global challenge",
        title_fr="Défi mondial",
        summary_en="English summary.",
        summary_fr="Résumé français.",
        language_order="fr,en",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        chatham_house_rule=True,
        recording_policy="public",
    )
    part = ProgrammeItem.objects.create(
        event=event,
        kind="part",
        order=1,
        title_en="Exploring solutions",
        title_fr="Explorer des solutions",
    )
    talk = ProgrammeItem.objects.create(
        event=event, parent=part, order=1, title_en="Exporting solutions"
    )
    speaker = Person.objects.create(
        name="Speaker Example", affiliation="Example University (fictional)"
    )
    Contribution.objects.create(event=event, item=talk, person=speaker)
    return event


def test_event_page_shows_organiser_time_and_utc() -> None:
    _seed_like_event()
    content = Client().get("/en/events/global-challenge/").content.decode()
    assert "16:00–18:00 Paris time = 14:00–16:00 UTC" in content
    assert 'data-start="2031-04-28T14:00:00+00:00"' in content


def test_event_page_in_french_states_the_rule_in_french_and_keeps_the_other_version() -> None:
    _seed_like_event()
    content = Client().get("/fr/events/global-challenge/").content.decode()
    assert "Défi mondial" in content
    assert "règle de Chatham House" in content
    assert "16:00–18:00 heure de Paris" in content
    assert "English summary." in content  # the other version, side by side
    assert "Speaker Example" in content


def test_spanish_visitor_falls_back_to_the_events_first_language() -> None:
    _seed_like_event()
    content = Client().get("/es/events/global-challenge/").content.decode()
    assert '<h1 lang="fr">Défi mondial</h1>' in content


def test_join_link_and_attendees_never_appear_on_public_pages() -> None:
    event = _seed_like_event()
    make_registration(event, "Ana Attendee")
    for url in [
        "/en/events/",
        "/en/events/global-challenge/",
        "/en/events/global-challenge/register/",
        "/api/v1/events/events",
        "/api/v1/events/events/global-challenge",
    ]:
        content = Client().get(url).content.decode()
        assert "secret-room" not in content, url
        assert "Ana Attendee" not in content, url


@pytest.mark.usefixtures("no_reference_data")  # no country named like a registrant
def test_personal_page_shows_the_join_link_to_a_confirmed_registrant_only() -> None:
    event = make_event(capacity=1)
    confirmed = make_registration(event, "Ana")
    waiting = make_registration(event, "Ben", status="waiting")
    confirmed_page = (
        Client().get(f"/en/events/registration/{make_token(confirmed)}/").content.decode()
    )
    waiting_page = Client().get(f"/en/events/registration/{make_token(waiting)}/").content.decode()
    assert "secret-room" in confirmed_page
    assert "secret-room" not in waiting_page
    assert "number 1 on the waiting list" in waiting_page
    assert "Ben" not in confirmed_page  # attendees never see each other


def test_a_forged_personal_link_is_not_found() -> None:
    registration = make_registration(make_event())
    assert Client().get(f"/en/events/registration/{registration.key}/").status_code == 404


def test_drafts_are_not_public() -> None:
    make_event(slug="draft-event", status="draft")
    assert Client().get("/en/events/draft-event/").status_code == 404
    assert "draft-event" not in Client().get("/en/events/").content.decode()


def test_list_separates_upcoming_and_past_and_filters_by_series() -> None:
    from vigie.events.models import Series

    series = Series.objects.create(slug="silos", title_en="Silos series")
    make_event(slug="next-one", title_en="Next one", series=series)
    past_start = datetime.datetime(2021, 4, 26, 14, tzinfo=datetime.UTC)
    make_event(
        slug="old-one",
        title_en="Old one",
        starts_at=past_start,
        ends_at=past_start + datetime.timedelta(hours=2),
    )
    content = Client().get("/en/events/").content.decode()
    upcoming, past = content.split('id="past-title"')
    assert "Next one" in upcoming.split('id="calendar-title"')[0] and "Old one" in past
    filtered = Client().get("/en/events/?series=silos").content.decode()
    assert "Next one" in filtered and "Old one" not in filtered


def test_calendar_month_shows_the_event_on_its_local_day() -> None:
    _seed_like_event()
    content = Client().get("/en/events/?month=2031-04").content.decode()
    calendar_html = content.split('id="calendar-title"')[1].split('id="past-title"')[0]
    assert "A global challenge" in calendar_html


def test_register_through_the_form_redirects_to_the_personal_page() -> None:
    event = make_event(capacity=5)
    response = Client().post(
        f"/en/events/{event.slug}/register/",
        {"name": "Ana Example", "email": "ana@example.org", "organisation_type": "ngo"},
    )
    assert response.status_code == 302
    assert "/en/events/registration/" in response["Location"]
    assert event.registrations.get().organisation_type == "ngo"


def test_cancel_through_the_personal_link_frees_the_place() -> None:
    event = make_event(capacity=1)
    ana = make_registration(event, "Ana")
    ben = make_registration(event, "Ben", status="waiting")
    response = Client().post(f"/en/events/registration/{make_token(ana)}/cancel/")
    assert response.status_code == 302
    ben.refresh_from_db()
    assert ben.status == "confirmed"


def test_personal_page_keeps_its_link_private() -> None:
    registration = make_registration(make_event())
    content = Client().get(f"/en/events/registration/{make_token(registration)}/").content.decode()
    assert '<meta name="robots" content="noindex">' in content
    assert '<meta name="referrer" content="same-origin">' in content


def test_calendar_opens_on_the_month_of_the_next_event() -> None:
    _seed_like_event()
    content = Client().get("/en/events/").content.decode()
    assert "<strong>April 2031</strong>" in content


def test_a_member_sees_their_own_registrations_only() -> None:
    from vigie.core.tests.factories import make_user

    member = make_user("amina", role="member")
    event = make_event(title_en="Member workshop")
    make_registration(event, "Amina", email="amina@example.org")  # the member's address
    make_registration(event, "Someone Else", email="else@example.org")
    client = Client()
    assert client.get("/en/events/mine/").status_code == 302
    client.force_login(member)
    content = client.get("/en/events/mine/").content.decode()
    assert "Member workshop" in content and "/en/events/registration/" in content
    assert content.count("/en/events/registration/") == 1


@pytest.mark.parametrize(
    ("language", "zone_label"), [("fr", "heure de Paris"), ("en", "Paris time")]
)
def test_talk_times_are_shown_in_the_events_zone(language: str, zone_label: str) -> None:
    start = datetime.datetime(2031, 4, 28, 16, 0, tzinfo=PARIS)
    event = make_event(
        slug="timed-talks", starts_at=start, ends_at=start + datetime.timedelta(hours=2)
    )
    part = ProgrammeItem.objects.create(event=event, kind="part", order=1, title_en="Part one")
    ProgrammeItem.objects.create(
        event=event,
        parent=part,
        order=1,
        title_en="Ten past four",
        starts_at=datetime.datetime(2031, 4, 28, 16, 10, tzinfo=PARIS),
    )
    content = Client().get(f"/{language}/events/timed-talks/").content.decode()
    assert ">16:10</time> Ten past four" in content
    assert ">14:10<" not in content and ">15:10<" not in content
    assert f'<p class="small programme-zone">{zone_label}</p>' in content
