"""Survey invitations, answering through a personal link, submission and reminders.

A personal link is a random token (``secrets.token_urlsafe``) of which only the SHA-256 hash is
stored (``InvitationLink``); it expires when its round closes. Every invitation and reminder email
carries a new link, and staff can issue one from the round's invitations page.
"""

import datetime
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vigie.core import lifecycle
from vigie.core.freshness import changes_facts
from vigie.core.services import record_audit
from vigie.core.tokens import LinkState, find_link
from vigie.surveys import tasks
from vigie.surveys.emails import make_token as make_token
from vigie.surveys.emails import personal_link as personal_link
from vigie.surveys.errors import SurveyError
from vigie.surveys.models import (
    CHOICE_KINDS,
    Answer,
    Choice,
    Invitation,
    InvitationLink,
    Response,
    Round,
    RoundStatus,
    SurveyQuestion,
    SurveyVersion,
)


def check_token(token: str) -> tuple[LinkState, Invitation | None]:
    """What a token opens: its invitation while the round is not closed, else nothing."""
    link = find_link(
        InvitationLink.objects.select_related("invitation__round__version__survey"), token
    )
    if link is None:
        return LinkState.UNKNOWN, None
    invitation = link.invitation
    if invitation.round.is_closed():
        return LinkState.EXPIRED, invitation
    return LinkState.VALID, invitation


def get_invitation_for_token(token: str) -> Invitation | None:
    state, invitation = check_token(token)
    return invitation if state is LinkState.VALID else None


def is_visible(question: SurveyQuestion, answers: Mapping[str, object]) -> bool:
    """Skip logic: a question with a condition shows only if its trigger got a listed answer."""
    if question.show_if is None:
        return True
    given = answers.get(question.show_if.code)
    triggers = question.trigger_values()
    if isinstance(given, list):
        return bool(triggers & set(map(str, given)))
    return given is not None and str(given) in triggers


def visible_questions(
    questions: list[SurveyQuestion], answers: Mapping[str, object]
) -> list[SurveyQuestion]:
    shown: list[SurveyQuestion] = []
    shown_codes: set[str] = set()
    for question in questions:
        parent = question.show_if
        if parent is not None and parent.code not in shown_codes:
            continue
        if is_visible(question, answers):
            shown.append(question)
            shown_codes.add(question.code)
    return shown


def current_answers(invitation: Invitation) -> dict[str, Any]:
    response = Response.objects.filter(invitation=invitation).first()
    if response is None:
        return {}
    return {a.question.code: a.value for a in response.answers.select_related("question")}


@changes_facts
@transaction.atomic
def save_answers(
    *, invitation_id: int, answers: dict[str, Any], submit: bool, actor: Any = None
) -> Response:
    """Save (and optionally submit) an organisation's answers; hidden questions are dropped.

    Raises SurveyError if the round is not open, the response was already submitted, or (on
    submit) a visible required question is unanswered.
    """
    invitation = (
        Invitation.objects.select_for_update().select_related("round").get(pk=invitation_id)
    )
    round_ = invitation.round
    if not round_.is_open():
        raise SurveyError(_("This survey round is closed."))
    response, _created = Response.objects.get_or_create(invitation=invitation)
    if response.submitted_on is not None:
        raise SurveyError(_("Your organisation has already submitted its answers for this round."))
    questions = list(round_.version.questions.select_related("show_if"))
    shown = visible_questions(questions, answers)
    shown_codes = {q.code for q in shown}
    if submit:
        missing = [q.code for q in shown if q.required and answers.get(q.code) in (None, "", [])]
        if missing:
            raise SurveyError(_("Please answer every required question before submitting."))
    for question in questions:
        value = answers.get(question.code)
        if question.code not in shown_codes or value in (None, "", []):
            Answer.objects.filter(response=response, question=question).delete()
            continue
        Answer.objects.update_or_create(
            response=response, question=question, defaults={"value": value}
        )
    if submit:
        response.submitted_on = timezone.localdate()
        response.save()
    # Which response changed and when; never the answers themselves.
    record_audit(
        action="surveys.response.submitted" if submit else "surveys.response.saved",
        obj=response,
        actor=actor,
    )
    return response


@transaction.atomic
def invite_organisations(*, round_id: int, organisation_ids: list[int], actor: Any = None) -> int:
    """Create invitations (idempotent) and e-mail each new invitee's consenting contacts (in the
    background). A draft round is opened first, and a closed one takes no more invitations."""
    round_ = Round.objects.get(pk=round_id)
    if round_.status == RoundStatus.DRAFT:
        raise SurveyError(_("Open the round before inviting organisations to answer it."))
    if round_.is_closed():
        raise SurveyError(_("This survey round is closed."))
    created = 0
    for organisation_id in organisation_ids:
        invitation, is_new = Invitation.objects.get_or_create(
            round=round_, organisation_id=organisation_id
        )
        if is_new:
            created += 1
            record_audit(action="surveys.invitation.created", obj=invitation, actor=actor)
            tasks.send_invitation_email.enqueue(invitation.pk, False)
    return created


