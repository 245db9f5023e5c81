"""The event pages' writes through the API: same form, same service, same audit."""

import datetime

import pytest
from django.test import Client

from vigie.core.models import AuditEntry
from vigie.core.tests.factories import make_user
from vigie.events.models import Contribution, Event, Material, ProgrammeItem
from vigie.events.tests.factories import make_event
from vigie.workspace.tests.api_clients import (
    assert_refused_to_others,
    editor_caller,
    refused_fields,
)

pytestmark = pytest.mark.django_db

NEW_EVENT = {
    "slug": "workshop-5",
    "status": "published",
    "format": "online",
    "time_zone": "Europe/Paris",
    "language_order": "fr,en",
    "title_en": "Workshop 5",
    "title_fr": "Atelier 5",
    "starts_local": "2031-04-28T16:00",
    "ends_local": "2031-04-28T18:00",
    "recording_policy": "none",
}


def test_an_editor_token_creates_an_event_seen_by_the_public_api_and_audited() -> None:
    response = editor_caller().call("post", "/api/v1/events/events", NEW_EVENT)
    assert response.status_code == 201, response.content
    event = Event.objects.get(slug="workshop-5")
    assert event.starts_at.isoformat() == "2031-04-28T14:00:00+00:00"  # 16:00 in Paris (CEST)
    public = Client().get("/api/v1/events/events/workshop-5").json()
    assert public["title_fr"] == "Atelier 5"
    entry = AuditEntry.objects.get(action="events.event.created")
    assert entry.actor is not None and entry.actor.username == "api-editor"


def test_creating_an_event_is_refused_to_members_revoked_tokens_and_anonymous() -> None:
    assert_refused_to_others("post", "/api/v1/events/events", NEW_EVENT)
    assert not Event.objects.exists()


def test_bad_input_names_the_field_and_writes_nothing() -> None:
    caller = editor_caller()
    ends_first = {**NEW_EVENT, "ends_local": "2031-04-28T15:00"}
    assert refused_fields(caller.call("post", "/api/v1/events/events", ends_first)) == {
        "ends_local"
    }
    unknown_zone = {**NEW_EVENT, "time_zone": "Mars/Olympus"}
    assert "time_zone" in refused_fields(caller.call("post", "/api/v1/events/events", unknown_zone))
    not_a_date = {**NEW_EVENT, "starts_local": "next tuesday"}
    assert "starts_local" in refused_fields(
        caller.call("post", "/api/v1/events/events", not_a_date)
    )
    in_french = caller.call("post", "/api/v1/events/events", ends_first, language="fr")
    assert in_french.json()["detail"][0]["msg"] == "L’événement doit se terminer après son début."
    assert not Event.objects.exists()
    assert not AuditEntry.objects.exists()


def test_a_session_editor_writes_with_the_csrf_token_only() -> None:
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(make_user("desk", role="editor"))
    without = browser.post("/api/v1/events/events", NEW_EVENT, content_type="application/json")
    assert without.status_code == 403
    browser.get("/en/staff/")  # the site sets its CSRF cookie
    token = browser.cookies["csrftoken"].value
    with_token = browser.post(
        "/api/v1/events/events",
        NEW_EVENT,
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )
    assert with_token.status_code == 201, with_token.content


def test_duplicate_and_the_programme_builder_through_the_api() -> None:
    caller = editor_caller()
    event = make_event(slug="workshop-4")
    base = "/api/v1/events/events/workshop-4/programme"
    local = event.starts_at.astimezone(event.zone).replace(tzinfo=None)
    part = caller.call("post", base, {"kind": "part", "title_en": "Opening"})
    assert part.status_code == 201, part.content
    talks = [
        caller.call(
            "post",
            base,
            {
                "kind": "talk",
                "parent": part.json()["id"],
                "title_en": title,
                "starts_local": local.isoformat(),
            },
        ).json()["id"]
        for title in ("First", "Second")
    ]
    moved = caller.call("post", f"{base}/{talks[1]}/move", {"direction": "up"})
    assert moved.status_code == 200 and moved.json()["order"] == 0
    programme = Client().get("/api/v1/events/events/workshop-4").json()["programme"]
    assert [item["title_en"] for item in programme] == ["Opening", "Second", "First"]
    assert caller.call("delete", f"{base}/{talks[0]}").status_code == 204
    assert not ProgrammeItem.objects.filter(pk=talks[0]).exists()
    copy = caller.call(
        "post",
        "/api/v1/events/events/workshop-4/duplicate",
        {"slug": "workshop-5", "starts_local": "2031-05-05T16:00"},
    )
    assert copy.status_code == 201 and copy.json()["status"] == "draft"
    assert ProgrammeItem.objects.filter(event__slug="workshop-5").count() == 2


def test_the_programme_refuses_a_time_outside_the_event_at_its_field() -> None:
    caller = editor_caller()
    make_event(slug="workshop-4")
    body = {"kind": "talk", "title_en": "Late", "starts_local": "2000-01-01T10:00"}
    response = caller.call("post", "/api/v1/events/events/workshop-4/programme", body)
    assert refused_fields(response) == {"starts_local"}
    assert not ProgrammeItem.objects.exists()
    bad_move = caller.call(
        "post", "/api/v1/events/events/workshop-4/programme/999/move", {"direction": "up"}
    )
    assert bad_move.status_code == 404
    assert_refused_to_others("post", "/api/v1/events/events/workshop-4/programme", body)
    assert_refused_to_others("post", "/api/v1/events/events/workshop-4/duplicate", {})


