"""Aggregates of survey answers, published only as the disclosure layer allows.

Answers are private. Every figure here is computed over a set of organisations that
``vigie.surveys.disclosure`` admitted for the round (and for the question), and its cells are
hidden by the same layer's small-cell rules, so that nobody can work out what one organisation
answered, from one page or by subtracting figures of several pages.
"""

import statistics
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from vigie.core.freshness import CACHE_SECONDS, data_version
from vigie.core.queries import get_countries
from vigie.surveys.disclosure import (
    MIN_ORGANISATIONS,
    RoundDisclosure,
    Subset,
    get_round_disclosure,
    hidden_cells_of_choices,
    hidden_cells_of_partition,
    is_small,
)
from vigie.surveys.models import CHOICE_KINDS, Answer, QuestionKind, Round, SurveyQuestion

__all__ = [
    "MIN_ORGANISATIONS",
    "compare_rounds",
    "get_round_results",
    "question_result",
    "round_results",
]


@dataclass
class Cell:
    label: str
    count: int | None
    percent: float | None
    code: str = ""

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
    # Hidden although 5 or more answered: it could be subtracted from another published figure.
    differencing: bool = False


Answers = dict[int, list[tuple[int, Any]]]


def _round_answers(round_: Round) -> Answers:
    """Every submitted answer of a round, in one query: question → [(organisation, value)]."""
    found: Answers = {}
    rows = Answer.objects.filter(
        response__invitation__round=round_, response__submitted_on__isnull=False
    ).values_list("question_id", "response__invitation__organisation_id", "value")
    for question_id, organisation_id, value in rows:
        found.setdefault(question_id, []).append((organisation_id, value))
    return found


def _answers(
    round_: Round,
    question: SurveyQuestion,
    organisations: frozenset[int],
    answers: Answers | None,
) -> list[Any]:
    if answers is None:
        answers = _round_answers(round_)
    return [value for pk, value in answers.get(question.pk, []) if pk in organisations]


def _cells(
    labelled_counts: list[tuple[str, str, int]], total: int, hidden: list[bool]
) -> list[Cell]:
    return [
        Cell(label=label, count=None, percent=None, code=code)
        if off
        else Cell(
            label=label,
            count=count,
            percent=round(100 * count / total, 1) if total else 0.0,
            code=code,
        )
        for (code, label, count), off in zip(labelled_counts, hidden, strict=True)
    ]


def question_result(
    round_: Round,
    question: SurveyQuestion,
    disclosure: RoundDisclosure,
    subset: Subset,
    answers: Answers | None = None,
) -> QuestionResult:
    """One question over one admitted set of respondents, with its cells controlled.

    ``answers`` (``_round_answers``) is read once by a caller that shows several questions.
    """
    members = disclosure.members(subset) & disclosure.answered.get(question.pk, frozenset())
    if question.kind == QuestionKind.TEXT or not disclosure.allows_question(question.pk, subset):
        return QuestionResult(
            question=question,
            respondents=0,
            suppressed=True,
            differencing=question.kind != QuestionKind.TEXT and len(members) >= MIN_ORGANISATIONS,
        )
    values = _answers(round_, question, members, answers)
    total = len(values)
    result = QuestionResult(question=question, respondents=total, suppressed=False)
    if question.kind in CHOICE_KINDS:
        counts = [
            (
                choice.code,
                choice.label,
                sum(
                    1
                    for value in values
                    if (choice.code in value if isinstance(value, list) else value == choice.code)
                ),
            )
            for choice in question.choices.all()
        ]
        numbers = [count for _code, _label, count in counts]
        hidden = (
            hidden_cells_of_choices(numbers, total)
            if question.kind == QuestionKind.MULTIPLE
            else hidden_cells_of_partition(numbers)
        )
        result.cells = _cells(counts, total, hidden)
    elif question.kind == QuestionKind.COUNTRY:
        by_country: dict[str, int] = {}
        for value in values:
            by_country[str(value)] = by_country.get(str(value), 0) + 1
        # A country named with fewer than 5 organisations would say where they work: such
        # countries are counted together, unnamed.
        counts = []
        others = 0
        countries = get_countries(by_country)
        for code, count in sorted(by_country.items(), key=lambda item: -item[1]):
            if is_small(count):
                others += count
                continue
            country = countries.get(code)
            counts.append((code, country.name if country else code, count))
        if others:
            counts.append(("", _("Other countries"), others))
        result.cells = _cells(counts, total, hidden_cells_of_partition([c for *_x, c in counts]))
    elif question.kind == QuestionKind.NUMBER:
        numbers_ = [float(value) for value in values]
        result.summary = {
            "median": statistics.median(numbers_),
            "mean": round(statistics.fmean(numbers_), 1),
        }
    return result


