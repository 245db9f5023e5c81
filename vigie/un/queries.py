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
from django.db.models import Count, Prefetch, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from vigie.core.changes import Change
from vigie.core.csvfiles import SOURCE_SEPARATOR
from vigie.core.evidence import CountResult, Evidence
from vigie.core.freshness import CACHE_SECONDS, data_version
from vigie.core.models import AuditEntry, Country
from vigie.core.reviews import reviewer_name
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
    Vote,
    VoteChoice,
)
from vigie.un.services import JUDGEMENT_ACTION
from vigie.un.stats import cohens_kappa

REFORM_CODE = "system_change"
# Page-view counter kinds of the tracker's item pages (core.reviews.count_page_views).
VIEW_KIND_JOINT = "un.joint_statement"


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
    # The stated total when joint statements name only part of their signatories ("60–62").
    stated: str
    states: list[ReformState]


class MechanismMilestone(TypedDict):
    """Whether the dedicated mechanism exists, since when, and the related steps as evidence."""

    exists: bool
    status: str
    established_on: datetime.date | None
    evidence: list[Evidence]
    # The most recent step, linked to its page, with the judgement and its reasoning in detail.
    latest: Evidence | None


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


# A state's evidence row, with its date and the joint statement it comes from (None for the
# state's own statement).
DatedEvidence = tuple[Country, datetime.date, Evidence, JointStatement | None]


def _dated_evidence(
    threshold: PositionCode, start: datetime.date, end: datetime.date
) -> list[DatedEvidence]:
    """Each evidence row of a UN member state at or above the threshold in the period, with its
    date (three queries and their prefetches, whatever the number of joint statements)."""
    rows: list[DatedEvidence] = []
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
                    None,
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
                        joint,
                    )
                )
    return rows


def _group_by_state(
    rows: list[DatedEvidence],
    start: datetime.date,
    end: datetime.date,
    joints: dict[JointStatement, set[Country]] | None = None,
) -> dict[Country, list[Evidence]]:
    """The rows of the period by state; ``joints``, when given, receives each counted joint
    statement with the states it names in the period."""
    found: dict[Country, list[Evidence]] = defaultdict(list)
    for country, day, evidence, joint in rows:
        if start <= day <= end:
            found[country].append(evidence)
            if joint is not None and joints is not None:
                joints.setdefault(joint, set()).add(country)
    return found


def _state_evidence(
    threshold: PositionCode,
    start: datetime.date,
    end: datetime.date,
    joints: dict[JointStatement, set[Country]] | None = None,
) -> dict[Country, list[Evidence]]:
    """Each UN member state at or above the threshold in the period, with its evidence rows."""
    return _group_by_state(_dated_evidence(threshold, start, end), start, end, joints)


def stated_total(
    found: dict[Country, list[Evidence]], joints: dict[JointStatement, set[Country]]
) -> tuple[int, int] | None:
    """The range the sources state for a count that names only part of a joint statement's
    signatories: at least each statement's lowest stated number plus the states counted from
    elsewhere, at most the named states plus every statement's unnamed ones. None when every
    counted joint statement names all its signatories (or states no number)."""
    named = len(found)
    low, high = named, named
    for joint, states in joints.items():
        if joint.stated_signatories is None:
            continue
        joint_low = joint.stated_signatories
        joint_high = joint.stated_signatories_max or joint_low
        low = max(low, joint_low + len(set(found) - states))
        high += max(0, joint_high - len(states))
    if high <= named:
        return None
    return low, max(low, high)


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
    joints: dict[JointStatement, set[Country]] = {}
    found = _state_evidence(threshold, start, end, joints)
    evidence = [row for country in sorted(found, key=lambda c: c.name_en) for row in found[country]]
    stated = stated_total(found, joints)
    if stated is not None:
        definition += " " + _(
            "Some joint statements name only part of their signatories: %(named)s states are "
            "named, of %(stated)s stated."
        ) % {"named": len(found), "stated": _range_label(stated)}
    return CountResult(
        value=len(found), definition=definition, evidence=evidence, stated_range=stated
    )


