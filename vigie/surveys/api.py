"""API of the staff survey tasks: create a round, open, close and publish it, invite the
member organisations, send reminders; a new questionnaire version and its questions. Each is validated and saved as on the staff pages
(``vigie.core.api_forms``); the published results stay on their public page."""

import datetime

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from pydantic import Field

from vigie.core.api_auth import api_actor
from vigie.core.api_forms import (
    api_write,
    bind_form,
    body_of,
    form_schema,
    staff_write,
)
from vigie.network.queries import list_member_organisations
from vigie.surveys import services
from vigie.surveys.forms import SurveyQuestionForm, SurveyRoundForm
from vigie.surveys.models import Round, Survey, SurveyQuestion, SurveyVersion

router = Router(tags=["surveys"])

RoundIn = form_schema("RoundIn", SurveyRoundForm())


class RoundOut(Schema):
    id: int
    version: int
    name: str
    status: str
    opens_on: datetime.date
    closes_on: datetime.date
    invited: int
    started: int
    submitted: int


class RoundStatusIn(Schema):
    action: str = Field(
        ...,
        description="`open` (a draft, dated from today), `close` (an open round, its personal "
        "links then expire) or `publish` (a closed round: its results page becomes public).",
    )


class SentOut(Schema):
    count: int = Field(..., description="Invitations created, or reminders sent.")
    round: RoundOut


def _round_out(round_: Round) -> RoundOut:
    return RoundOut(
        id=round_.pk,
        version=round_.version_id,
        name=round_.name,
        status=round_.status,
        opens_on=round_.opens_on,
        closes_on=round_.closes_on,
        **services.count_round_responses(round_.pk),
    )


@staff_write(
    router.post,
    "/rounds",
    name="create_round",
    summary="Create a survey round (in draft) of a survey version",
    out=RoundOut,
    status=201,
)
def create_round(request: HttpRequest, payload: RoundIn) -> tuple[int, RoundOut]:  # type: ignore[valid-type]
    with api_write():
        round_ = bind_form(SurveyRoundForm, payload).create(actor=api_actor(request))
    return 201, _round_out(round_)


@staff_write(
    router.post,
    "/rounds/{round_id}/status",
    name="change_round_status",
    summary="Open, close or publish a survey round (one step at a time)",
    out=RoundOut,
)
def change_round_status(request: HttpRequest, round_id: int, payload: RoundStatusIn) -> RoundOut:
    round_ = get_object_or_404(Round, pk=round_id)
    with api_write():
        round_ = services.change_round_status(
            round_id=round_.pk, action=payload.action, actor=api_actor(request)
        )
    return _round_out(round_)


@staff_write(
    router.post,
    "/rounds/{round_id}/invitations",
    name="invite_round",
    summary="Invite every member organisation to an open round (once each)",
    out=SentOut,
)
def invite(request: HttpRequest, round_id: int) -> SentOut:
    round_ = get_object_or_404(Round, pk=round_id)
    ids = [row["id"] for row in list_member_organisations()]
    with api_write():
        count = services.invite_organisations(
            round_id=round_.pk, organisation_ids=ids, actor=api_actor(request)
        )
    return SentOut(count=count, round=_round_out(round_))


@staff_write(
    router.post,
    "/rounds/{round_id}/reminders",
    name="remind_round",
    summary="Remind the invited organisations that have not submitted (at most once a week)",
    out=SentOut,
)
def remind(request: HttpRequest, round_id: int) -> SentOut:
    round_ = get_object_or_404(Round, pk=round_id)
    with api_write():
        count = services.send_reminders(round_id=round_.pk, actor=api_actor(request))
    return SentOut(count=count, round=_round_out(round_))


# The questionnaire: a new version (a copy of the latest) and the question editor's form.

# Documented from the form of no version in particular (its fields are the same for every one).
_NO_VERSION = SurveyVersion(pk=0)
QuestionIn = form_schema(
    "QuestionIn",
    SurveyQuestionForm(version=_NO_VERSION, instance=SurveyQuestion(position=1)),
)
QuestionChangeIn = form_schema(
    "QuestionChangeIn", SurveyQuestionForm(version=_NO_VERSION), partial=True
)


