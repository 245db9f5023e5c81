"""Rounds staff run without the admin: draft → open → closed → published, and the question
editor of a new version (skip logic, three languages)."""

import datetime

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation

from vigie.core.freshness import data_version
from vigie.core.tests.factories import make_user
from vigie.network.models import ConsentRecord, Contact
from vigie.network.tests.factories import make_member, make_organisation
from vigie.surveys import disclosure, services
from vigie.surveys.errors import SurveyError
from vigie.surveys.models import Round, RoundStatus, SurveyQuestion
from vigie.surveys.tests.helpers import make_media_round

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


def _editor() -> Client:
    client = Client()
    client.force_login(make_user("editor", role="editor"))
    return client


def _draft() -> Round:
    version = make_media_round("2022").version
    return services.create_round(
        version_id=version.pk,
        name="2026",
        opens_on=TODAY,
        closes_on=TODAY + datetime.timedelta(days=30),
    )


def test_a_round_moves_draft_open_closed_published_and_no_other_way() -> None:
    round_ = _draft()
    assert round_.status == RoundStatus.DRAFT and not round_.is_open()
    with pytest.raises(SurveyError):
        services.change_round_status(round_id=round_.pk, action="publish")
    with pytest.raises(SurveyError):
        services.change_round_status(round_id=round_.pk, action="close")
    round_ = services.change_round_status(round_id=round_.pk, action="open")
    assert round_.is_open() and not disclosure.is_public(round_)
    with pytest.raises(SurveyError):
        services.change_round_status(round_id=round_.pk, action="open")
    round_ = services.change_round_status(round_id=round_.pk, action="close")
    assert round_.is_closed() and round_.closes_on == TODAY
    assert not disclosure.is_public(round_)  # closed is not yet published
    round_ = services.change_round_status(round_id=round_.pk, action="publish")
    assert disclosure.is_public(round_)
    with pytest.raises(SurveyError):
        services.change_round_status(round_id=round_.pk, action="open")


def test_a_draft_round_takes_no_invitation_nor_answer() -> None:
    round_ = _draft()
    organisation = make_organisation()
    with pytest.raises(SurveyError):
        services.invite_organisations(round_id=round_.pk, organisation_ids=[organisation.pk])
    assert not round_.invitations.exists()


def test_opening_then_inviting_mails_a_personal_link_and_counts_follow() -> None:
    round_ = _draft()
    organisation = make_organisation()
    contact = Contact.objects.create(organisation=organisation, name="C", email="c@example.org")
    ConsentRecord.objects.create(
        contact=contact, purpose="surveys", granted=True, recorded_on=TODAY
    )
    services.change_round_status(round_id=round_.pk, action="open")
    assert (
        services.invite_organisations(round_id=round_.pk, organisation_ids=[organisation.pk]) == 1
    )
    assert len(mail.outbox) == 1 and "/surveys/answer/" in mail.outbox[0].body
    assert services.count_round_responses(round_.pk) == {"invited": 1, "started": 0, "submitted": 0}
    invitation = round_.invitations.get()
    services.save_answers(
        invitation_id=invitation.pk, answers={"media_support_change": "same"}, submit=True
    )
    assert services.count_round_responses(round_.pk)["submitted"] == 1
    assert services.send_reminders(round_id=round_.pk) == 0  # nobody left to remind


def test_the_staff_page_refuses_an_invalid_move_with_a_message() -> None:
    round_ = _draft()
    client = _editor()
    url = reverse("surveys:round_status", args=[round_.pk])
    page = client.post(url, {"action": "publish"}, follow=True).content.decode()
    assert "cannot be moved" in page
    assert Round.objects.get(pk=round_.pk).status == RoundStatus.DRAFT


