"""What other apps may ask the surveys app: the media support measure and counts of rounds.

Only aggregates leave this module, never an organisation's answers.
"""

import datetime
from typing import TypedDict

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from vigie.core.evidence import CountResult, Evidence
from vigie.surveys import results
from vigie.surveys.disclosure import MIN_ORGANISATIONS, Subset, get_round_disclosure, is_public
from vigie.surveys.models import Round

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
