"""The registry of computations a measure of success can use.

Each computation names the domain app and the ``queries.py`` function it calls, so that a
measure stays live: its value is recomputed from the rows the apps hold, and carries those rows
as evidence. The domain apps are optional to this module: when an app (or one of its functions)
is not installed, the computation reports itself *not available* with the reason, and the
dashboard shows that instead of failing.
"""

import datetime
import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from vigie.core.evidence import CountResult, Evidence


@dataclass(frozen=True)
class TrendPoint:
    label: str
    date: datetime.date
    value: float


@dataclass(frozen=True)
class Outcome:
    """What a computation gave: a result, or the reason it could not run."""

    result: CountResult | None
    trend: list[TrendPoint] = field(default_factory=list)
    unavailable: str = ""

    @property
    def available(self) -> bool:
        return self.result is not None


class NotAvailable(Exception):
    """The app or function a computation needs is not installed."""


def resolve(app: str, function: str) -> Callable[..., Any]:
    """The function ``vigie.<app>.queries.<function>``, or ``NotAvailable`` saying what is missing."""
    try:
        module: ModuleType = importlib.import_module(f"vigie.{app}.queries")
    except ImportError as error:
        raise NotAvailable(f"vigie.{app}.queries cannot be imported ({error})") from error
    found = getattr(module, function, None)
    if not callable(found):
        raise NotAvailable(f"vigie.{app}.queries has no function {function}()")
    return found


def year_ends(baseline: datetime.date, end: datetime.date) -> list[datetime.date]:
    """31 December of every year from the baseline's to the end's, the last one cut at ``end``."""
    return [min(datetime.date(year, 12, 31), end) for year in range(baseline.year, end.year + 1)]


@dataclass(frozen=True)
class Computation:
    key: str
    label: Promise
    app: str
    function: str
    # True when the trend gives one value per UN session or survey round, not a running total.
    trend_per_period: bool = False
    # True when the count is one evidence row per counted item, dated when it first counts: the
    # value at any day of the period is then the number of rows dated up to that day, which
    # spares one call to the app per year of the trend.
    trend_from_evidence: bool = False
    call: Callable[[Callable[..., Any], datetime.date, datetime.date], CountResult] = (
        lambda function, baseline, end: function(baseline, end)
    )
    series: (
        Callable[[Callable[..., Any], datetime.date, datetime.date], list[TrendPoint]] | None
    ) = None

    def run(self, baseline: datetime.date, end: datetime.date) -> Outcome:
        try:
            function = resolve(self.app, self.function)
        except NotAvailable as missing:
            return Outcome(result=None, unavailable=str(missing))
        result = self.call(function, baseline, end)
        if self.trend_from_evidence:
            days = [row.date for row in result.evidence if row.date is not None]
            trend = [
                TrendPoint(str(day.year), day, float(sum(1 for d in days if d <= day)))
                for day in year_ends(baseline, end)
            ]
            return Outcome(result=result, trend=trend)
        try:
            trend = self.trend(function, baseline, end)
        except NotAvailable:
            trend = []
        return Outcome(result=result, trend=trend)

    def trend(
        self, function: Callable[..., Any], baseline: datetime.date, end: datetime.date
    ) -> list[TrendPoint]:
        """Values over time: the app's own series when it has one, else the value at each year end."""
        if self.series is not None:
            return self.series(function, baseline, end)
        return [
            TrendPoint(str(day.year), day, float(self.call(function, baseline, day).value))
            for day in year_ends(baseline, end)
        ]


def _milestone(
    function: Callable[..., Any], baseline: datetime.date, end: datetime.date
) -> CountResult:
    """The UN mechanism milestone as 0 (not reached) or 1 (established on or before ``end``).

    The UN tracker answers ``exists`` and ``established_on``, with the related steps as evidence
    and a ``status`` sentence saying why they are, or are not, the mechanism.
    """
    milestone: dict[str, Any] = function()
    established_on = milestone.get("established_on")
    reached = bool(milestone.get("exists"))
    if reached and isinstance(established_on, datetime.date) and established_on > end:
        reached = False
    evidence = [
        item
        for item in milestone.get("evidence", [])
        if isinstance(item, Evidence) and (item.date is None or item.date <= end)
    ]
    return CountResult(
        value=1 if reached else 0, definition=str(milestone.get("status", "")), evidence=evidence
    )


