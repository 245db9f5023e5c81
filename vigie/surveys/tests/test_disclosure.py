"""Disclosure control: no published figure, alone or combined with another, gives away what one
organisation answered (issue 13, "Survey answers can be recovered")."""

import datetime
import itertools
import re
from dataclasses import dataclass
from typing import Any

import numpy
import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from vigie.core.regions import Region
from vigie.core.tests.factories import make_user
from vigie.network.models import Organisation
from vigie.network.queries import list_organisation_type_choices
from vigie.strategy.loaders import load_plan
from vigie.surveys import disclosure, queries, results
from vigie.surveys.models import Answer, Round
from vigie.surveys.tests.helpers import answer_round, make_media_round, make_organisations

pytestmark = pytest.mark.django_db

MEASURE_URL = "/en/strategy/measures/members-reporting-more-media-support/"


@pytest.fixture(autouse=True)
def fresh_cache() -> None:
    """Measures are cached across requests; each test computes them afresh."""
    cache.clear()


def test_measure_page_does_not_print_four_of_six_organisations(client: Client) -> None:
    load_plan()
    round_ = make_media_round("2024")
    for index, organisation in enumerate(make_organisations(6)):
        answer_round(
            round_, organisation, media_support_change="increased" if index < 4 else "same"
        )
    body = client.get(MEASURE_URL).content.decode()
    assert "4 of 6" not in body
    assert "66.7" not in body
    results_cells = {c.label: c.count for c in results.round_results(round_)["questions"][0].cells}
    assert results_cells["Increased"] is None


def test_comparison_cannot_be_subtracted_from_the_round_results() -> None:
    first = make_media_round("2024")
    second = make_media_round("2026", version=first.version)
    organisations = make_organisations(7)
    for number, organisation in enumerate(organisations):
        answer_round(first, organisation, media_support_change="same", requests=number * 5)
    for organisation in organisations[1:]:
        answer_round(second, organisation, media_support_change="same", requests=1)
    requests_ = results.round_results(first)["questions"][2]
    assert (requests_.respondents, requests_.summary["mean"]) == (7, 15.0)
    comparison = results.compare_rounds(first, second)
    # Published, 6 × its mean subtracted from 7 × 15.0 would give the first organisation's 0.
    assert comparison["suppressed"] and comparison["differencing"]
    assert comparison["pairs"] == [] and comparison["panel"] == 0


def test_comparison_over_five_more_or_the_same_organisations_is_published() -> None:
    first = make_media_round("2024")
    second = make_media_round("2026", version=first.version)
    organisations = make_organisations(10)
    for organisation in organisations:
        answer_round(first, organisation, media_support_change="same")
    for organisation in organisations[5:]:
        answer_round(second, organisation, media_support_change="same")
    assert results.compare_rounds(first, second)["panel"] == 5
    assert results.compare_rounds(second, first)["panel"] == 5


def test_a_filter_one_organisation_short_of_the_round_is_not_published() -> None:
    round_ = make_media_round("2024")
    for organisation in make_organisations(6, region="150"):
        answer_round(round_, organisation, media_support_change="same", requests=3)
    answer_round(round_, make_organisations(1, region="002")[0], requests=40)
    assert results.round_results(round_)["respondents"] == 7
    europe = results.round_results(round_, region="150")
    assert europe["suppressed"] and europe["differencing"]


def test_a_lone_small_cell_is_hidden_with_its_complement() -> None:
    round_ = make_media_round("2024")
    for organisation in make_organisations(6):
        answer_round(round_, organisation, media_support_change="increased")
    for organisation in make_organisations(2):
        answer_round(round_, organisation, media_support_change="decreased")
    change = results.round_results(round_)["questions"][0]
    # 8 respondents, 6 increased and 0 same would leave 2 decreased.
    assert {c.label: c.count for c in change.cells} == {
        "Increased": None,
        "Same": 0,
        "Decreased": None,
    }


