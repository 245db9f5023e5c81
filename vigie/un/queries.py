"""Read-only answers of the UN tracker; the only module other apps may import.

The measure of success "number of UN member states calling for system change and reform of the
conventions in UN forums" is computed here from coded statements: a state counts when a coding
at or above the chosen level is attached to its own statement or to a joint statement it signed,
and no second coder disputed that coding.
"""

import datetime
from collections import defaultdict
from typing import Any, TypedDict

from django.core.cache import cache
from django.db.models import Prefetch, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from vigie.core.evidence import CountResult, Evidence
from vigie.core.freshness import CACHE_SECONDS, data_version
from vigie.core.models import Country
from vigie.un.models import (
    Coding,
    CountryVote,
    JointStatement,
    Milestone,
    PositionCode,
    ReviewVerdict,
    Session,
    Signatory,
    Statement,
)
from vigie.un.stats import cohens_kappa

REFORM_CODE = "system_change"


class ReformState(TypedDict):
    iso2: str
    iso3: str
    name: str
    evidence: list[Evidence]


class SessionReformStates(TypedDict):
    """The UN member states calling for reform in one session, with the evidence for each."""

    session_id: int
    session: str
    forum: str
    start_date: datetime.date
    end_date: datetime.date
    count: int
    states: list[ReformState]


class MechanismMilestone(TypedDict):
    """Whether the dedicated mechanism exists, since when, and the related steps as evidence."""

    exists: bool
    status: str
    established_on: datetime.date | None
    evidence: list[Evidence]


class CountryVoteRecord(TypedDict):
    """How one country voted on one resolution (``vote`` is the ballot code)."""

    vote_id: int
    title: str
    date: datetime.date
    date_is_approximate: bool
    forum: str
    session: str
    vote: str
    vote_label: str
    url: str


class CodedPosition(TypedDict):
    """A position coded from a country's own statement or a joint statement it signed."""

    date: datetime.date
    session: str
    forum: str
    kind: str
    label: str
    position: str
    position_label: str
    rank: int
    evidence: str
    verdict: str
    url: str


class PositionCount(TypedDict):
    code: str
    label: str
    rank: int
    count: int


class CoderAgreement(TypedDict):
    pairs: int
    kappa: float | None


def _threshold(min_position: str | None) -> PositionCode | None:
    return PositionCode.objects.filter(code=min_position or REFORM_CODE).first()


def _counted_codings(threshold: PositionCode) -> QuerySet[Coding]:
    return (
        Coding.objects.filter(position__rank__gte=threshold.rank)
        .exclude(verdict=ReviewVerdict.DISPUTED)
        .select_related(
            "position",
            "statement__country",
            "statement__meeting__session__forum",
            "joint_statement__session__forum",
        )
        .prefetch_related("statement__sources", "joint_statement__sources")
    )


def _source_urls(model: Any, column: str, owners: QuerySet[Any]) -> dict[int, tuple[str, ...]]:
    """The source addresses of the statements (or joint statements) among ``owners`` (a
    subquery): always one query, whether there are none or thousands."""
    through = model.sources.through
    found: dict[int, list[str]] = defaultdict(list)
    rows = through.objects.filter(**{f"{column}_id__in": Subquery(owners)}).order_by(
        "source__publisher", "source__title", "source__url"
    )
    for owner, url in rows.values_list(f"{column}_id", "source__url"):
        found[owner].append(url)
    return {owner: tuple(urls) for owner, urls in found.items()}


def _dated_evidence(
    threshold: PositionCode, start: datetime.date, end: datetime.date
) -> list[tuple[Country, datetime.date, Evidence]]:
    """Each evidence row of a UN member state at or above the threshold in the period, with its
    date (three queries and their prefetches, whatever the number of joint statements)."""
    rows: list[tuple[Country, datetime.date, Evidence]] = []
    codings = (
        _counted_codings(threshold)
        .filter(
            Q(statement__meeting__date__range=(start, end))
            | Q(joint_statement__signatories__joined_on__range=(start, end))
        )
        .distinct()
        .prefetch_related(None)
        .prefetch_related(
            Prefetch(
                "joint_statement__signatories",
                queryset=Signatory.objects.filter(country__is_un_member=True).select_related(
                    "country"
                ),
                to_attr="member_signatories",
            )
        )
    )
    statement_sources = _source_urls(Statement, "statement", codings.values("statement_id"))
    joint_sources = _source_urls(
        JointStatement, "jointstatement", codings.values("joint_statement_id")
    )
    for coding in codings:
        if coding.statement is not None:
            statement = coding.statement
            if statement.country is None or not statement.country.is_un_member:
                continue
            session = statement.meeting.session
            rows.append(
                (
                    statement.country,
                    statement.meeting.date,
                    Evidence(
                        label=f"{statement.country.name} · {session.label} · "
                        f"{statement.meeting.agenda_item}",
                        url=reverse("un:session", args=[session.pk]) + f"#statement-{statement.pk}",
                        date=statement.meeting.date,
                        detail=f"{coding.position.label}: {coding.evidence}",
                        source_urls=statement_sources.get(statement.pk, ()),
                    ),
                )
            )
        else:
            joint = coding.joint_statement
            assert joint is not None
            for signatory in joint.member_signatories:  # type: ignore[attr-defined]
                if not start <= signatory.joined_on <= end:
                    continue
                rows.append(
                    (
                        signatory.country,
                        signatory.joined_on,
                        Evidence(
                            label=f"{signatory.country.name} · {joint.title}",
                            url=reverse("un:session", args=[joint.session.pk])
                            + f"#joint-{joint.pk}",
                            date=signatory.joined_on,
                            detail=f"{coding.position.label}: {coding.evidence}",
                            source_urls=joint_sources.get(joint.pk, ()),
                        ),
                    )
                )
    return rows