def _milestone_series(
    function: Callable[..., Any], baseline: datetime.date, end: datetime.date
) -> list[TrendPoint]:
    return [
        TrendPoint(str(day.year), day, float(_milestone(function, baseline, day).value))
        for day in year_ends(baseline, end)
    ]


def _media_share(
    function: Callable[..., Any], baseline: datetime.date, end: datetime.date
) -> CountResult:
    """The share in the latest media-survey round closed by ``end`` (the app's latest if unknown)."""
    try:
        rounds = resolve("surveys", "list_media_support_by_round")()
    except NotAvailable:
        rounds = []
    closed = [
        row
        for row in rounds
        if isinstance(row.get("closes_on"), datetime.date) and row["closes_on"] <= end
    ]
    if closed and "round_id" in closed[-1]:
        result: CountResult = function(round_id=closed[-1]["round_id"])
    else:
        result = function()
    return result


def _media_rounds(
    function: Callable[..., Any], baseline: datetime.date, end: datetime.date
) -> list[TrendPoint]:
    rounds: list[dict[str, Any]] = resolve("surveys", "list_media_support_by_round")()
    points = []
    for row in rounds:
        day = row.get("closes_on") or row.get("date") or row.get("opens_on")
        share = row.get("share", row.get("value"))
        if isinstance(day, datetime.datetime):
            day = day.date()
        if isinstance(day, datetime.date) and share is not None and day <= end:
            points.append(
                TrendPoint(str(row.get("label") or row.get("round") or day), day, float(share))
            )
    return sorted(points, key=lambda point: point.date)


def _un_sessions(
    function: Callable[..., Any], baseline: datetime.date, end: datetime.date
) -> list[TrendPoint]:
    """States calling for reform in each UN session of the period (by the session's last day)."""
    sessions: list[dict[str, Any]] = resolve("un", "list_reform_states_by_session")()
    points = []
    for row in sessions:
        day = row.get("end_date") or row.get("start_date")
        if isinstance(day, datetime.date) and baseline <= day <= end:
            points.append(TrendPoint(str(row.get("session") or day), day, float(row["count"])))
    return sorted(points, key=lambda point: point.date)


REGISTRY: dict[str, Computation] = {
    computation.key: computation
    for computation in (
        Computation(
            key="atlas.new_decriminalising_jurisdictions",
            label=_("Policy atlas: new decriminalising jurisdictions since the baseline"),
            app="atlas",
            function="count_new_decriminalising_jurisdictions",
            trend_from_evidence=True,
        ),
        Computation(
            key="atlas.new_regulating_jurisdictions",
            label=_(
                "Policy atlas: new jurisdictions adopting or proposing regulation with "
                "social-justice components since the baseline"
            ),
            app="atlas",
            function="count_new_regulating_jurisdictions",
            call=lambda function, baseline, end: function(
                baseline, end, include_proposed=True, social_justice_only=True
            ),
        ),
        Computation(
            key="un.states_calling_for_reform",
            label=_("UN tracker: member states calling for reform since the baseline"),
            app="un",
            function="count_states_calling_for_reform",
            series=_un_sessions,
            trend_per_period=True,
        ),
        Computation(
            key="un.mechanism_milestone",
            label=_("UN tracker: creation of a UN mechanism on human rights and drug policy"),
            app="un",
            function="get_un_mechanism_milestone",
            call=_milestone,
            series=_milestone_series,
        ),
        Computation(
            key="network.new_major_funding_sources",
            label=_("Members: new major funding sources against the 2024 baseline"),
            app="network",
            function="count_new_funding_sources",
            call=lambda function, baseline, end: function(baseline, end, major_only=True),
            trend_from_evidence=True,
        ),
        Computation(
            key="surveys.media_support_share",
            label=_("Surveys: share of members reporting increased media support (latest round)"),
            app="surveys",
            function="get_media_support_share",
            call=_media_share,
            series=_media_rounds,
            trend_per_period=True,
        ),
    )
}


def computation_choices() -> list[tuple[str, str]]:
    return [("", str(_("Entered by hand")))] + [
        (key, str(computation.label)) for key, computation in REGISTRY.items()
    ]
