"""Survey invitations, answering through a personal link, submission and reminders.

A personal link is a random token (``secrets.token_urlsafe``) of which only the SHA-256 hash is
stored (``InvitationLink``); it expires when its round closes. Every invitation and reminder email
carries a new link, and staff can issue one from the round's invitations page.
"""

import datetime
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from vigie.core.freshness import changes_facts
from vigie.core.services import record_audit
from vigie.core.tokens import LinkState, find_link, new_token
from vigie.network.queries import list_survey_contact_emails
from vigie.surveys.errors import SurveyError
from vigie.surveys.models import (
    Answer,
    Invitation,
    InvitationLink,
    Response,
    Round,
    SurveyQuestion,
)


def make_token(invitation: Invitation) -> str:
    """Issue a new personal link: 32 random bytes, of which only the SHA-256 hash is stored.

    The token is returned once (to be mailed) and cannot be made again from the database.
    """
    token, token_hash = new_token()
    InvitationLink.objects.create(invitation=invitation, token_hash=token_hash)
    return token


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


def personal_link(invitation: Invitation) -> str:
    return reverse("surveys:answer", args=[make_token(invitation)])


def is_visible(question: SurveyQuestion, answers: dict[str, Any]) -> bool:
    """Skip logic: a question with a condition shows only if its trigger got a listed answer."""
    if question.show_if is None:
        return True
    given = answers.get(question.show_if.code)
    triggers = question.trigger_values()
    if isinstance(given, list):
        return bool(triggers & set(map(str, given)))
    return given is not None and str(given) in triggers


def visible_questions(
    questions: list[SurveyQuestion], answers: dict[str, Any]
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
    """Create invitations (idempotent) and e-mail each new invitee's consenting contacts."""
    round_ = Round.objects.get(pk=round_id)
    created = 0
    for organisation_id in organisation_ids:
        invitation, is_new = Invitation.objects.get_or_create(
            round=round_, organisation_id=organisation_id
        )
        if is_new:
            created += 1
            record_audit(action="surveys.invitation.created", obj=invitation, actor=actor)
            _mail(invitation, reminder=False)
    return created


def _mail(invitation: Invitation, *, reminder: bool) -> int:
    recipients = list_survey_contact_emails(invitation.organisation_id)
    if not recipients:
        return 0
    base = getattr(settings, "SITE_URL", "")
    link = base + personal_link(invitation)
    subject = (_("Reminder: %(survey)s") if reminder else _("Survey: %(survey)s")) % {
        "survey": str(invitation.round)
    }
    body = _(
        "Your organisation is invited to answer %(survey)s by %(closes)s. "
        "Use this personal link (no login needed; you can save and come back): %(link)s"
    ) % {"survey": str(invitation.round), "closes": invitation.round.closes_on, "link": link}
    return send_mail(subject, body, None, recipients)


def send_reminders(*, round_id: int, today: datetime.date | None = None, actor: Any = None) -> int:
    """Remind invitees who have not submitted, at most once a week, while the round is open."""
    today = today or timezone.localdate()
    round_ = Round.objects.get(pk=round_id)
    if not (round_.opens_on <= today <= round_.closes_on):
        return 0
    week_ago = today - datetime.timedelta(days=7)
    pending = (
        Invitation.objects.filter(round=round_)
        .exclude(response__submitted_on__isnull=False)
        .exclude(last_reminded_on__gt=week_ago)
    )
    sent = 0
    for invitation in pending:
        _mail(invitation, reminder=True)
        invitation.reminders_sent += 1
        invitation.last_reminded_on = today
        invitation.save(update_fields=["reminders_sent", "last_reminded_on"])
        record_audit(action="surveys.invitation.reminded", obj=invitation, actor=actor)
        sent += 1
    return sent