class ChoiceOut(Schema):
    code: str
    label_en: str
    label_fr: str
    label_es: str


class QuestionOut(Schema):
    id: int
    version: int
    code: str
    position: int
    kind: str
    text_en: str
    text_fr: str
    text_es: str
    required: bool
    show_if: int | None
    show_if_values: str
    min_value: int | None
    max_value: int | None
    choices: list[ChoiceOut]


class VersionOut(Schema):
    id: int
    survey: str
    number: int
    questions: list[QuestionOut]


def _question_out(question: SurveyQuestion) -> QuestionOut:
    return QuestionOut(
        id=question.pk,
        version=question.version_id,
        code=question.code,
        position=question.position,
        kind=question.kind,
        text_en=question.text_en or "",
        text_fr=question.text_fr or "",
        text_es=question.text_es or "",
        required=question.required,
        show_if=question.show_if_id,
        show_if_values=question.show_if_values,
        min_value=question.min_value,
        max_value=question.max_value,
        choices=[
            ChoiceOut(code=c.code, label_en=c.label_en, label_fr=c.label_fr, label_es=c.label_es)
            for c in question.choices.order_by("position")
        ],
    )


@staff_write(
    router.post,
    "/surveys/{slug}/versions",
    name="create_survey_version",
    summary="Create a new version of a questionnaire, a copy of its latest version",
    out=VersionOut,
    status=201,
)
def create_version(request: HttpRequest, slug: str) -> tuple[int, VersionOut]:
    """A version organisations have answered can no longer change: its questions are changed
    in a new version, which starts as a copy of the latest one (questions, choices, skip
    logic)."""
    survey = get_object_or_404(Survey, slug=slug)
    with api_write():
        version = services.new_version(survey_id=survey.pk, actor=api_actor(request))
    questions = version.questions.order_by("position")
    return 201, VersionOut(
        id=version.pk,
        survey=survey.slug,
        number=version.number,
        questions=[_question_out(question) for question in questions],
    )


def _save_question(
    request: HttpRequest,
    version: SurveyVersion,
    question: SurveyQuestion,
    body: dict[str, object],
) -> QuestionOut:
    with api_write():
        form = bind_form(SurveyQuestionForm, body, instance=question, version=version)
        saved = services.save_question(
            question=form.save(commit=False),
            choices=form.cleaned_data["choices"],
            actor=api_actor(request),
        )
    return _question_out(saved)


@staff_write(
    router.post,
    "/versions/{version_id}/questions",
    name="add_survey_question",
    summary="Add a question to a questionnaire version (as the question editor)",
    out=QuestionOut,
    status=201,
)
def add_question(
    request: HttpRequest,
    version_id: int,
    payload: QuestionIn,  # type: ignore[valid-type]
) -> tuple[int, QuestionOut]:
    """``choices``: one a line, ``code | English | French | Spanish``. ``show_if``: the id of
    an earlier choice question of the version, with ``show_if_values`` its choice codes
    (comma-separated). ``position`` is last by default. A version organisations have
    answered is refused (400): make a new version."""
    version = get_object_or_404(SurveyVersion, pk=version_id)
    question = SurveyQuestion(version=version, position=version.questions.count() + 1)
    return 201, _save_question(request, version, question, body_of(payload))


@staff_write(
    router.patch,
    "/questions/{question_id}",
    name="change_survey_question",
    summary="Change a question (fields left out keep their value, choices included)",
    out=QuestionOut,
)
def change_question(
    request: HttpRequest,
    question_id: int,
    payload: QuestionChangeIn,  # type: ignore[valid-type]
) -> QuestionOut:
    """``choices`` given replace all the question's choices."""
    question = get_object_or_404(SurveyQuestion.objects.select_related("version"), pk=question_id)
    return _save_question(request, question.version, question, body_of(payload, partial=True))