def send_reminders(*, round_id: int, today: datetime.date | None = None, actor: Any = None) -> int:
    """Remind invitees who have not submitted, at most once a week, while the round is open."""
    today = today or timezone.localdate()
    round_ = Round.objects.get(pk=round_id)
    if round_.status == RoundStatus.DATED and not (round_.opens_on <= today <= round_.closes_on):
        return 0
    if round_.status != RoundStatus.DATED and not round_.is_open():
        return 0
    week_ago = today - datetime.timedelta(days=7)
    pending = (
        Invitation.objects.filter(round=round_)
        .exclude(response__submitted_on__isnull=False)
        .exclude(last_reminded_on__gt=week_ago)
    )
    sent = 0
    for invitation in pending:
        tasks.send_invitation_email.enqueue(invitation.pk, True)
        invitation.reminders_sent += 1
        invitation.last_reminded_on = today
        invitation.save(update_fields=["reminders_sent", "last_reminded_on"])
        record_audit(action="surveys.invitation.reminded", obj=invitation, actor=actor)
        sent += 1
    return sent


# The lifecycle of a round staff run: draft → open → closed → published ------------------------


@changes_facts
@transaction.atomic
def create_round(
    *,
    version_id: int,
    name: str,
    opens_on: datetime.date,
    closes_on: datetime.date,
    actor: Any = None,
) -> Round:
    """A new round of a survey version, in draft: nobody can answer it until it is opened."""
    if closes_on < opens_on:
        raise SurveyError(_("The round must close on or after the day it opens."))
    if Round.objects.filter(version_id=version_id, name=name).exists():
        raise SurveyError(_("This version already has a round with this name."))
    round_ = Round.objects.create(
        version_id=version_id,
        name=name,
        opens_on=opens_on,
        closes_on=closes_on,
        status=RoundStatus.DRAFT,
    )
    record_audit(action="surveys.round.created", obj=round_, actor=actor)
    return round_


@changes_facts
@transaction.atomic
def change_round_status(*, round_id: int, action: str, actor: Any = None) -> Round:
    """Move a round one step on (open, close, publish); any other move is refused.

    Opening dates the round from today and needs questions; closing dates its end today (when
    that is earlier than planned), after which personal links expire and results may be
    published.
    """
    round_ = Round.objects.select_for_update().get(pk=round_id)
    refused = lifecycle.refusal(round_.status, action, round_.closes_on)
    if refused:
        raise SurveyError(refused)
    if action == "open" and not round_.version.questions.exists():
        raise SurveyError(_("This survey version has no questions yet."))
    lifecycle.advance(round_, action)
    record_audit(action=f"surveys.round.{action}", obj=round_, actor=actor)
    return round_


def count_round_responses(round_id: int) -> dict[str, int]:
    """Invited, started and submitted organisations of a round: for staff, updated live."""
    invitations = Invitation.objects.filter(round_id=round_id)
    return {
        "invited": invitations.count(),
        "started": invitations.filter(response__isnull=False).count(),
        "submitted": invitations.filter(response__submitted_on__isnull=False).count(),
    }


# The question editor: versions are edited only while no round of them has left draft ---------


def is_version_editable(version: SurveyVersion) -> bool:
    return not version.rounds.exclude(status=RoundStatus.DRAFT).exists()


def _check_editable(version: SurveyVersion) -> None:
    if not is_version_editable(version):
        raise SurveyError(
            _("Organisations have answered this version: make a new version to change it.")
        )


@changes_facts
@transaction.atomic
def new_version(*, survey_id: int, actor: Any = None) -> SurveyVersion:
    """A new version of a survey, starting as a copy of its latest version's questions."""
    latest = SurveyVersion.objects.filter(survey_id=survey_id).order_by("-number").first()
    version = SurveyVersion.objects.create(
        survey_id=survey_id, number=(latest.number + 1) if latest else 1
    )
    copies: dict[int, SurveyQuestion] = {}
    if latest is not None:
        for question in latest.questions.order_by("position").prefetch_related("choices"):
            old_pk = question.pk
            choices = list(question.choices.all())
            question.pk = None
            question.version = version
            question.show_if = copies.get(question.show_if_id or 0)
            question.save()
            copies[old_pk] = question
            for choice in choices:
                choice.pk = None
                choice.question = question
                choice.save()
    record_audit(action="surveys.version.created", obj=version, actor=actor)
    return version


@changes_facts
@transaction.atomic
def save_question(
    *,
    question: SurveyQuestion,
    choices: list[dict[str, str]],
    actor: Any = None,
) -> SurveyQuestion:
    """Save a question (checked by its form) and replace its choices; the version must still
    be editable."""
    _check_editable(question.version)
    if question.kind not in CHOICE_KINDS:
        choices = []
    question.save()
    question.choices.all().delete()
    Choice.objects.bulk_create(
        [
            Choice(question=question, position=position, **choice)
            for position, choice in enumerate(choices, start=1)
        ]
    )
    record_audit(action="surveys.question.saved", obj=question, actor=actor)
    return question


@changes_facts
@transaction.atomic
def delete_question(*, question_id: int, actor: Any = None) -> None:
    question = SurveyQuestion.objects.select_related("version").get(pk=question_id)
    _check_editable(question.version)
    record_audit(action="surveys.question.deleted", obj=question, actor=actor)
    question.delete()
