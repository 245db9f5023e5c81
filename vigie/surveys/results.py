"""Aggregates of survey answers, with small-cell suppression.

Answers are private. Results are published only as counts over at least ``MIN_ORGANISATIONS``
responding organisations: a question (after filters) with fewer respondents shows nothing, and
any single cell counted from 1 to 4 organisations is shown as "fewer than 5", so that nobody can
work out what one organisation answered.
"""

import statistics
from dataclasses import dataclass, field
from typing import Any

from vigie.core.queries import get_country
from vigie.network.queries import get_organisation_facets
from vigie.surveys.models import CHOICE_KINDS, Answer, QuestionKind, Round, SurveyQuestion

MIN_ORGANISATIONS = 5


@dataclass
class Cell:
    label: str
    count: int | None
    percent: float | None

    @property
    def suppressed(self) -> bool:
        return self.count is None


@dataclass
class QuestionResult:
    question: SurveyQuestion
    respondents: int
    suppressed: bool
    cells: list[Cell] = field(default_factory=list)
    summary: dict[str, float] = field(default_factory=dict)


def responding_organisations(round_: Round, *, region: str = "", org_type: str = "") -> set[int]:
    """Organisations that submitted in a round, narrowed by region and organisation type."""
    ids = list(
        round_.invitations.filter(response__submitted_on__isnull=False).values_list(
            "organisation_id", flat=True
        )
    )
    facets = get_organisation_facets(ids)
    return {
        pk
        for pk in ids
        if (not region or facets.get(pk, {}).get("region") == region)
        and (not org_type or facets.get(pk, {}).get("org_type") == org_type)
    }


def _answers_by_organisation(
    round_: Round, question: SurveyQuestion, organisations: set[int]
) -> list[Any]:
    rows = Answer.objects.filter(
        question=question,
        response__invitation__round=round_,
        response__submitted_on__isnull=False,
        response__invitation__organisation_id__in=organisations,
    ).values_list("value", flat=True)
    return list(rows)


def _cell(label: str, count: int, total: int) -> Cell:
    if 0 < count < MIN_ORGANISATIONS:
        return Cell(label=label, count=None, percent=None)
    return Cell(label=label, count=count, percent=round(100 * count / total, 1) if total else 0.0)


def question_result(
    round_: Round, question: SurveyQuestion, organisations: set[int]
) -> QuestionResult:
    values = _answers_by_organisation(round_, question, organisations)
    total = len(values)
    if total < MIN_ORGANISATIONS or question.kind == QuestionKind.TEXT:
        return QuestionResult(question=question, respondents=total, suppressed=True)
    result = QuestionResult(question=question, respondents=total, suppressed=False)
    if question.kind in CHOICE_KINDS:
        for choice in question.choices.all():
            count = sum(
                1
                for value in values
                if (choice.code in value if isinstance(value, list) else value == choice.code)
            )
            result.cells.append(_cell(choice.label, count, total))
    elif question.kind == QuestionKind.COUNTRY:
        counts: dict[str, int] = {}
        for value in values:
            counts[str(value)] = counts.get(str(value), 0) + 1
        for code, count in sorted(counts.items(), key=lambda item: -item[1]):
            country = get_country(code)
            result.cells.append(_cell(country.name if country else code, count, total))
    elif question.kind == QuestionKind.NUMBER:
        numbers = [float(value) for value in values]
        result.summary = {
            "median": statistics.median(numbers),
            "mean": round(statistics.fmean(numbers), 1),
        }
    return result


def round_results(round_: Round, *, region: str = "", org_type: str = "") -> dict[str, Any]:
    organisations = responding_organisations(round_, region=region, org_type=org_type)
    questions = round_.version.questions.prefetch_related("choices")
    return {
        "respondents": len(organisations),
        "suppressed": len(organisations) < MIN_ORGANISATIONS,
        "questions": [question_result(round_, q, organisations) for q in questions],
    }


def compare_rounds(
    first: Round, second: Round, *, region: str = "", org_type: str = ""
) -> dict[str, Any]:
    """The same organisations in two rounds: those that submitted in both, question by question."""
    panel = responding_organisations(first, region=region, org_type=org_type) & (
        responding_organisations(second, region=region, org_type=org_type)
    )
    second_questions = {q.code: q for q in second.version.questions.prefetch_related("choices")}
    pairs = []
    for question in first.version.questions.prefetch_related("choices"):
        other = second_questions.get(question.code)
        if other is None or question.kind == QuestionKind.TEXT:
            continue
        pairs.append(
            (question_result(first, question, panel), question_result(second, other, panel))
        )
    return {"panel": len(panel), "suppressed": len(panel) < MIN_ORGANISATIONS, "pairs": pairs}
