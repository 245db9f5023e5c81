"""What other apps may ask the surveys app: the media support measure, counts of rounds, and
the question machinery (form, skip logic) for apps that ask a survey version's questions.

Only aggregates leave this module, never an organisation's answers.
"""

import datetime
from collections.abc import Mapping
from typing import Any, TypedDict

from django import forms
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from vigie.core.evidence import CountResult, Evidence
from vigie.core.quality import FlaggedRow, QualityFlag
from vigie.surveys import results
from vigie.surveys.disclosure import MIN_ORGANISATIONS, Subset, get_round_disclosure, is_public
from vigie.surveys.forms import AnswerForm
from vigie.surveys.models import Round, RoundStatus, SurveyQuestion
from vigie.surveys.services import visible_questions

MEDIA_SURVEY = "media-support"
MEDIA_QUESTION = "media_support_change"
INCREASED = "increased"


class MediaRound(TypedDict):
    """One closed round of the media survey, as published aggregates: never an organisation's
    answer. ``increased`` and ``share`` are None when the disclosure rules hide them."""

    round_id: int
    round: str
    closes_on: datetime.date
    respondents: int
    increased: int | None
    share: float | None


def _media_round_row(round_: Round) -> MediaRound:
    """The round's *Increased* cell as the results page publishes it (same layer, same rules)."""
    question = round_.version.questions.filter(code=MEDIA_QUESTION).prefetch_related("choices")
    result = (
        results.question_result(round_, question[0], get_round_disclosure(round_), Subset())
        if question
        else None
    )
    cell = next(
        (c for c in (result.cells if result else []) if c.code == INCREASED and not c.suppressed),
        None,
    )
    return MediaRound(
        round_id=round_.pk,
        round=round_.name,
        closes_on=round_.closes_on,
        respondents=result.respondents if result else 0,
        increased=cell.count if cell else None,
        share=cell.percent if cell else None,
    )


def list_media_support_by_round() -> list[MediaRound]:
    """Per closed round of the media survey: respondents, how many reported increased support,
    share (%). Open rounds are not listed: their totals change with each submission."""
    rounds = Round.objects.filter(version__survey__slug=MEDIA_SURVEY).order_by("opens_on")
    return [_media_round_row(round_) for round_ in rounds if is_public(round_)]


def get_media_support_share(round_id: int | None = None) -> CountResult:
    """Share (%) of responding member organisations reporting increased media support.

    Uses the given round, or the latest closed round of the media survey when ``round_id`` is None.
    The evidence is one aggregate row per round; individual answers never leave the app, and a
    share the disclosure rules hide is given as 0 with the reason in its evidence row.
    """
    rounds = Round.objects.filter(version__survey__slug=MEDIA_SURVEY)
    if round_id is None:
        round_ = rounds.filter(closes_on__lt=timezone.localdate()).order_by("-closes_on").first()
    else:
        round_ = rounds.filter(pk=round_id, closes_on__lt=timezone.localdate()).first()
    definition = _(
        "Share of member organisations responding to the biennial media survey that reported "
        "increased media support for drug policy reform in their country, compared with two "
        "years before."
    )
    if round_ is None:
        return CountResult(value=0.0, definition=definition, evidence=[])
    evidence = []
    current: MediaRound | None = None
    for row in list_media_support_by_round():
        if row["closes_on"] > round_.closes_on:
            continue
        if row["round_id"] == round_.pk:
            current = row
        if row["increased"] is None:
            detail = _(
                "Not shown: fewer than %(minimum)d organisations, or a figure that would "
                "single out an organisation"
            ) % {"minimum": MIN_ORGANISATIONS}
        else:
            detail = _("%(increased)d of %(respondents)d organisations reported an increase") % {
                "increased": row["increased"],
                "respondents": row["respondents"],
            }
        evidence.append(
            Evidence(
                label=_("Media survey %(round)s") % {"round": row["round"]},
                url=reverse("surveys:results", args=[row["round_id"]]),
                date=row["closes_on"],
                detail=detail,
            )
        )
    share = current["share"] if current else None
    return CountResult(value=share or 0.0, definition=definition, evidence=evidence)


def count_surveys_run(start: datetime.date, end: datetime.date) -> int:
    """Survey rounds that opened between ``start`` and ``end`` (inclusive)."""
    return Round.objects.filter(opens_on__gte=start, opens_on__lte=end).count()


class QuestionSkipRule(TypedDict):
    """Skip logic of one question, as the answer page's script reads it: show the question
    only when the question ``on`` got one of ``values``."""

    on: str
    values: list[str]