@pytest.mark.usefixtures("template_context")
def test_the_staff_form_shows_an_event_ending_before_it_starts_at_the_field() -> None:
    """The model's own check named ``ends_at``, which the form does not have: it was a 500."""
    browser = Client()
    browser.force_login(make_user("desk", role="editor"))
    form = {**NEW_EVENT, "ends_local": "2031-04-28T15:00", "working_languages": "en"}
    response = browser.post("/en/events/staff/new/", form)
    assert response.status_code == 200
    assert response.context["form"].errors["ends_local"]
    assert not Event.objects.exists()


def test_an_editor_changes_an_event_and_what_is_left_out_keeps_its_value() -> None:
    caller = editor_caller()
    event = make_event(slug="workshop-4", title_en="Workshop 4", title_fr="Atelier 4")
    starts = event.starts_at
    path = "/api/v1/events/events/workshop-4"
    response = caller.call("patch", path, {"title_en": "Workshop four"})
    assert response.status_code == 200, response.content
    public = Client().get(path).json()
    assert public["title_en"] == "Workshop four"
    assert public["title_fr"] == "Atelier 4"
    event.refresh_from_db()
    assert event.starts_at == starts
    entry = AuditEntry.objects.get(action="events.event.changed")
    assert "title_en" in entry.changes["fields"]
    assert entry.actor is not None and entry.actor.username == "api-editor"
    assert_refused_to_others("patch", path, {"title_en": "Hijacked"})
    local = starts.astimezone(event.zone).replace(tzinfo=None)
    before = (local - datetime.timedelta(hours=1)).isoformat()
    assert refused_fields(caller.call("patch", path, {"ends_local": before})) == {"ends_local"}
    event.refresh_from_db()
    assert event.title_en == "Workshop four" and event.ends_at > event.starts_at
    assert AuditEntry.objects.filter(action="events.event.changed").count() == 1


def test_materials_and_the_recording_through_the_api() -> None:
    caller = editor_caller()
    make_event(slug="workshop-4")
    base = "/api/v1/events/events/workshop-4"
    slides = {"title": "Slides", "url": "https://example.org/slides.pdf"}
    response = caller.call("post", f"{base}/materials", slides)
    assert response.status_code == 201, response.content
    page = Client().get("/en/events/workshop-4/")
    assert b"https://example.org/slides.pdf" in page.content
    assert refused_fields(caller.call("post", f"{base}/materials", {"title": "Nothing"})) == {
        "__all__"
    }
    assert "url" in refused_fields(
        caller.call("post", f"{base}/materials", {"title": "Bad", "url": "not a url"})
    )
    assert Material.objects.count() == 1
    assert_refused_to_others("post", f"{base}/materials", slides)
    recording = {"recording_policy": "public", "recording_url": "https://example.org/video"}
    assert caller.call("post", f"{base}/recording", recording).status_code == 200
    assert Client().get(base).json()["recording_url"] == "https://example.org/video"
    wrong = {"recording_policy": "public", "recording_url": "ftp:/nowhere here"}
    assert refused_fields(caller.call("post", f"{base}/recording", wrong)) == {"recording_url"}
    assert Client().get(base).json()["recording_url"] == "https://example.org/video"
    assert_refused_to_others("post", f"{base}/recording", recording)
    assert AuditEntry.objects.filter(action="events.recording.set").count() == 1


def test_crediting_a_speaker_and_a_moderator_and_removing_a_credit() -> None:
    caller = editor_caller()
    event = make_event(slug="workshop-4")
    talk = ProgrammeItem.objects.create(event=event, kind="talk", title_en="Opening")
    base = "/api/v1/events/events/workshop-4/credits"
    speaker = caller.call(
        "post",
        base,
        {"role": "speaker", "item": talk.pk, "new_name": "Ada Example", "new_affiliation": "X"},
    )
    assert speaker.status_code == 201, speaker.content
    moderator = caller.call("post", base, {"role": "moderator", "person": speaker.json()["person"]})
    assert moderator.status_code == 201, moderator.content
    public = Client().get("/api/v1/events/events/workshop-4").json()
    assert [p["name"] for p in public["moderators"]] == ["Ada Example"]
    assert [p["name"] for p in public["programme"][0]["speakers"]] == ["Ada Example"]
    again = caller.call("post", base, {"role": "speaker", "item": talk.pk, "new_name": ""})
    assert refused_fields(again) == {"person"}
    other = make_event(slug="workshop-9")
    elsewhere = ProgrammeItem.objects.create(event=other, kind="talk", title_en="Elsewhere")
    assert "item" in refused_fields(
        caller.call("post", base, {"role": "speaker", "item": elsewhere.pk, "new_name": "B"})
    )
    assert Contribution.objects.count() == 2
    assert_refused_to_others("post", base, {"role": "moderator", "new_name": "Intruder"})
    credit = speaker.json()["id"]
    assert_refused_to_others("delete", f"{base}/{credit}")
    assert (
        caller.call("delete", f"/api/v1/events/events/workshop-9/credits/{credit}").status_code
        == 404
    )
    assert caller.call("delete", f"{base}/{credit}").status_code == 204
    public = Client().get("/api/v1/events/events/workshop-4").json()
    assert public["programme"][0]["speakers"] == []
    assert AuditEntry.objects.filter(action="events.contribution.removed").count() == 1
