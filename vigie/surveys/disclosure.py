"""Disclosure control: what may be published of a survey round's answers, and what must not.

Every published figure of survey data — results pages, comparisons between rounds, the strategy
measures computed from surveys (and so their pages, API, CSV and PDF report) — is decided here.

The threat (see docs/surveys.md): someone who knows which organisations answered (a member
knows its peers, and filters by region and type narrow them down) collects every published
figure of a round and combines them to learn one organisation's answer. Two rules stop it:

* **Small cells.** A figure is computed over at least ``MIN_ORGANISATIONS`` organisations, and a
  count from 1 to 4 is shown as "fewer than 5". Within a question whose cells add up to its
  respondents, one hidden cell could be recovered by subtraction, so more cells are hidden
  until the hidden ones add up to 5 or more, two cells at least (secondary suppression).
* **Differencing.** Every aggregate is a sum over a set of organisations (a filter, or the panel
  of a comparison). Subtracting two of them gives the sum over their difference; combining
  more gives the sum over any *atom* of the sets (organisations that belong to exactly the same
  sets). The sets published for one round, and for one question of it, are therefore kept such
  that every atom holds 0 or at least ``MIN_ORGANISATIONS`` organisations: then any linear
  combination of published figures is still a figure over 5 or more organisations. Sets are
  admitted in a fixed order — the whole round first, then comparison panels, then filters —
  and a set that would split an atom below 5 is not published at all.
"""

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import cast

from django.core.cache import cache

from vigie.core.freshness import CACHE_SECONDS, data_version
from vigie.core.regions import Region
from vigie.network.queries import get_organisation_facets, list_organisation_type_choices
from vigie.surveys.models import Answer, Invitation, Round

MIN_ORGANISATIONS = 5


def is_small(count: int) -> bool:
    """A count that would single out fewer than ``MIN_ORGANISATIONS`` organisations."""
    return 0 < count < MIN_ORGANISATIONS


def hidden_cells_of_partition(counts: Sequence[int]) -> list[bool]:
    """Which cells to hide when the cells add up to the (published) number of respondents.

    Small cells are hidden (primary suppression). If the hidden cells could be recovered by
    subtracting the shown ones from the total — one hidden cell alone, or hidden cells adding up
    to fewer than 5, or to exactly 4 per hidden small cell — the smallest shown non-zero cell is
    hidden too, and so on (secondary suppression).
    """
    hidden = [is_small(count) for count in counts]

    def recoverable() -> bool:
        hidden_counts = [count for count, off in zip(counts, hidden, strict=True) if off]
        if not hidden_counts:
            return False
        total = sum(hidden_counts)
        all_small = all(is_small(count) for count in hidden_counts)
        return (
            len(hidden_counts) == 1
            or total < MIN_ORGANISATIONS
            or (all_small and total in (len(hidden_counts), 4 * len(hidden_counts)))
        )

    while recoverable():
        shown = [
            (count, index) for index, count in enumerate(counts) if count and not hidden[index]
        ]
        if not shown:
            break
        hidden[min(shown)[1]] = True
    return hidden


def hidden_cells_of_choices(counts: Sequence[int], total: int) -> list[bool]:
    """Cells of a multiple-choice question, each a yes/no over the respondents.

    A cell is hidden when the organisations that ticked it, or those that did not, are fewer
    than 5: "all but 2 ticked it" singles out 2 organisations as much as "2 ticked it" does.
    """
    return [is_small(count) or is_small(total - count) for count in counts]


@dataclass(frozen=True)
class Subset:
    """A published set of a round's respondents: optional filters and, for a comparison, the
    other round (the panel is the organisations that submitted in both)."""

    region: str = ""
    org_type: str = ""
    panel_with: int | None = None


def admitted(candidates: Sequence[frozenset[int]]) -> list[bool]:
    """Admit sets in order while every atom of the admitted sets keeps 0 or ≥ 5 organisations.

    An atom is the set of organisations that belong to exactly the same admitted sets. Any sum
    that can be derived from sums over the admitted sets is a sum over whole atoms, so no
    organisation's answer, nor the total of fewer than 5, can be derived.
    """
    signature: dict[int, int] = {}
    admitted_count = 0
    decisions = []
    for members in candidates:
        if len(members) < MIN_ORGANISATIONS:
            decisions.append(False)
            continue
        bit = 1 << admitted_count
        trial = dict(signature)
        for organisation in members:
            trial[organisation] = trial.get(organisation, 0) | bit
        atoms = Counter(mark for mark in trial.values() if mark)
        if all(size >= MIN_ORGANISATIONS for size in atoms.values()):
            signature, admitted_count = trial, admitted_count + 1
            decisions.append(True)
        else:
            decisions.append(False)
    return decisions


