"""Outputs per pillar of work: counts of activities for a period, read from the apps' queries.

The apps do not tag their rows with a pillar, so each output is attached to the pillar (and,
where the plan makes it plain, the priority) whose planned activities it records; the mapping is
listed here once and documented in docs/strategy.md.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from vigie.atlas import queries as atlas_queries
from vigie.campaign import queries as campaign_queries
from vigie.core.evidence import CountResult
from vigie.events import queries as events_queries
from vigie.learning import queries as learning_queries
from vigie.network import queries as network_queries
from vigie.surveys import queries as surveys_queries
from vigie.un import queries as un_queries


@dataclass(frozen=True)
class OutputDefinition:
    key: str
    label: Promise
    pillar: int
    priority: int | None
    # Activities recorded between two dates, inclusive: a bare number or a count with evidence.
    count: Callable[[datetime.date, datetime.date], CountResult | int]


@dataclass(frozen=True)
class OutputCount:
    definition: OutputDefinition
    value: float
    evidence_count: int = 0


def count_people_trained_or_certified(start: datetime.date, end: datetime.date) -> CountResult:
    """People marked present at an event, and people certified by an online course, between two
    dates: each person (by email address, compared as ``person_key``s) counts once, whichever way
    and however often they were trained. The evidence rows are the events' and the courses'."""
    events = events_queries.count_people_trained(start, end)
    courses = learning_queries.count_certificates_issued(start, end)
    people = events_queries.list_trained_person_keys(start, end)
    people |= learning_queries.list_certified_person_keys(start, end)
    return CountResult(
        value=len(people),
        definition=f"{events.definition} Together with: {courses.definition} "
        "A person both present at an event and certified counts once.",
        evidence=[*events.evidence, *courses.evidence],
    )


# Each count looks the query up when it runs, so that a test may replace the query function.
OUTPUTS = (
    OutputDefinition(
        "events_held",
        _("Events held"),
        2,
        None,
        lambda start, end: events_queries.count_events_held(start, end),
    ),
    OutputDefinition(
        "people_trained",
        _("People trained"),
        2,
        None,
        lambda start, end: count_people_trained_or_certified(start, end),
    ),
    OutputDefinition(
        "mentoring_pairs",
        _("Mentoring pairs active"),
        2,
        4,
        lambda start, end: network_queries.count_mentoring_pairs(start, end),
    ),
    OutputDefinition(
        "campaign_grants",
        _("Support. Don't Punish grants awarded"),
        2,
        None,
        lambda start, end: campaign_queries.count_grants_awarded(start, end),
    ),
    OutputDefinition(
        "campaign_partners",
        _("Partners supported by Support. Don't Punish grants"),
        2,
        None,
        lambda start, end: campaign_queries.count_partners_supported(start, end),
    ),
    OutputDefinition(
        "campaign_countries",
        _("Countries reached by Support. Don't Punish grants"),
        2,
        None,
        lambda start, end: campaign_queries.count_countries_reached(start, end),
    ),
    OutputDefinition(
        "measures_recorded",
        _("Policy measures recorded in the atlas"),
        3,
        None,
        lambda start, end: atlas_queries.count_measures_recorded(start, end),
    ),
    OutputDefinition(
        "statements_coded",
        _("UN statements coded"),
        4,
        3,
        lambda start, end: un_queries.count_statements_coded(start, end),
    ),
    OutputDefinition(
        "surveys_run",
        _("Member surveys run"),
        1,
        None,
        lambda start, end: surveys_queries.count_surveys_run(start, end),
    ),
)


def count_output(
    definition: OutputDefinition, start: datetime.date, end: datetime.date
) -> OutputCount:
    result = definition.count(start, end)
    if isinstance(result, CountResult):
        return OutputCount(definition, float(result.value), evidence_count=len(result.evidence))
    return OutputCount(definition, float(result))


def list_outputs(start: datetime.date, end: datetime.date) -> list[OutputCount]:
    return [count_output(definition, start, end) for definition in OUTPUTS]