def _range_label(stated: tuple[int, int]) -> str:
    return f"{stated[0]}–{stated[1]}" if stated[0] != stated[1] else str(stated[0])


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
        joints: dict[JointStatement, set[Country]] = {}
        found = _group_by_state(dated, session.start_date, session.end_date, joints)
        stated = stated_total(found, joints)
        states = sorted(found, key=lambda country: country.name_en)
        rows.append(
            SessionReformStates(
                session_id=session.pk,
                session=session.label,
                forum=session.forum.abbreviation,
                start_date=session.start_date,
                end_date=session.end_date,
                count=len(states),
                stated=_range_label(stated) if stated else "",
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
    milestones = list(Milestone.objects.prefetch_related("sources").order_by("date", "code"))
    mechanisms = [m for m in milestones if m.is_dedicated_mechanism]
    evidence = [
        Evidence(
            label=(f"{m.date:%Y-%m} · " if m.date_is_approximate else "")
            + f"{m.symbol + ' · ' if m.symbol else ''}{m.title}",
            url=m.get_absolute_url(),
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
    latest = None
    if milestones:
        last = milestones[-1]
        judgement = milestone_judgement(last)
        status += " " + _("Latest step: %(symbol)s (%(date)s). %(judgement)s") % {
            "symbol": last.symbol or last.title,
            "date": last.date.isoformat(),
            "judgement": judgement,
        }
        latest = Evidence(
            label=evidence[-1].label,
            url=last.get_absolute_url(),
            date=evidence[-1].date,
            detail=judgement,
            source_urls=evidence[-1].source_urls,
        )
    return MechanismMilestone(
        exists=bool(mechanisms),
        status=status,
        established_on=mechanisms[0].date if mechanisms else None,
        evidence=evidence,
        latest=latest,
    )


def milestone_judgement(milestone: Milestone) -> str:
    """The secretariat's judgement on a milestone, with its reasoning, as one sentence or two."""
    if milestone.is_dedicated_mechanism:
        verdict = _("Judged to be the dedicated mechanism.")
    else:
        verdict = _("Judged not (yet) to be the dedicated mechanism.")
    return f"{verdict} {milestone.why_not_mechanism}".strip()


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


class JudgedOn(TypedDict):
    """When staff last changed a milestone's judgement, and who (as shown publicly)."""

    at: datetime.datetime
    by: str


def get_milestone_judged_on(milestone_id: int) -> JudgedOn | None:
    """The latest staff judgement of a milestone; None while it is the loaded data's."""
    entry = (
        AuditEntry.objects.filter(
            action=JUDGEMENT_ACTION,
            object_type=Milestone._meta.label_lower,
            object_id=str(milestone_id),
        )
        .select_related("actor")
        .first()
    )
    if entry is None:
        return None
    return JudgedOn(at=entry.created_at, by=reviewer_name(entry.actor) if entry.actor else "")


class UnverifiedJointStatement(TypedDict):
    """An item of the tracker whose public page shows an UNVERIFIED mark or a conflict."""

    kind: str
    key: str
    title: str
    url: str
    reason: str


def list_unverified_joint_statements() -> list[UnverifiedJointStatement]:
    """Joint statements with incomplete signatory lists or conflicting records or numbers."""
    items = []
    joints = JointStatement.objects.annotate(
        named=Count("signatories", distinct=True),
        conflicts=Count("conflicts_with", distinct=True),
    )
    for joint in joints.order_by("code"):
        reasons = []
        if joint.stated_signatories and joint.named < joint.stated_signatories:
            reasons.append(
                _("%(named)s of %(stated)s signatories named")
                % {"named": joint.named, "stated": joint.stated_range}
            )
        if joint.stated_signatories_max:
            reasons.append(_("sources disagree on the number of signatories"))
        if joint.conflicts:
            reasons.append(_("possibly the same statement as another record"))
        if reasons:
            items.append(
                UnverifiedJointStatement(
                    kind=VIEW_KIND_JOINT,
                    key=joint.code,
                    title=joint.title,
                    url=joint.get_absolute_url(),
                    reason="; ".join(reasons),
                )
            )
    return items


def count_codings_awaiting_second_coder() -> int:
    """Position codings no second coder has confirmed or disputed yet (``un:review``)."""
    return Coding.objects.filter(verdict=ReviewVerdict.PENDING).count()


VOTE_EXPORT_FIELDS = ("vote_id", "iso2", "iso3", "country", "listed_name", "vote", "sources")
SESSION_EXPORT_FIELDS = (
    "kind",
    "date",
    "agenda_item_or_title",
    "iso3",
    "speaker",
    "on_behalf_of",
    "summary",
    "position",
    "evidence",
    "second_coding",
    "source",
    "session",
    "record_id",
)


def list_vote_export_rows(vote_id: int | None = None) -> list[list[object]]:
    """The rows of a vote's CSV (header first), or of every recorded vote when ``vote_id`` is
    None: the site's download and the open-data release share them."""
    votes = Vote.objects.prefetch_related("sources").order_by("date", "code")
    if vote_id is not None:
        votes = votes.filter(pk=vote_id)
    lines: list[list[object]] = [list(VOTE_EXPORT_FIELDS)]
    for vote in votes:
        sources = SOURCE_SEPARATOR.join(s.url for s in vote.sources.all())
        for r in vote.records.select_related("country").order_by("country__iso3"):
            lines.append(
                [
                    vote.code,
                    r.country.iso2,
                    r.country.iso3,
                    r.country.name_en,
                    r.listed_name,
                    r.ballot,
                    sources,
                ]
            )
    return lines


def _session_name(session: Session) -> str:
    return f"{session.forum.code}:{session.label}"


def list_session_export_rows(session_id: int | None = None) -> list[list[object]]:
    """The rows of a session's CSV (header first): each statement, then each signatory of each
    joint statement; every session when ``session_id`` is None. ``record_id`` names each row
    (``statement-<id>``, ``<joint statement code>:<ISO3>``)."""
    sessions = Session.objects.select_related("forum").order_by("start_date", "pk")
    if session_id is not None:
        sessions = sessions.filter(pk=session_id)
    lines: list[list[object]] = [list(SESSION_EXPORT_FIELDS)]
    for session in sessions:
        name = _session_name(session)
        for s in (
            Statement.objects.filter(meeting__session=session)
            .select_related("meeting", "country", "coding__position")
            .order_by("meeting__date", "pk")
        ):
            coding = getattr(s, "coding", None)
            lines.append(
                [
                    "statement",
                    s.meeting.date,
                    s.meeting.agenda_item,
                    s.country.iso3 if s.country else "",
                    s.speaker,
                    s.on_behalf_of,
                    s.summary,
                    coding.position.code if coding else "",
                    coding.evidence if coding else "",
                    coding.verdict if coding else "",
                    s.source_url,
                    name,
                    f"statement-{s.pk}",
                ]
            )
        for j in (
            JointStatement.objects.filter(session=session)
            .prefetch_related("signatories__country", "sources")
            .order_by("date", "code")
        ):
            coding = Coding.objects.filter(joint_statement=j).select_related("position").first()
            sources = SOURCE_SEPARATOR.join(source.url for source in j.sources.all())
            for signatory in sorted(j.signatories.all(), key=lambda item: item.country.iso3):
                lines.append(
                    [
                        "joint_statement",
                        signatory.joined_on,
                        j.title,
                        signatory.country.iso3,
                        signatory.country.name_en,
                        "",
                        j.summary,
                        coding.position.code if coding else "",
                        coding.evidence if coding else "",
                        coding.verdict if coding else "",
                        sources,
                        name,
                        f"{j.code}:{signatory.country.iso3}",
                    ]
                )
    return lines


def list_changes_since(since: datetime.datetime, iso2: str = "") -> list[Change]:
    """UN facts since ``since`` (about one country when ``iso2``): statements entered since then,
    and votes and joint statements dated since then (they carry no entry time)."""
    day = since.date()
    statements = Statement.objects.filter(created_at__gte=since).select_related(
        "meeting__session", "country"
    )
    votes = Vote.objects.filter(date__gte=day).select_related("session")
    joints = JointStatement.objects.filter(date__gte=day).select_related("session")
    ballots: dict[int, str] = {}
    if iso2:
        code = iso2.upper()
        statements = statements.filter(country__iso2=code)
        votes = votes.filter(records__country__iso2=code)
        joints = joints.filter(signatories__country__iso2=code)
        ballots = dict(
            CountryVote.objects.filter(vote__in=votes, country__iso2=code).values_list(
                "vote_id", "ballot"
            )
        )
    changes: list[Change] = []
    for s in statements.order_by("meeting__date", "pk"):
        changes.append(
            Change(
                section="un",
                kind="statement",
                label=_("Statement"),
                title=f"{s.speaker}, {s.meeting.session.label}: {s.meeting.agenda_item}",
                date=s.meeting.date.isoformat(),
                url=reverse("un:session", args=[s.meeting.session_id]),
                country_iso2=s.country.iso2 if s.country else "",
            )
        )
    for vote in votes.distinct().order_by("date", "code"):
        ballot = ballots.get(vote.pk, "")
        label = _("Vote") + (f" ({VoteChoice(ballot).label})" if ballot else "")
        changes.append(
            Change(
                section="un",
                kind="vote",
                label=label,
                title=vote.title,
                date=vote.date.isoformat(),
                url=reverse("un:vote", args=[vote.pk]),
                country_iso2=iso2.upper(),
            )
        )
    for joint in joints.distinct().order_by("date", "code"):
        changes.append(
            Change(
                section="un",
                kind="joint_statement",
                label=_("Joint statement"),
                title=joint.title,
                date=joint.date.isoformat(),
                url=reverse("un:session", args=[joint.session_id]),
                country_iso2=iso2.upper(),
            )
        )
    return changes