def _group_by_state(
    rows: list[tuple[Country, datetime.date, Evidence]], start: datetime.date, end: datetime.date
) -> dict[Country, list[Evidence]]:
    found: dict[Country, list[Evidence]] = defaultdict(list)
    for country, day, evidence in rows:
        if start <= day <= end:
            found[country].append(evidence)
    return found


def _state_evidence(
    threshold: PositionCode, start: datetime.date, end: datetime.date
) -> dict[Country, list[Evidence]]:
    """Each UN member state at or above the threshold in the period, with its evidence rows."""
    return _group_by_state(_dated_evidence(threshold, start, end), start, end)


def count_states_calling_for_reform(
    start: datetime.date, end: datetime.date, *, min_position: str | None = None
) -> CountResult:
    """Distinct UN member states coded at or above the reform level (or ``min_position``).

    Cached per data version and language, as ``list_reform_states_by_session``.
    """
    key = f"un:reform-count:{start}:{end}:{min_position}:{data_version()}:{get_language()}"
    found = cache.get(key)
    if found is None:
        found = _count_states_calling_for_reform(start, end, min_position=min_position)
        cache.set(key, found, CACHE_SECONDS)
    return found


def _count_states_calling_for_reform(
    start: datetime.date, end: datetime.date, *, min_position: str | None = None
) -> CountResult:
    threshold = _threshold(min_position)
    definition = _(
        "Distinct UN member states whose own statement, or a joint statement they signed, made "
        "between %(start)s and %(end)s is coded “%(level)s” or higher, excluding codings disputed "
        "by a second coder."
    ) % {
        "start": start.isoformat(),
        "end": end.isoformat(),
        "level": threshold.label if threshold else (min_position or REFORM_CODE),
    }
    if threshold is None:
        return CountResult(value=0, definition=definition, evidence=[])
    found = _state_evidence(threshold, start, end)
    evidence = [row for country in sorted(found, key=lambda c: c.name_en) for row in found[country]]
    return CountResult(value=len(found), definition=definition, evidence=evidence)


def list_reform_states_by_session(*, with_states: bool = True) -> list[SessionReformStates]:
    """Per session: label, forum, dates, the number of reform states and the states themselves
    (an empty list of states if ``with_states`` is false: the counts alone are a smaller read).

    Computed once per data version and language (``vigie.core.freshness``: every writer of UN
    facts marks them changed), then read from the cache by the home page, the tracker and the API.
    """
    key = f"un:reform-states:{data_version()}:{get_language()}"
    rows = cache.get(f"{key}:{with_states}")
    if rows is None:
        full = _reform_states_by_session()
        counts = [SessionReformStates(**{**row, "states": []}) for row in full]
        cache.set_many({f"{key}:True": full, f"{key}:False": counts}, CACHE_SECONDS)
        rows = full if with_states else counts
    return list(rows)


def _reform_states_by_session() -> list[SessionReformStates]:
    threshold = _threshold(None)
    sessions = list(Session.objects.select_related("forum").order_by("start_date"))
    # Every session's evidence is read at once, over the span of all the sessions.
    dated = (
        _dated_evidence(
            threshold,
            min(session.start_date for session in sessions),
            max(session.end_date for session in sessions),
        )
        if threshold and sessions
        else []
    )
    rows = []
    for session in sessions:
        found = _group_by_state(dated, session.start_date, session.end_date)
        states = sorted(found, key=lambda country: country.name_en)
        rows.append(
            SessionReformStates(
                session_id=session.pk,
                session=session.label,
                forum=session.forum.abbreviation,
                start_date=session.start_date,
                end_date=session.end_date,
                count=len(states),
                states=[
                    ReformState(iso2=c.iso2, iso3=c.iso3, name=c.name, evidence=found[c])
                    for c in states
                ],
            )
        )
    return rows