def test_a_question_asked_only_after_a_hidden_answer_is_hidden_too() -> None:
    round_ = make_media_round("2024")
    change = round_.version.questions.get(code="media_support_change")
    round_.version.questions.create(
        code="outlets",
        position=4,
        kind="number",
        required=False,
        show_if=change,
        show_if_values="increased",
        text_en="How many outlets?",
        text_fr="Combien de médias ?",
        text_es="¿Cuántos medios?",
    )
    for organisation in make_organisations(6):
        answer_round(round_, organisation, media_support_change="increased", outlets=3)
    for organisation in make_organisations(2):
        answer_round(round_, organisation, media_support_change="decreased")
    outlets = results.round_results(round_)["questions"][3]
    # Its 6 respondents would be the hidden Increased cell, and 8 − 6 the Decreased one.
    assert outlets.question.code == "outlets"
    assert outlets.suppressed and outlets.respondents == 0


def test_a_multiple_choice_cell_ticked_by_all_but_a_few_is_hidden() -> None:
    assert disclosure.hidden_cells_of_choices([9, 5, 0], 10) == [True, False, False]


def test_hidden_cells_never_add_up_to_a_recoverable_figure() -> None:
    assert disclosure.hidden_cells_of_partition([7, 3]) == [True, True]
    assert disclosure.hidden_cells_of_partition([7, 3, 2]) == [False, True, True]
    assert disclosure.hidden_cells_of_partition([5, 4, 4]) == [True, True, True]


def test_an_open_round_gives_no_figure_to_the_measures() -> None:
    round_ = make_media_round("current", open_now=True)
    for organisation in make_organisations(10):
        answer_round(round_, organisation, media_support_change="increased")
    assert queries.list_media_support_by_round() == []
    assert queries.get_media_support_share(round_.pk).evidence == []


# The attacker: everything the public and a member can read about a round, then every pair.


@dataclass(frozen=True)
class Figure:
    """One published aggregate of one question over a known set of organisations."""

    where: str
    round_id: int
    question: str
    organisations: frozenset[int]
    count: int
    mean: float | None
    cells: tuple[tuple[str, int | None], ...]


def _build_network(skipping: tuple[int, ...]) -> tuple[Round, Round]:
    """Two rounds with every near miss: a panel and filters one to four short of the round,
    a small cell of the media measure, and organisations of every region and type."""
    first = make_media_round("2024")
    second = make_media_round("2026", version=first.version)
    regions = list(Region.values)
    types = [value for value, _label in list_organisation_type_choices()]
    organisations: list[Organisation] = []
    for number in range(23):
        region = regions[0] if number < 14 else regions[number % len(regions)]
        org_type = types[0] if number % 4 else types[number % len(types)]
        organisations.extend(make_organisations(1, region=region, org_type=org_type))
    for number, organisation in enumerate(organisations):
        change = "increased" if number % 5 == 0 else ("same" if number % 3 else "decreased")
        answer_round(first, organisation, media_support_change=change, requests=number * 3 + 1)
        if number not in skipping:  # these organisations skip the second round
            answer_round(second, organisation, media_support_change="same", requests=number)
    return first, second


def _truth(round_: Round) -> dict[str, dict[int, Any]]:
    rows = Answer.objects.filter(response__invitation__round=round_).values_list(
        "question__code", "response__invitation__organisation_id", "value"
    )
    answers: dict[str, dict[int, Any]] = {}
    for code, organisation, value in rows:
        answers.setdefault(code, {})[organisation] = value
    return answers


def _facets() -> dict[int, tuple[str, str]]:
    return {o.pk: (o.region, o.org_type) for o in Organisation.objects.all()}


def _in_filter(organisation: int, region: str, org_type: str, facets: Any) -> bool:
    own_region, own_type = facets[organisation]
    return (not region or own_region == region) and (not org_type or own_type == org_type)


def _figures_of(
    where: str, round_: Round, question_results: list[Any], members: set[int], facets: Any
) -> list[Figure]:
    truth = _truth(round_)
    figures = []
    for result in question_results:
        if result.suppressed:
            continue
        answered = frozenset(members & set(truth.get(result.question.code, {})))
        figures.append(
            Figure(
                where=where,
                round_id=round_.pk,
                question=result.question.code,
                organisations=answered,
                count=result.respondents,
                mean=result.summary.get("mean"),
                cells=tuple((c.label, c.count) for c in result.cells),
            )
        )
    return figures