def test_members_cannot_run_rounds_nor_read_counts() -> None:
    round_ = _draft()
    client = Client()
    client.force_login(make_member("member", make_organisation()))
    status = client.post(reverse("surveys:round_status", args=[round_.pk]), {"action": "open"})
    assert status.status_code in (302, 403)
    assert Round.objects.get(pk=round_.pk).status == RoundStatus.DRAFT
    counts = client.get(reverse("surveys:round_counts", args=[round_.pk]))
    assert counts.status_code in (302, 403)


def test_new_round_form_errors_are_at_the_field_in_french_and_keep_the_input() -> None:
    version = make_media_round("2022").version
    client = _editor()
    with translation.override("fr"):
        url = reverse("surveys:staff")
    page = client.post(
        url,
        {
            "version": version.pk,
            "name": "Round typed here",
            "opens_on": "2026-05-10",
            "closes_on": "2026-05-01",
        },
    ).content.decode()
    assert "La vague doit fermer le jour de son ouverture ou après." in page
    assert 'value="Round typed here"' in page
    assert not Round.objects.filter(name="Round typed here").exists()


def test_a_new_version_copies_the_questions_with_their_skip_logic() -> None:
    version = make_media_round("2022").version
    copy = services.new_version(survey_id=version.survey_id)
    where = copy.questions.get(code="where")
    assert copy.number == version.number + 1
    assert where.show_if is not None and where.show_if.version == copy
    assert where.show_if.choices.count() == 3


def test_the_question_editor_checks_skip_logic_and_choices_at_the_field() -> None:
    version = make_media_round("2022").version
    copy = services.new_version(survey_id=version.survey_id)
    parent = copy.questions.get(code="media_support_change")
    client = _editor()
    url = reverse("surveys:version_edit", args=[copy.pk])
    data = {
        "code": "channel",
        "position": 9,
        "kind": "single",
        "text_en": "Which channel?",
        "text_fr": "Quel canal ?",
        "text_es": "¿Qué canal?",
        "required": "on",
        "show_if": parent.pk,
        "show_if_values": "increased, unknown",
        "choices": "tv | TV | Télévision | Televisión\nradio | Radio",
    }
    page = client.post(url, data).content.decode()
    assert "These are not choices of that question: unknown." in page
    assert "Line 2: give a code and the label in English, French and Spanish." in page
    assert "Quel canal ?" in page  # what was typed is kept
    assert not SurveyQuestion.objects.filter(version=copy, code="channel").exists()
    data["show_if_values"] = "increased"
    data["choices"] = "tv | TV | Télévision | Televisión\nradio | Radio | Radio | Radio"
    assert client.post(url, data).status_code == 302
    question = SurveyQuestion.objects.get(version=copy, code="channel")
    assert question.text_fr == "Quel canal ?" and question.show_if == parent
    assert list(question.choices.values_list("code", flat=True)) == ["tv", "radio"]


def test_a_version_answered_in_an_open_round_can_no_longer_be_edited() -> None:
    round_ = _draft()
    services.change_round_status(round_id=round_.pk, action="open")
    question = round_.version.questions.get(code="requests")
    with pytest.raises(SurveyError):
        services.delete_question(question_id=question.pk)
    page = (
        _editor()
        .post(reverse("surveys:question_delete", args=[question.pk]), follow=True)
        .content.decode()
    )
    assert "make a new version" in page
    assert SurveyQuestion.objects.filter(pk=question.pk).exists()


def test_rounds_and_questions_written_by_staff_record_a_change_of_facts() -> None:
    """Rounds and questions are shown on public pages once published: each write moves the data
    version, so no cached page computed before it is served (vigie.core.freshness)."""
    before = data_version()
    round_ = _draft()
    assert data_version() > before
    before = data_version()
    version = services.new_version(survey_id=round_.version.survey_id)
    assert data_version() > before
    question = version.questions.order_by("position").first()
    assert question is not None
    before = data_version()
    services.save_question(question=question, choices=[])
    assert data_version() > before
    before = data_version()
    services.delete_question(question_id=question.pk)
    assert data_version() > before
