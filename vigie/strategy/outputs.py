"""Outputs per pillar of work: counts of activities for a period, read from the apps' queries.

The apps do not tag their rows with a pillar, so each output is attached to the pillar (and,
where the plan makes it plain, the priority) whose planned activities it records; the mapping is
listed here once and documented in docs/strategy.md.
"""

import datetime
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from vigie.core.evidence import CountResult
from vigie.strategy.computations import NotAvailable, resolve


@dataclass(frozen=True)
class OutputDefinition:
    key: str
    label: Promise
    pillar: int
    priority: int | None
    app: str
    function: str


@dataclass(frozen=True)
class OutputCount:
    definition: OutputDefinition
    value: float | None
    unavailable: str = ""
    evidence_count: int = 0


OUTPUTS = (
    OutputDefinition("events_held", _("Events held"), 2, None, "events", "count_events_held"),
    OutputDefinition(
        "people_trained", _("People trained"), 2, None, "events", "count_people_trained"
    ),
    OutputDefinition(
        "mentoring_pairs", _("Mentoring pairs active"), 2, 4, "network", "count_mentoring_pairs"
    ),
    OutputDefinition(
        "measures_recorded",
        _("Policy measures recorded in the atlas"),
        3,
        None,
        "atlas",
        "count_measures_recorded",
    ),
    OutputDefinition(
        "statements_coded", _("UN statements coded"), 4, 3, "un", "count_statements_coded"
    ),
    OutputDefinition(
        "surveys_run", _("Member surveys run"), 1, None, "surveys", "count_surveys_run"
    ),
)


def count_output(
    definition: OutputDefinition, start: datetime.date, end: datetime.date
) -> OutputCount:
    try:
        function = resolve(definition.app, definition.function)
    except NotAvailable as missing:
        return OutputCount(definition, None, unavailable=str(missing))
    result = function(start, end)
    if isinstance(result, CountResult):
        return OutputCount(definition, float(result.value), evidence_count=len(result.evidence))
    return OutputCount(definition, float(result))


def list_outputs(start: datetime.date, end: datetime.date) -> list[OutputCount]:
    return [count_output(definition, start, end) for definition in OUTPUTS]