def _collect(client: Client, rounds: list[Round]) -> list[Figure]:
    """Every figure a visitor can read: results and comparison pages under every filter, the
    measure's page and the API."""
    facets = _facets()
    filters = [("", "")] + [
        (region, org_type)
        for region in ["", *Region.values]
        for org_type in ["", *(value for value, _ in list_organisation_type_choices())]
        if region or org_type
    ]
    submitted = {
        round_.pk: set(
            round_.invitations.filter(response__isnull=False).values_list(
                "organisation_id", flat=True
            )
        )
        for round_ in rounds
    }
    figures: list[Figure] = []
    for round_, (region, org_type) in itertools.product(rounds, filters):
        url = reverse("surveys:results", args=[round_.pk])
        context = client.get(url, {"region": region, "type": org_type}).context
        members = {o for o in submitted[round_.pk] if _in_filter(o, region, org_type, facets)}
        if context["results"] and not context["results"]["suppressed"]:
            assert context["results"]["respondents"] == len(members)
            figures += _figures_of(
                f"results {region}/{org_type}",
                round_,
                context["results"]["questions"],
                members,
                facets,
            )
    for (first, second), (region, org_type) in itertools.product(
        itertools.permutations(rounds, 2), filters
    ):
        url = reverse("surveys:compare", args=[first.version.survey.slug])
        query: dict[str, str | int] = {
            "first": first.pk,
            "second": second.pk,
            "region": region,
            "type": org_type,
        }
        comparison = client.get(url, query).context["comparison"]
        if comparison is None or comparison["suppressed"]:
            continue
        panel = {
            o
            for o in submitted[first.pk] & submitted[second.pk]
            if _in_filter(o, region, org_type, facets)
        }
        assert comparison["panel"] == len(panel)
        where = f"compare {first.name}-{second.name} {region}/{org_type}"
        figures += _figures_of(where, first, [b for b, _a in comparison["pairs"]], panel, facets)
        figures += _figures_of(where, second, [a for _b, a in comparison["pairs"]], panel, facets)
    details = [
        row["detail"]
        for m in client.get("/api/v1/strategy/measures").json()
        for row in m["evidence"]
    ]
    for page in (MEASURE_URL, "/en/strategy/", "/en/strategy/public/", "/en/strategy/plan/"):
        details.append(client.get(page).content.decode())
    for round_ in rounds:
        truth = _truth(round_)["media_support_change"]
        for text in details:
            for increased, total in re.findall(r"(\d+) of (\d+) organisations reported", text):
                if int(total) == len(truth):
                    figures.append(
                        Figure(
                            where="measure",
                            round_id=round_.pk,
                            question="media_support_change",
                            organisations=frozenset(truth),
                            count=int(total),
                            mean=None,
                            cells=(("Increased", int(increased)),),
                        )
                    )
    return figures


def _recoveries(figures: list[Figure], rounds: list[Round]) -> list[str]:
    """What the attacker learns about fewer than 5 organisations, by any figure or pair."""
    truths = {round_.pk: _truth(round_) for round_ in rounds}
    found = []
    for figure in figures:
        if 0 < figure.count < disclosure.MIN_ORGANISATIONS:
            found.append(f"{figure.where}: {figure.question} over {figure.count}")
        shown = [count for _label, count in figure.cells]
        if figure.question != "requests" and shown.count(None) == 1 and figure.where != "measure":
            hidden = figure.count - sum(c for c in shown if c is not None)
            if 0 < hidden < disclosure.MIN_ORGANISATIONS:
                found.append(f"{figure.where}: {figure.question} hidden cell is {hidden}")
        for _label, count in figure.cells:
            if count is not None and 0 < count < disclosure.MIN_ORGANISATIONS:
                found.append(f"{figure.where}: {figure.question} cell of {count}")
    for one, other in itertools.combinations(figures, 2):
        if (one.round_id, one.question) != (other.round_id, other.question):
            continue
        bigger, smaller = sorted((one, other), key=lambda f: -len(f.organisations))
        left_out = bigger.organisations - smaller.organisations
        if not (smaller.organisations <= bigger.organisations and left_out):
            continue
        if len(left_out) < disclosure.MIN_ORGANISATIONS:
            truth = truths[bigger.round_id][bigger.question]
            if bigger.mean is not None and smaller.mean is not None:
                # count × mean of one minus count × mean of the other: the sum of the left-out.
                derived = bigger.count * bigger.mean - smaller.count * smaller.mean
                actual = sum(float(truth[o]) for o in left_out)
                if abs(derived - actual) <= 0.05 * (bigger.count + smaller.count):
                    found.append(f"{bigger.where} − {smaller.where}: sum of {len(left_out)}")
            small = dict(smaller.cells)
            for label, count in bigger.cells:
                if count is not None and small.get(label) is not None:
                    found.append(f"{bigger.where} − {smaller.where}: {label} of {len(left_out)}")
    return found


