"""Outputs per pillar of work: counts of activities for a period, read from the apps' queries.

The apps do not tag their rows with a pillar, so each output is attached to the pillar (and,
where the plan makes it plain, the priority) whose planned activities it records; the mapping is
listed here once and documented in docs/strategy.md.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from vigie.atlas import queries as atlas_queries
from vigie.campaign import queries as campaign_queries
from vigie.core.evidence import CountResult, Evidence
from vigie.core.freshness import CACHE_SECONDS, data_version
from vigie.core.i18n import active_language
from vigie.events import queries as events_queries
from vigie.learning import queries as learning_queries
from vigie.library import queries as library_queries
from vigie.network import queries as network_queries
from vigie.strategy.models import Plan
from vigie.strategy.progress import get_current_plan, plan_end
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
    # Stored: read from the shared cache under the data version, computed by the task worker
    # after each change of facts (``precompute_outputs``), for a count whose cost grows with the
    # data. Every writer of what it counts marks facts changed (``vigie.core.freshness``).
    stored: bool = False


@dataclass(frozen=True)
class OutputCount:
    definition: OutputDefinition
    value: float
    evidence_count: int = 0
    evidence: tuple[Evidence, ...] = ()


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
        # every attendee's and certified learner's address is read: stored (written by the
        # attendance sheet, a certificate issued, an event saved, or the admin)
        stored=True,
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
        "publications_released",
        _("Publications released"),
        3,
        None,
        lambda start, end: library_queries.count_publications_released(start, end),
    ),
    OutputDefinition(
        "publication_coverage",
        _("Media coverage of the publications released"),
        3,
        5,
        lambda start, end: library_queries.count_publication_coverage(start, end),
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
        return OutputCount(
            definition,
            float(result.value),
            evidence_count=len(result.evidence),
            evidence=tuple(result.evidence),
        )
    return OutputCount(definition, float(result))


def output_period(plan: Plan) -> tuple[datetime.date, datetime.date]:
    """The period of the outputs on the editors' dashboard: the plan's first day to its end."""
    return datetime.date(plan.starts_year, 1, 1), plan_end(plan)


def _stored_key(
    key: str, start: datetime.date, end: datetime.date, language: str, version: int
) -> str:
    return f"strategy:output:{key}:{start.isoformat()}:{end.isoformat()}:{language}:{version}"


# A stored output is kept as its figures (value, evidence count, evidence): its definition holds
# the function that counts it, which is not stored.
Figures = tuple[float, int, tuple[Evidence, ...]]


def _figures(count: OutputCount) -> Figures:
    return count.value, count.evidence_count, count.evidence


def list_outputs(start: datetime.date, end: datetime.date) -> list[OutputCount]:
    """Every output between two dates; the stored ones read from the shared cache (computed
    here, once, if the task worker has not computed them under the current version)."""
    stored = [definition for definition in OUTPUTS if definition.stored]
    keys = {}
    if stored:
        version, language = data_version(), active_language()
        keys = {d.key: _stored_key(d.key, start, end, language, version) for d in stored}
    found: dict[str, Figures] = cache.get_many(list(keys.values())) if keys else {}
    counts = []
    for definition in OUTPUTS:
        figures = found.get(keys.get(definition.key, ""))
        if figures is not None:
            counts.append(OutputCount(definition, *figures))
            continue
        count = count_output(definition, start, end)
        if definition.stored:
            cache.set(keys[definition.key], _figures(count), CACHE_SECONDS)
        counts.append(count)
    return counts


def precompute_outputs(version: int) -> int:
    """Compute the stored outputs of the current plan's dashboard period, in every language,
    and store them under ``version`` (``settings.PRECOMPUTED_PAGES``). Returns the number stored."""
    plan = get_current_plan()
    if plan is None:
        return 0
    start, end = output_period(plan)
    figures = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for definition in OUTPUTS:
                if definition.stored:
                    key = _stored_key(definition.key, start, end, language, version)
                    figures[key] = _figures(count_output(definition, start, end))
    cache.set_many(figures, CACHE_SECONDS)
    return len(figures)