def _version_questions(version_id: int) -> list[SurveyQuestion]:
    return list(
        SurveyQuestion.objects.filter(version_id=version_id)
        .select_related("show_if")
        .prefetch_related("choices")
    )


def get_question_form(
    version_id: int, *, data: Any = None, initial: Mapping[str, object] | None = None
) -> forms.Form:
    """The answer form of a survey version's questions in the active language (field names are
    the question codes, which the answer page's skip.js reads), for another app that asks these
    questions inside its own page (the campaign's calls)."""
    return AnswerForm(data, initial=initial, questions=_version_questions(version_id))


def list_question_skip_rules(version_id: int) -> dict[str, QuestionSkipRule]:
    return {
        q.code: QuestionSkipRule(on=q.show_if.code, values=sorted(q.trigger_values()))
        for q in _version_questions(version_id)
        if q.show_if is not None
    }


def list_question_codes(version_id: int) -> list[str]:
    return [q.code for q in _version_questions(version_id)]


def list_visible_answers(version_id: int, answers: Mapping[str, object]) -> dict[str, object]:
    """The answers to the questions the skip logic shows, empty answers left out."""
    shown = visible_questions(_version_questions(version_id), answers)
    return {q.code: answers[q.code] for q in shown if answers.get(q.code) not in (None, "", [])}


def list_missing_answers(version_id: int, answers: Mapping[str, object]) -> list[str]:
    """Codes of the required questions the skip logic shows and that have no answer."""
    shown = visible_questions(_version_questions(version_id), answers)
    return [q.code for q in shown if q.required and answers.get(q.code) in (None, "", [])]


class RoundProgress(TypedDict):
    """An open round with its live response count (how many invited organisations submitted)."""

    round_id: int
    survey: str
    round: str
    closes_on: datetime.date
    invited: int
    submitted: int
    manage_url: str


def list_rounds_closing_by(day: datetime.date) -> list[RoundProgress]:
    """Rounds open today that close on or before ``day``, soonest first, in one query."""
    today = timezone.localdate()
    rounds = (
        Round.objects.filter(opens_on__lte=today, closes_on__gte=today, closes_on__lte=day)
        .select_related("version__survey")
        .annotate(
            n_invited=Count("invitations", distinct=True),
            n_submitted=Count(
                "invitations__response",
                filter=Q(invitations__response__submitted_on__isnull=False),
                distinct=True,
            ),
        )
        .order_by("closes_on", "pk")
    )
    return [
        RoundProgress(
            round_id=round_.pk,
            survey=str(round_.version.survey.title),
            round=round_.name,
            closes_on=round_.closes_on,
            invited=round_.n_invited,
            submitted=round_.n_submitted,
            manage_url=reverse("surveys:round_admin", args=[round_.pk]),
        )
        for round_ in rounds
    ]


class InvitedRound(TypedDict):
    """An open round an organisation is invited to, and whether it has submitted its answers."""

    survey: str
    round: str
    closes_on: datetime.date
    submitted: bool


def list_open_rounds_for_organisation(organisation_id: int) -> list[InvitedRound]:
    """The open rounds the organisation is invited to (its answers themselves never leave)."""
    today = timezone.localdate()
    rounds = (
        Round.objects.filter(
            opens_on__lte=today,
            closes_on__gte=today,
            invitations__organisation_id=organisation_id,
        )
        .select_related("version__survey")
        .annotate(
            n_submitted=Count(
                "invitations__response",
                filter=Q(
                    invitations__organisation_id=organisation_id,
                    invitations__response__submitted_on__isnull=False,
                ),
            )
        )
        .order_by("closes_on", "pk")
    )
    return [
        InvitedRound(
            survey=str(round_.version.survey.title),
            round=round_.name,
            closes_on=round_.closes_on,
            submitted=round_.n_submitted > 0,
        )
        for round_ in rounds
    ]


def list_data_quality_flags() -> list[QualityFlag]:
    """Rounds opened by staff (``OPEN``) still open after their closing day, in one query: the
    lifecycle never closes them by itself, so answers keep coming in until someone does."""
    today = timezone.localdate()
    rounds = (
        Round.objects.filter(status=RoundStatus.OPEN, closes_on__lt=today)
        .select_related("version__survey")
        .order_by("closes_on", "pk")
    )
    return [
        QualityFlag(
            title=_("Survey rounds open past their closing date"),
            url=reverse("surveys:staff"),
            items=[
                FlaggedRow(
                    title=f"{round_.version.survey.title} · {round_.name}",
                    url=reverse("surveys:round_admin", args=[round_.pk]),
                    reason=_("closing date %(day)s passed; still open")
                    % {"day": round_.closes_on.isoformat()},
                )
                for round_ in rounds
            ],
        )
    ]