def get_un_mechanism_milestone() -> MechanismMilestone:
    """Whether a dedicated UN mechanism reports on the human-rights impact of drug policy.

    ``exists`` is true only when a loaded milestone is marked as such a mechanism; the related
    steps (one-off reports, the 2025 expert panel on the drug control system) are returned as
    evidence with the reason each one is not that mechanism.
    """
    milestones = list(Milestone.objects.prefetch_related("sources").order_by("date"))
    mechanisms = [m for m in milestones if m.is_dedicated_mechanism]
    evidence = [
        Evidence(
            label=(f"{m.date:%Y-%m} · " if m.date_is_approximate else "")
            + f"{m.symbol + ' · ' if m.symbol else ''}{m.title}",
            url=reverse("un:tracker") + "#mechanism",
            date=None if m.date_is_approximate else m.date,
            detail=m.summary if m.is_dedicated_mechanism else f"{m.summary} {m.why_not_mechanism}",
            source_urls=tuple(source.url for source in m.sources.all()),
        )
        for m in milestones
    ]
    if mechanisms:
        status = _("A dedicated UN mechanism exists: %(title)s (%(date)s).") % {
            "title": mechanisms[0].title,
            "date": mechanisms[0].date.isoformat(),
        }
    else:
        status = _(
            "No dedicated UN mechanism reporting on the human-rights impact of drug policy is "
            "recorded. The related steps below are one-off reports, a common position, or a "
            "review of the drug control system whose mandate is not verified to cover human "
            "rights."
        )
    return MechanismMilestone(
        exists=bool(mechanisms),
        status=status,
        established_on=mechanisms[0].date if mechanisms else None,
        evidence=evidence,
    )


def count_statements_coded(start: datetime.date, end: datetime.date) -> int:
    """Statements and joint statements made in the period that carry a position code."""
    return Coding.objects.filter(
        Q(statement__meeting__date__range=(start, end))
        | Q(joint_statement__date__range=(start, end))
    ).count()


def list_votes_for_country(iso2: str) -> list[CountryVoteRecord]:
    """The recorded votes of one country, newest first."""
    records = (
        CountryVote.objects.filter(country__iso2=iso2.upper())
        .select_related("vote__session__forum")
        .order_by("-vote__date")
    )
    return [
        CountryVoteRecord(
            vote_id=record.vote.pk,
            title=record.vote.title,
            date=record.vote.date,
            date_is_approximate=record.vote.date_is_approximate,
            forum=record.vote.session.forum.abbreviation,
            session=record.vote.session.label,
            vote=record.ballot,
            vote_label=record.get_ballot_display(),
            url=reverse("un:vote", args=[record.vote.pk]),
        )
        for record in records
    ]


def list_positions_for_country(iso2: str) -> list[CodedPosition]:
    """The coded positions of one country over time (own statements and joint statements)."""
    iso2 = iso2.upper()
    codings = Coding.objects.filter(
        Q(statement__country__iso2=iso2) | Q(joint_statement__signatories__country__iso2=iso2)
    ).select_related(
        "position", "statement__meeting__session__forum", "joint_statement__session__forum"
    )
    rows: list[CodedPosition] = []
    for coding in codings.distinct():
        if coding.statement is not None:
            session = coding.statement.meeting.session
            date = coding.statement.meeting.date
            kind, label = "statement", coding.statement.meeting.agenda_item
            anchor = f"#statement-{coding.statement.pk}"
        else:
            joint = coding.joint_statement
            assert joint is not None
            session, date, kind, label = joint.session, joint.date, "joint_statement", joint.title
            anchor = f"#joint-{joint.pk}"
        rows.append(
            CodedPosition(
                date=date,
                session=session.label,
                forum=session.forum.abbreviation,
                kind=kind,
                label=label,
                position=coding.position.code,
                position_label=coding.position.label,
                rank=coding.position.rank,
                evidence=coding.evidence,
                verdict=coding.verdict,
                url=reverse("un:session", args=[session.pk]) + anchor,
            )
        )
    return sorted(rows, key=lambda row: row["date"])


def get_vote_map_data(vote_id: int) -> dict[str, str]:
    """ISO numeric code → vote, for colouring a world map (world-atlas feature ids)."""
    return dict(
        CountryVote.objects.filter(vote_id=vote_id).values_list("country__numeric", "ballot")
    )


def list_session_position_counts(session_id: int) -> list[PositionCount]:
    """Per position code, the distinct states of a session coded at that level."""
    session = Session.objects.get(pk=session_id)
    states: dict[int, set[int]] = defaultdict(set)
    for statement in Statement.objects.filter(
        meeting__session=session, coding__isnull=False, country__isnull=False
    ).select_related("coding"):
        states[statement.coding.position_id].add(statement.country_id or 0)
    for coding in Coding.objects.filter(joint_statement__session=session):
        assert coding.joint_statement is not None
        states[coding.position_id].update(
            coding.joint_statement.signatories.values_list("country_id", flat=True)
        )
    return [
        PositionCount(code=code.code, label=code.label, rank=code.rank, count=len(states[code.pk]))
        for code in PositionCode.objects.order_by("-rank")
    ]


def get_session_agreement(session_id: int) -> CoderAgreement:
    """Cohen's kappa between first and second coders over the session's double-coded items."""
    pairs = [
        (coding.position.code, coding.reviewer_position.code)
        for coding in Coding.objects.filter(
            Q(statement__meeting__session_id=session_id) | Q(joint_statement__session_id=session_id)
        )
        .exclude(verdict=ReviewVerdict.PENDING)
        .select_related("position", "reviewer_position")
        if coding.reviewer_position is not None
    ]
    return CoderAgreement(pairs=len(pairs), kappa=cohens_kappa(pairs))