def _solvable(figures: list[Figure]) -> list[str]:
    """Organisations whose answer follows from *any* combination of the published sums.

    Each figure with a mean or cells is a sum over its set of organisations; an organisation's
    own value is recoverable exactly when its unit vector lies in the span of those sets.
    """
    found = []
    keys = {(f.round_id, f.question) for f in figures}
    for key in sorted(keys):
        sets = [f.organisations for f in figures if (f.round_id, f.question) == key]
        sets = [s for s in sets if s]
        columns = sorted(set().union(*sets))
        matrix = numpy.array([[o in s for o in columns] for s in sets], dtype=float)
        rank = numpy.linalg.matrix_rank(matrix)
        for index, organisation in enumerate(columns):
            unit = numpy.zeros((1, len(columns)))
            unit[0, index] = 1.0
            if numpy.linalg.matrix_rank(numpy.vstack([matrix, unit])) == rank:
                found.append(f"round {key[0]}, {key[1]}: organisation {organisation}")
    return found


@pytest.mark.parametrize("role", [None, "member"])
@pytest.mark.parametrize(
    ("skipping", "compared"),
    [((4, 17), False), ((0, 5, 10, 15, 20), True)],
    ids=["2 skip, no comparison", "5 skip, comparison"],
)
@pytest.mark.usefixtures("template_context")
def test_no_pair_of_published_figures_recovers_an_organisations_answer(
    role: str | None, skipping: tuple[int, ...], compared: bool
) -> None:
    first, second = _build_network(skipping)
    load_plan()
    client = Client()
    if role:
        client.force_login(make_user("reader", role=role))
    rounds = [first, second]
    figures = _collect(client, rounds)
    # The attacker has something to work with: the round totals and the media measure.
    assert any(f.where == "results /" for f in figures)
    assert any(f.where.startswith("compare") for f in figures) == compared
    assert _recoveries(figures, rounds) == []
    assert _solvable(figures) == []


def test_the_attacker_finds_what_the_rules_would_let_through() -> None:
    """The attacker is not blind: given a panel one organisation short, it recovers the sum."""
    round_ = make_media_round("2024")
    people = make_organisations(7)
    for index, organisation in enumerate(people):
        answer_round(round_, organisation, requests=2 if index == 6 else 19.5)
    ids = [o.pk for o in people]
    whole = Figure("results", round_.pk, "requests", frozenset(ids), 7, 17.0, ())
    panel = Figure("compare", round_.pk, "requests", frozenset(ids[:6]), 6, 19.5, ())
    assert _recoveries([whole, panel], [round_]) != []
    assert _solvable([whole, panel]) == [f"round {round_.pk}, requests: organisation {ids[6]}"]


def test_the_round_results_are_published_with_the_demo_sized_network() -> None:
    round_ = make_media_round("2024")
    for organisation in make_organisations(8):
        answer_round(round_, organisation, media_support_change="increased")
    outcome = results.round_results(round_)
    assert outcome["respondents"] == 8 and not outcome["suppressed"]
    assert queries.get_media_support_share().value == 100.0
    assert datetime.date(2024, 6, 30) == queries.list_media_support_by_round()[0]["closes_on"]
