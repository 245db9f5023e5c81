"""Staff tools: create, duplicate, export, email registrants, attendance, materials."""

import csv
import datetime
import io
import zoneinfo

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from vigie.core.models import AuditEntry
from vigie.core.tests.factories import make_user
from vigie.events.models import Contribution, Event, Person, ProgrammeItem, RegistrationQuestion
from vigie.events.tests.factories import make_event, make_registration

pytestmark = pytest.mark.django_db
PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def test_editor_creates_an_event_in_the_organisers_local_time(editor: Client) -> None:
    response = editor.post(
        "/en/events/staff/new/",
        {
            "slug": "new-webinar", "status": "published", "format": "online", "time_zone": "Europe/Paris",
            "language_order": "fr,en", "working_languages": "fr", "title_en": "New webinar",
            "recording_policy": "none", "starts_local": "2027-10-26T16:00", "ends_local": "2027-10-26T18:00",
        },
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    event = Event.objects.get(slug="new-webinar")
    assert event.starts_at.astimezone(PARIS).hour == 16
    assert event.starts_at.astimezone(datetime.UTC).hour == 14  # CEST until 31 October 2027
    assert AuditEntry.objects.filter(action="events.event.created").exists()


def test_duplicating_copies_the_programme_and_moves_it_to_the_new_date(editor: Client) -> None:
    event = make_event(title_en="Workshop 4", number=4)
    part = ProgrammeItem.objects.create(event=event, kind="part", order=1, title_en="Part one")
    talk = ProgrammeItem.objects.create(event=event, parent=part, order=1, title_en="A talk")
    Contribution.objects.create(
        event=event, item=talk, person=Person.objects.create(name="Speaker")
    )
    RegistrationQuestion.objects.create(
        event=event, kind="consent", label_en="I agree", required=True
    )
    make_registration(event, "Ana")
    response = editor.post(
        f"/en/events/staff/{event.slug}/duplicate/",
        {"slug": "workshop-5", "starts_local": "2030-05-20T16:00"},
    )
    assert response.status_code == 302
    copy = Event.objects.get(slug="workshop-5")
    assert (copy.status, copy.number, copy.title_en) == ("draft", 5, "Workshop 4")
    assert copy.starts_at == datetime.datetime(2030, 5, 20, 16, tzinfo=PARIS)
    assert copy.ends_at - copy.starts_at == event.ends_at - event.starts_at
    copied_talk = copy.programme.get(title_en="A talk")
    assert copied_talk.parent == copy.programme.get(title_en="Part one")
    assert copied_talk.contributions.get().person.name == "Speaker"
    assert copy.questions.count() == 1 and copy.registrations.count() == 0


def test_csv_export_lists_registrants_with_their_answers(editor: Client) -> None:
    event = make_event()
    question = RegistrationQuestion.objects.create(
        event=event, kind="choice", label_en="Language", choices_en="English\nSpanish"
    )
    make_registration(
        event, "Ana", answers={str(question.pk): "1"}, organisation="Example Collective (fictional)"
    )
    response = editor.get(f"/en/events/staff/{event.slug}/registrations.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert rows[0]["email"] == "ana@example.org"
    assert rows[0]["Language"] == "Spanish"
    assert rows[0]["status"] == "confirmed"


def test_csv_export_neutralises_a_registrant_name_that_is_a_formula(editor: Client) -> None:
    event = make_event()
    make_registration(
        event,
        '=HYPERLINK("http://e.x","X")',
        email="mallory@example.org",
        organisation="@SUM(1+1)",
    )
    response = editor.get(f"/en/events/staff/{event.slug}/registrations.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert rows[0]["name"] == '\'=HYPERLINK("http://e.x","X")'
    assert rows[0]["organisation"] == "'@SUM(1+1)"
    assert rows[0]["email"] == "mallory@example.org"


def test_emailing_registrants_sends_one_message_each_to_the_chosen_statuses(editor: Client) -> None:
    event = make_event()
    make_registration(event, "Ana")
    make_registration(event, "Ben", status="waiting")
    make_registration(event, "Cleo", status="cancelled")
    editor.post(
        f"/en/events/staff/{event.slug}/email/",
        {
            "statuses": ["confirmed", "waiting"],
            "subject": "Change of room",
            "body": "We move to room 2.",
        },
    )
    assert sorted(message.to[0] for message in mail.outbox) == [
        "ana@example.org",
        "ben@example.org",
    ]
    assert all("/events/registration/" in message.body for message in mail.outbox)


def test_marking_attendance(editor: Client) -> None:
    event = make_event()
    ana, ben = make_registration(event, "Ana"), make_registration(event, "Ben")
    editor.post(f"/en/events/staff/{event.slug}/attendance/", {"present": [str(ana.pk)]})
    ana.refresh_from_db()
    ben.refresh_from_db()
    assert (ana.attended, ben.attended) == (True, False)


def test_attaching_a_material_and_the_recording(editor: Client) -> None:
    event = make_event()
    editor.post(
        f"/en/events/staff/{event.slug}/materials/",
        {"material-title": "Slides", "material-url": "https://example.org/slides.pdf"},
    )
    editor.post(
        f"/en/events/staff/{event.slug}/materials/",
        {
            "recording-recording_policy": "public",
            "recording-recording_url": "https://example.org/video",
        },
    )
    event.refresh_from_db()
    assert event.materials.get().url == "https://example.org/slides.pdf"
    assert event.recording_url == "https://example.org/video"
    page = Client().get(f"/en/events/{event.slug}/").content.decode()
    assert "https://example.org/slides.pdf" in page and "https://example.org/video" in page


def test_an_internal_recording_is_not_published() -> None:
    event = make_event(
        recording_policy="internal", recording_url="https://example.org/private-video"
    )
    page = Client().get(f"/en/events/{event.slug}/").content.decode()
    assert "private-video" not in page
    assert "recorded for the organisers only" in page


def test_an_event_cannot_take_a_reserved_address(editor: Client) -> None:
    response = editor.post("/en/events/staff/new/", {"slug": "staff", "title_en": "Clash"})
    assert "staff is reserved" in response.content.decode()
    assert not Event.objects.filter(slug="staff").exists()


def test_a_copy_cannot_take_a_reserved_or_used_address(editor: Client) -> None:
    event = make_event(slug="workshop-4")
    make_event(slug="workshop-5")
    for slug, error in [("mine", "mine is reserved"), ("workshop-5", "already exists")]:
        response = editor.post(
            f"/en/events/staff/{event.slug}/duplicate/",
            {"slug": slug, "starts_local": "2030-05-20T16:00"},
        )
        assert error in response.content.decode()
    assert Event.objects.count() == 2


@pytest.mark.usefixtures("template_context")
def test_staff_registrations_come_a_page_at_a_time_with_a_status_filter(
    client: Client,
) -> None:
    event = make_event()
    for number in range(53):
        make_registration(event, name=f"Person {number:02d}")
    make_registration(event, name="Waiting person", status="waiting")
    client.force_login(make_user("page-editor", role="editor"))
    address = reverse("events:staff_registrations", args=[event.slug])
    first = client.get(address)
    assert len(first.context["rows"]) == 50 and "54 rows in all" in first.content.decode()
    second = client.get(address, {"page": "2"})
    assert [r.name for r, _answers in second.context["rows"]] == [
        "Person 50",
        "Person 51",
        "Person 52",
        "Waiting person",
    ]
    waiting = client.get(address, {"status": "waiting"})
    assert [r.name for r, _answers in waiting.context["rows"]] == ["Waiting person"]
    assert 'value="waiting" selected' in waiting.content.decode()
