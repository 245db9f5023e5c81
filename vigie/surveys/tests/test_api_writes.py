"""A survey round run through the API, draft to published, as on the staff pages."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from vigie.core.models import AuditEntry
from vigie.core.tests.factories import make_user
from vigie.network.tests.factories import make_organisation
from vigie.surveys.models import Invitation, Round, SurveyVersion
from vigie.surveys.tests.helpers import make_media_round
from vigie.workspace.tests.api_clients import (
    assert_refused_to_others,
    editor_caller,
    refused_fields,
)

pytestmark = pytest.mark.django_db


def _new_round(version: int, name: str = "2026") -> dict[str, object]:
    today = timezone.localdate()
    return {
        "version": version,
        "name": name,
        "opens_on": today.isoformat(),
        "closes_on": (today + datetime.timedelta(days=30)).isoformat(),
    }


@pytest.mark.usefixtures("template_context")
def test_a_round_runs_from_draft_to_published_through_the_api() -> None:
    version = make_media_round("2024").version
    make_organisation("Member One (fictional)")
    caller = editor_caller()
    created = caller.call("post", "/api/v1/surveys/rounds", _new_round(version.pk))
    assert created.status_code == 201, created.content
    round_id = created.json()["id"]
    assert created.json()["status"] == "draft"
    results = f"/en/surveys/rounds/{round_id}/results/"
    assert Client().get(results).context["published"] is False  # results: not public yet
    status = f"/api/v1/surveys/rounds/{round_id}/status"
    assert caller.call("post", status, {"action": "open"}).json()["status"] == "open"
    invited = caller.call("post", f"/api/v1/surveys/rounds/{round_id}/invitations")
    assert invited.status_code == 200 and invited.json()["count"] >= 1
    assert (
        invited.json()["round"]["invited"] == Invitation.objects.filter(round_id=round_id).count()
    )
    reminded = caller.call("post", f"/api/v1/surveys/rounds/{round_id}/reminders")
    assert reminded.status_code == 200 and reminded.json()["count"] == invited.json()["count"]
    assert caller.call("post", status, {"action": "close"}).json()["status"] == "closed"
    assert caller.call("post", status, {"action": "publish"}).json()["status"] == "published"
    assert Client().get(results).context["published"] is True
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"surveys.round.created", "surveys.round.open", "surveys.round.publish"} <= actions


def test_bad_rounds_and_moves_are_refused_naming_the_field() -> None:
    version = make_media_round("2024").version
    caller = editor_caller()
    backwards = {**_new_round(version.pk), "closes_on": "2000-01-01"}
    assert refused_fields(caller.call("post", "/api/v1/surveys/rounds", backwards)) == {"closes_on"}
    assert "version" in refused_fields(
        caller.call("post", "/api/v1/surveys/rounds", _new_round(999_999))
    )
    taken = _new_round(version.pk, name="2024")  # the helper's round already has this name
    assert refused_fields(caller.call("post", "/api/v1/surveys/rounds", taken)) == {"name"}
    assert Round.objects.count() == 1
    draft = caller.call("post", "/api/v1/surveys/rounds", _new_round(version.pk)).json()["id"]
    skip = caller.call("post", f"/api/v1/surveys/rounds/{draft}/status", {"action": "publish"})
    assert skip.status_code == 400 and skip.json()["detail"]
    assert Round.objects.get(pk=draft).status == "draft"
    early = caller.call("post", f"/api/v1/surveys/rounds/{draft}/invitations")
    assert early.status_code == 400 and not Invitation.objects.filter(round_id=draft).exists()


def test_survey_writes_are_refused_to_members_revoked_tokens_and_anonymous() -> None:
    version = make_media_round("2024").version
    round_id = Round.objects.get().pk
    assert_refused_to_others("post", "/api/v1/surveys/rounds", _new_round(version.pk))
    assert_refused_to_others(
        "post", f"/api/v1/surveys/rounds/{round_id}/status", {"action": "open"}
    )
    assert_refused_to_others("post", f"/api/v1/surveys/rounds/{round_id}/reminders")
    assert Round.objects.count() == 1


def _editor_page(path: str) -> str:
    browser = Client()
    browser.force_login(make_user("desk", role="editor"))
    response = browser.get(path)
    assert response.status_code == 200
    return response.content.decode()


QUESTION = {
    "code": "reach",
    "kind": "single",
    "text_en": "How far does coverage reach?",
    "text_fr": "Jusqu’où va la couverture ?",
    "text_es": "¿Hasta dónde llega la cobertura?",
    "choices": "local | Local | Locale | Local\nnational | National | Nationale | Nacional",
}


def test_a_new_version_copies_the_latest_and_its_questions_are_edited_through_the_api() -> None:
    answered = make_media_round("2024", open_now=True).version
    caller = editor_caller()
    closed = caller.call("post", f"/api/v1/surveys/versions/{answered.pk}/questions", QUESTION)
    assert closed.status_code == 400  # organisations have answered it: a new version is needed
    created = caller.call("post", "/api/v1/surveys/surveys/media-support/versions")
    assert created.status_code == 201, created.content
    version = created.json()
    assert version["number"] == 2
    assert [q["code"] for q in version["questions"]] == [
        q.code for q in answered.questions.order_by("position")
    ]
    added = caller.call("post", f"/api/v1/surveys/versions/{version['id']}/questions", QUESTION)
    assert added.status_code == 201, added.content
    assert added.json()["position"] == len(version["questions"]) + 1
    assert [c["code"] for c in added.json()["choices"]] == ["local", "national"]
    changed = caller.call(
        "patch", f"/api/v1/surveys/questions/{added.json()['id']}", {"text_en": "How far?"}
    )
    assert changed.status_code == 200, changed.content
    assert changed.json()["text_fr"] == QUESTION["text_fr"]
    assert [c["code"] for c in changed.json()["choices"]] == ["local", "national"]
    page = _editor_page(f"/en/surveys/versions/{version['id']}/")
    assert "How far?" in page
    assert AuditEntry.objects.filter(action="surveys.question.saved").count() == 2
    assert AuditEntry.objects.get(action="surveys.version.created").actor.username == "api-editor"


def test_a_question_refused_at_its_field_and_to_members() -> None:
    version = make_media_round("2024").version
    caller = editor_caller()
    path = f"/api/v1/surveys/versions/{version.pk}/questions"
    one_choice = {**QUESTION, "choices": "local | Local | Locale | Local"}
    assert refused_fields(caller.call("post", path, one_choice)) == {"choices"}
    taken = {**QUESTION, "code": "where"}
    assert refused_fields(caller.call("post", path, taken)) == {"code"}
    before = version.questions.count()
    assert_refused_to_others("post", path, QUESTION)
    assert_refused_to_others("post", "/api/v1/surveys/surveys/media-support/versions")
    first = version.questions.order_by("position").first()
    assert first is not None
    assert_refused_to_others("patch", f"/api/v1/surveys/questions/{first.pk}", {"text_en": "x"})
    bad_range = {"kind": "number", "min_value": 5, "max_value": 1}
    assert refused_fields(
        caller.call("patch", f"/api/v1/surveys/questions/{first.pk}", bad_range)
    ) == {"max_value"}
    assert version.questions.count() == before
    first.refresh_from_db()
    assert first.kind == "single" and first.text_en != "x"
    assert not SurveyVersion.objects.filter(number=2).exists()
    assert not AuditEntry.objects.filter(action__startswith="surveys.question").exists()
