"""What other apps may ask the surveys app: the media support measure and counts of rounds.

Only aggregates leave this module, never an organisation's answers.
"""

import datetime
from typing import TypedDict

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from vigie.core.evidence import CountResult, Evidence
from vigie.surveys.models import Answer, Round

MEDIA_SURVEY = "media-support"
MEDIA_QUESTION = "media_support_change"
INCREASED = "increased"


class MediaRound(TypedDict):
    """One round of the media survey, as aggregates: never an organisation's answer."""

    round_id: int
    round: str
    closes_on: datetime.date
    respondents: int
    increased: int
    share: float | None


def _media_round_row(round_: Round) -> MediaRound:
    values = list(
        Answer.objects.filter(
            question__code=MEDIA_QUESTION,
            response__invitation__round=round_,
            response__submitted_on__isnull=False,
        ).values_list("value", flat=True)
    )
    increased = sum(1 for value in values if value == INCREASED)
    return MediaRound(
        round_id=round_.pk,
        round=round_.name,
        closes_on=round_.closes_on,
        respondents=len(values),
        increased=increased,
        share=round(100 * increased / len(values), 1) if values else None,
    )


def list_media_support_by_round() -> list[MediaRound]:
    """Per round of the media survey: respondents, how many reported increased support, share (%)."""
    rounds = Round.objects.filter(version__survey__slug=MEDIA_SURVEY).order_by("opens_on")
    return [_media_round_row(round_) for round_ in rounds]


def get_media_support_share(round_id: int | None = None) -> CountResult:
    """Share (%) of responding member organisations reporting increased media support.

    Uses the given round, or the latest closed round of the media survey when ``round_id`` is None.
    The evidence is one aggregate row per round; individual answers never leave the app.
    """
    rounds = Round.objects.filter(version__survey__slug=MEDIA_SURVEY)
    if round_id is None:
        round_ = rounds.filter(closes_on__lt=timezone.localdate()).order_by("-closes_on").first()
    else:
        round_ = rounds.filter(pk=round_id).first()
    definition = _(
        "Share of member organisations responding to the biennial media survey that reported "
        "increased media support for drug policy reform in their country, compared with two "
        "years before."
    )
    if round_ is None:
        return CountResult(value=0.0, definition=definition, evidence=[])
    evidence = []
    for row in list_media_support_by_round():
        if row["closes_on"] > round_.closes_on:
            continue
        evidence.append(
            Evidence(
                label=_("Media survey %(round)s") % {"round": row["round"]},
                url=reverse("surveys:results", args=[row["round_id"]]),
                date=row["closes_on"],
                detail=_("%(increased)d of %(respondents)d organisations reported an increase")
                % {"increased": row["increased"], "respondents": row["respondents"]},
            )
        )
    current = _media_round_row(round_)
    return CountResult(value=current["share"] or 0.0, definition=definition, evidence=evidence)


def count_surveys_run(start: datetime.date, end: datetime.date) -> int:
    """Survey rounds that opened between ``start`` and ``end`` (inclusive)."""
    return Round.objects.filter(opens_on__gte=start, opens_on__lte=end).count()
