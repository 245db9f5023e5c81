"""Staff create and change pages made with ``vigie.core.staff_forms`` (issue 15): languages side
by side, refusals at the field in the reader's language with what was typed kept, audited saves."""

from typing import Any

import pytest
from django.test import Client

from vigie.core.models import AuditEntry
from vigie.core.tests.factories import make_user
from vigie.events.models import RegistrationQuestion
from vigie.events.tests.factories import make_event
from vigie.surveys.models import Survey
from vigie.un.models import Forum, Session


@pytest.fixture
def editor(db: Any) -> Client:
    client = Client()
    client.force_login(make_user("editor", role="editor"))
    return client


def _session_post(**changes: str) -> dict[str, str]:
    forum = Forum.objects.order_by("pk")[0]
    return {
        "forum": str(forum.pk),
        "label": "CND 70",
        "number": "70",
        "start_date": "2027-03-10",
        "end_date": "2027-03-14",
        "place": "Vienna",
        **changes,
    }


def test_a_bad_value_is_refused_at_its_field_in_french_keeping_what_was_typed(
    editor: Client,
) -> None:
    response = editor.post(
        "/fr/un/staff/sessions/new/", _session_post(label="Session typée", end_date="2027-03-01")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "La session doit se terminer le jour de son début ou après." in html
    assert 'value="Session typée"' in html
    assert 'value="2027-03-01"' in html
    assert not Session.objects.filter(label="Session typée").exists()


def test_a_saved_record_is_audited_with_its_changed_fields(editor: Client) -> None:
    response = editor.post("/en/un/staff/sessions/new/", _session_post())
    session = Session.objects.get(label="CND 70")
    assert response.status_code == 302
    assert response["Location"] == f"/en/un/staff/sessions/{session.pk}/edit/"
    created = AuditEntry.objects.get(object_type="un.session", object_id=str(session.pk))
    assert created.action == "un.session.created"
    assert "place" in created.changes["fields"]
    editor.post(f"/en/un/staff/sessions/{session.pk}/edit/", _session_post(place="Geneva"))
    session.refresh_from_db()
    assert session.place == "Geneva"
    changed = AuditEntry.objects.filter(action="un.session.changed", object_id=str(session.pk))
    assert [entry.changes["fields"] for entry in changed] == [["place"]]


def test_translated_texts_sit_side_by_side_the_readers_language_first(editor: Client) -> None:
    html = editor.get("/es/surveys/staff/surveys/new/").content.decode()
    row = html[html.index('class="language-row"') :]
    row = row[: row.index("</fieldset>")]
    assert (
        row.index('name="title_es"') < row.index('name="title_en"') < row.index('name="title_fr"')
    )


def test_a_survey_is_created_with_its_three_titles(editor: Client) -> None:
    data = {
        "slug": "media-2027",
        "title_en": "Media survey",
        "title_fr": "Enquête médias",
        "title_es": "Encuesta de medios",
    }
    assert editor.post("/en/surveys/staff/surveys/new/", data).status_code == 302
    assert Survey.objects.get(slug="media-2027").title_fr == "Enquête médias"


def test_staff_add_a_registration_question_that_the_public_form_asks(editor: Client) -> None:
    event = make_event(status="published")
    url = f"/en/events/staff/{event.slug}/questions/"
    refused = editor.post(url, {"kind": "choice", "order": "10", "label_en": "Meal?"})
    assert "A question with choices needs at least one choice." in refused.content.decode()
    response = editor.post(
        url,
        {
            "kind": "choice",
            "order": "10",
            "label_en": "Meal?",
            "label_fr": "Repas ?",
            "choices_en": "Vegetarian\nAny",
            "required": "on",
        },
    )
    assert response.status_code == 302
    question = RegistrationQuestion.objects.get(event=event)
    assert question.required and question.label_fr == "Repas ?"
    assert "Meal?" in Client().get(f"/en/events/{event.slug}/register/").content.decode()
    assert AuditEntry.objects.filter(action="events.registrationquestion.created").exists()