@dataclass
class RoundDisclosure:
    """Which sets of one round's respondents may be published, overall and per question."""

    round_id: int
    respondents: frozenset[int]
    subsets: dict[Subset, frozenset[int]]
    round_level: dict[Subset, bool]
    by_question: dict[int, dict[Subset, bool]]
    answered: dict[int, frozenset[int]]

    def members(self, subset: Subset) -> frozenset[int]:
        return self.subsets.get(subset, frozenset())

    def allows(self, subset: Subset) -> bool:
        return self.round_level.get(subset, False)

    def allows_question(self, question_id: int, subset: Subset) -> bool:
        return self.by_question.get(question_id, {}).get(subset, False)


def _submitted(round_id: int) -> frozenset[int]:
    return frozenset(
        Invitation.objects.filter(
            round_id=round_id, response__submitted_on__isnull=False
        ).values_list("organisation_id", flat=True)
    )


def _ordered_subsets(other_rounds: Iterable[int]) -> list[Subset]:
    """The whole round, then each comparison panel, then every filter, alone and with a panel."""
    regions = ["", *Region.values]
    types = ["", *(value for value, _label in list_organisation_type_choices())]
    filters = [(r, t) for r in regions for t in types if r or t]
    filters.sort(key=lambda pair: (bool(pair[0]) and bool(pair[1]), pair))
    panels: list[int | None] = [None, *sorted(other_rounds)]
    order = [Subset(panel_with=panel) for panel in panels]
    order += [Subset(r, t, panel) for panel in panels for r, t in filters]
    return order


def get_round_disclosure(round_: Round) -> RoundDisclosure:
    """``decide_round_disclosure``, computed once per data version: every results and comparison
    page of a round, under any filter, reads the same decision, which costs a few milliseconds a
    page and grows with the respondents. The writers of answers and organisations change the
    data version (``vigie.core.freshness``), so a decision is never read after a change."""
    key = f"surveys:disclosure:{round_.pk}:{data_version()}"
    found = cache.get_or_set(key, lambda: decide_round_disclosure(round_), CACHE_SECONDS)
    return cast(RoundDisclosure, found)


def decide_round_disclosure(round_: Round) -> RoundDisclosure:
    """Decide, for one round, every set of respondents that any page may publish."""
    respondents = _submitted(round_.pk)
    facets = get_organisation_facets(sorted(respondents))
    others = {
        other.pk: _submitted(other.pk)
        for other in Round.objects.filter(version__survey_id=round_.version.survey_id).exclude(
            pk=round_.pk
        )
    }
    subsets: dict[Subset, frozenset[int]] = {}
    for subset in _ordered_subsets(others):
        members = (
            respondents if subset.panel_with is None else respondents & others[subset.panel_with]
        )
        if subset.region or subset.org_type:
            members = frozenset(
                pk
                for pk in members
                if pk in facets
                and (not subset.region or facets[pk]["region"] == subset.region)
                and (not subset.org_type or facets[pk]["org_type"] == subset.org_type)
            )
        subsets[subset] = members
    order = list(subsets)
    round_level = dict(zip(order, admitted([subsets[s] for s in order]), strict=True))
    answered: dict[int, set[int]] = {}
    rows = Answer.objects.filter(
        response__invitation__round=round_, response__submitted_on__isnull=False
    ).values_list("question_id", "response__invitation__organisation_id")
    for question_id, organisation_id in rows:
        answered.setdefault(question_id, set()).add(organisation_id)
    by_question = {}
    for question_id, organisations in answered.items():
        candidates = [subsets[s] & organisations if round_level[s] else frozenset() for s in order]
        by_question[question_id] = dict(zip(order, admitted(candidates), strict=True))
    return RoundDisclosure(
        round_id=round_.pk,
        respondents=respondents,
        subsets=subsets,
        round_level=round_level,
        by_question=by_question,
        answered={pk: frozenset(ids) for pk, ids in answered.items()},
    )


def is_public(round_: Round) -> bool:
    """Results of an open round are never public: totals changing as organisations submit one
    by one would give each organisation's answers away; a round staff run is public once they
    publish it, after closing it."""
    return round_.is_published()
