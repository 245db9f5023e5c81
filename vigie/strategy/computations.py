"""The registry of computations a measure of success can use.

Each computation calls one function of a domain app's ``queries.py``, so that a measure stays
live: its value is recomputed from the rows the apps hold, and carries those rows as evidence.
Every app is installed; the queries are imported here like any other module, and mypy checks
each call against the function's signature and the shape of what it returns.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from vigie.atlas import queries as atlas_queries
from vigie.core.evidence import CountResult
from vigie.network import queries as network_queries
from vigie.surveys import queries as surveys_queries
from vigie.un import queries as un_queries


@dataclass(frozen=True)
class TrendPoint:
    label: str
    date: datetime.date
    value: float


@dataclass(frozen=True)
class Outcome:
    """What a computation gave: the result and its values over time."""

    result: CountResult
    trend: list[TrendPoint] = field(default_factory=list)


# A count between the baseline and an end date, inclusive.
Count = Callable[[datetime.date, datetime.date], CountResult]
# The values over the period, when the app gives its own series (per UN session, survey round).
Series = Callable[[datetime.date, datetime.date], list[TrendPoint]]


def year_ends(baseline: datetime.date, end: datetime.date) -> list[datetime.date]:
    """31 December of every year from the baseline's to the end's, the last one cut at ``end``."""
    return [min(datetime.date(year, 12, 31), end) for year in range(baseline.year, end.year + 1)]


@dataclass(frozen=True)
class Computation:
    key: str
    label: Promise
    count: Count
    # True when the trend gives one value per UN session or survey round, not a running total.
    trend_per_period: bool = False
    # True when the count is one evidence row per counted item, dated when it first counts: the
    # value at any day of the period is then the number of rows dated up to that day, which
    # spares one call to the app per year of the trend.
    trend_from_evidence: bool = False
    series: Series | None = None

    def run(self, baseline: datetime.date, end: datetime.date) -> Outcome:
        result = self.count(baseline, end)
        if self.trend_from_evidence:
            days = [row.date for row in result.evidence if row.date is not None]
            trend = [
                TrendPoint(str(day.year), day, float(sum(1 for d in days if d <= day)))
                for day in year_ends(baseline, end)
            ]
            return Outcome(result=result, trend=trend)
        return Outcome(result=result, trend=self.trend(baseline, end))

    def trend(self, baseline: datetime.date, end: datetime.date) -> list[TrendPoint]:
        """Values over time: the app's own series when it has one, else the value at each year end."""
        if self.series is not None:
            return self.series(baseline, end)
        return [
            TrendPoint(str(day.year), day, float(self.count(baseline, day).value))
            for day in year_ends(baseline, end)
        ]


def _new_decriminalising(baseline: datetime.date, end: datetime.date) -> CountResult:
    return atlas_queries.count_new_decriminalising_jurisdictions(baseline, end)


def _new_regulating(baseline: datetime.date, end: datetime.date) -> CountResult:
    return atlas_queries.count_new_regulating_jurisdictions(
        baseline, end, include_proposed=True, social_justice_only=True
    )


def _states_calling_for_reform(baseline: datetime.date, end: datetime.date) -> CountResult:
    return un_queries.count_states_calling_for_reform(baseline, end)


def _un_sessions(baseline: datetime.date, end: datetime.date) -> list[TrendPoint]:
    """The running total of states calling for reform since the baseline, at the last day of
    each UN session of the period and at ``end``: the same distinct count as the headline, so the
    line never falls when a later session has fewer reform statements."""
    days = sorted(
        {
            (row["end_date"], row["session"] or str(row["end_date"]))
            for row in un_queries.list_reform_states_by_session()
            if baseline <= row["end_date"] < end
        }
    )
    points = [
        TrendPoint(label, day, float(_states_calling_for_reform(baseline, day).value))
        for day, label in days
    ]
    points.append(
        TrendPoint(end.isoformat(), end, float(_states_calling_for_reform(baseline, end).value))
    )
    return points


def _milestone(baseline: datetime.date, end: datetime.date) -> CountResult:
    """The UN mechanism milestone as 0 (not reached) or 1 (established on or before ``end``).

    The UN tracker answers ``exists`` and ``established_on``, with the related steps as evidence
    and a ``status`` sentence saying why they are, or are not, the mechanism.
    """
    milestone = un_queries.get_un_mechanism_milestone()
    established_on = milestone["established_on"]
    reached = milestone["exists"] and (established_on is None or established_on <= end)
    evidence = [item for item in milestone["evidence"] if item.date is None or item.date <= end]
    latest = milestone["latest"]
    return CountResult(
        value=1 if reached else 0,
        definition=milestone["status"],
        evidence=evidence,
        latest=latest
        if latest is not None and (latest.date is None or latest.date <= end)
        else None,
    )


def _new_major_funding(baseline: datetime.date, end: datetime.date) -> CountResult:
    return network_queries.count_new_funding_sources(baseline, end, major_only=True)


def _media_rounds_closed(end: datetime.date) -> list[tuple[surveys_queries.MediaRound, float]]:
    """The rounds of the media survey closed by ``end`` with the share reported, oldest first."""
    return [
        (row, row["share"])
        for row in sorted(
            surveys_queries.list_media_support_by_round(), key=lambda r: r["closes_on"]
        )
        if row["share"] is not None and row["closes_on"] <= end
    ]


def _media_share(baseline: datetime.date, end: datetime.date) -> CountResult:
    """The share in the latest media-survey round closed by ``end`` (the app's latest if none)."""
    closed = _media_rounds_closed(end)
    return surveys_queries.get_media_support_share(
        round_id=closed[-1][0]["round_id"] if closed else None
    )


def _media_rounds(baseline: datetime.date, end: datetime.date) -> list[TrendPoint]:
    """The share reported in each round of the media survey closed by ``end``."""
    return [
        TrendPoint(row["round"] or str(row["closes_on"]), row["closes_on"], float(share))
        for row, share in _media_rounds_closed(end)
    ]


REGISTRY: dict[str, Computation] = {
    computation.key: computation
    for computation in (
        Computation(
            key="atlas.new_decriminalising_jurisdictions",
            label=_("Policy atlas: new decriminalising jurisdictions since the baseline"),
            count=_new_decriminalising,
            trend_from_evidence=True,
        ),
        Computation(
            key="atlas.new_regulating_jurisdictions",
            label=_(
                "Policy atlas: new jurisdictions adopting or proposing regulation with "
                "social-justice components since the baseline"
            ),
            count=_new_regulating,
        ),
        Computation(
            key="un.states_calling_for_reform",
            label=_("UN tracker: member states calling for reform since the baseline"),
            count=_states_calling_for_reform,
            series=_un_sessions,
        ),
        Computation(
            key="un.mechanism_milestone",
            label=_("UN tracker: creation of a UN mechanism on human rights and drug policy"),
            count=_milestone,
        ),
        Computation(
            key="network.new_major_funding_sources",
            label=_("Members: new major funding sources against the 2024 baseline"),
            count=_new_major_funding,
            trend_from_evidence=True,
        ),
        Computation(
            key="surveys.media_support_share",
            label=_("Surveys: share of members reporting increased media support (latest round)"),
            count=_media_share,
            series=_media_rounds,
            trend_per_period=True,
        ),
    )
}


def computation_choices() -> list[tuple[str, str]]:
    return [("", str(_("Entered by hand")))] + [
        (key, str(computation.label)) for key, computation in REGISTRY.items()
    ]