def _withhold_dependants(question_results: list[QuestionResult]) -> list[QuestionResult]:
    """A question shown only after some answers (``show_if``) is answered by as many organisations
    as gave those answers: its count would reveal the trigger's cells, so it is published only
    where they are."""
    by_question = {result.question.pk: result for result in question_results}
    controlled = []
    for result in question_results:
        source = by_question.get(result.question.show_if_id or 0)
        if result.question.show_if_id and not result.suppressed:
            triggers = result.question.trigger_values()
            if (
                source is None
                or source.suppressed
                or any(cell.suppressed for cell in source.cells if cell.code in triggers)
            ):
                result = QuestionResult(
                    question=result.question, respondents=0, suppressed=True, differencing=True
                )
        controlled.append(result)
    return controlled


def round_results(round_: Round, *, region: str = "", org_type: str = "") -> dict[str, Any]:
    disclosure = get_round_disclosure(round_)
    subset = Subset(region=region, org_type=org_type)
    members = disclosure.members(subset)
    allowed = disclosure.allows(subset)
    questions = round_.version.questions.prefetch_related("choices")
    answers = _round_answers(round_)
    return {
        "respondents": len(members) if allowed else 0,
        "suppressed": not allowed,
        "differencing": not allowed and len(members) >= MIN_ORGANISATIONS,
        "questions": _withhold_dependants(
            [question_result(round_, q, disclosure, subset, answers) for q in questions]
        ),
    }


def get_round_results(round_: Round, *, region: str = "", org_type: str = "") -> dict[str, Any]:
    """``round_results`` as the results page reads it: computed once per data version.

    The figures aggregate every submitted answer of the round (and each organisation's region and
    type): their cost grows with the number of respondents, so they are computed once and read
    from the shared cache until a writer of answers or organisations changes the data version
    (``vigie.core.freshness``). The filters are the page's validated choices, so the entries are
    few.
    """
    key = f"surveys:results:{round_.pk}:{region}:{org_type}:{get_language()}:{data_version()}"
    found: dict[str, Any] | None = cache.get(key)
    if found is None:
        found = round_results(round_, region=region, org_type=org_type)
        cache.set(key, found, CACHE_SECONDS)
    return found


def compare_rounds(
    first: Round, second: Round, *, region: str = "", org_type: str = ""
) -> dict[str, Any]:
    """The same organisations in two rounds: those that submitted in both, question by question.

    The panel is published only if both rounds' disclosure admits it: a panel that differs from
    a round's respondents by 1 to 4 organisations would give their answers away by subtraction.
    """
    before = get_round_disclosure(first)
    after = get_round_disclosure(second)
    first_subset = Subset(region=region, org_type=org_type, panel_with=second.pk)
    second_subset = Subset(region=region, org_type=org_type, panel_with=first.pk)
    panel = before.members(first_subset)
    allowed = before.allows(first_subset) and after.allows(second_subset)
    second_questions = {q.code: q for q in second.version.questions.prefetch_related("choices")}
    firsts, seconds = [], []
    first_answers, second_answers = _round_answers(first), _round_answers(second)
    for question in first.version.questions.prefetch_related("choices"):
        other = second_questions.get(question.code)
        if other is None or question.kind == QuestionKind.TEXT:
            continue
        firsts.append(question_result(first, question, before, first_subset, first_answers))
        seconds.append(question_result(second, other, after, second_subset, second_answers))
    pairs = list(zip(_withhold_dependants(firsts), _withhold_dependants(seconds), strict=True))
    return {
        "panel": len(panel) if allowed else 0,
        "suppressed": not allowed,
        "differencing": not allowed and len(panel) >= MIN_ORGANISATIONS,
        "pairs": pairs if allowed else [],
    }
