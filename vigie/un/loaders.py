"""Load the bundled UN tracker data from ``data/un/`` (see ``data/un/SOURCES.md``).

Every row must cite a source; a row without one is refused with its file and line. Each file is
read in one transaction, rows are matched on natural keys, so loading twice changes nothing.
After the votes are loaded the data-quality checks run, so their findings are stored.
"""

from collections import Counter
from pathlib import Path

from django.conf import settings
from django.db import transaction

from vigie.core.csvfiles import CsvRow, iter_csv_file
from vigie.core.freshness import changes_facts
from vigie.core.loading import LoadReport, upsert
from vigie.core.models import Country, Source
from vigie.core.services import cite_source
from vigie.un.checks import check_session_votes, check_vote
from vigie.un.models import (
    Coding,
    CountryVote,
    Forum,
    IssueTag,
    JointStatement,
    Milestone,
    PositionCode,
    Session,
    Signatory,
    Vote,
    VoteChoice,
)
from vigie.un.names import NameMatcher
from vigie.un.services import judged_milestone_codes

BALLOTS = {
    "yes": VoteChoice.YES,
    "no": VoteChoice.NO,
    "abstain": VoteChoice.ABSTAIN,
    "absent": VoteChoice.ABSENT,
}


def data_dir() -> Path:
    return Path(settings.DATA_DIR) / "un"


def _sources(row: CsvRow, field: str = "source") -> list[Source]:
    """Cite every address of a source cell (text around an address is a label)."""
    return [cite_source(url=url) for url in row.sources(field)]


def _country(row: CsvRow, field: str, matcher: NameMatcher) -> Country:
    value = row.required(field)
    country = (
        Country.objects.filter(iso3=value).first()
        if len(value) == 3 and value.isupper()
        else matcher.match(value)
    )
    if country is None:
        raise row.error(field, f"{value!r} matches no country")
    return country


def _stated_range(row: CsvRow, field: str) -> tuple[int | None, int | None]:
    """A stated number of signatories, or a range ``60-62`` when sources disagree."""
    cell = row.get(field).replace("–", "-")
    if "-" not in cell:
        return row.integer(field, required=False), None
    low, _dash, high = cell.partition("-")
    if not (low.strip().isdigit() and high.strip().isdigit()) or int(low) >= int(high):
        raise row.error(field, f"{row.get(field)!r} is not a number or a range low-high")
    return int(low), int(high)


def _session(row: CsvRow) -> Session:
    session = Session.objects.filter(label=row.required("session")).first()
    return row.listed("session", session, "sessions.csv")


@changes_facts
@transaction.atomic
def load_forums_and_sessions() -> LoadReport:
    report = LoadReport()
    for row in iter_csv_file(data_dir() / "forums.csv", required_columns=("code", "source")):
        _sources(row)
        upsert(
            report,
            Forum,
            {"code": row.required("code")},
            {
                "abbreviation": row.required("abbreviation"),
                **row.translations("name"),
            },
        )
    for row in iter_csv_file(data_dir() / "sessions.csv", required_columns=("label", "source")):
        forum = Forum.objects.filter(abbreviation=row.required("forum")).first()
        if forum is None:
            raise row.error("forum", f"{row.get('forum')!r} is not a forum of forums.csv")
        start, _approx = row.month_or_date("start_date")
        end, _approx = row.month_or_date("end_date")
        session = upsert(
            report,
            Session,
            {"forum": forum, "label": row.required("label")},
            {
                "number": row.integer("number", required=False),
                "start_date": start,
                "end_date": end,
                "place": row.get("place"),
                "membership_known": row.boolean("membership_known"),
            },
        )
        session.sources.add(*_sources(row))
        check_session_votes(session)
    return report


@changes_facts
@transaction.atomic
def load_membership() -> LoadReport:
    report = LoadReport()
    changed: set[Session] = set()
    matcher = NameMatcher()
    for row in iter_csv_file(data_dir() / "cnd_membership.csv", required_columns=("source",)):
        session = _session(row)
        country = _country(row, "iso3", matcher)
        session.sources.add(*_sources(row))
        if session.members.filter(pk=country.pk).exists():
            report.unchanged += 1
        else:
            session.members.add(country)
            report.created += 1
            changed.add(session)
    for session in changed:
        check_session_votes(session)
    return report


@changes_facts
@transaction.atomic
def load_codebook() -> LoadReport:
    report = LoadReport()
    for row in iter_csv_file(data_dir() / "codebook.csv", required_columns=("code", "rank")):
        fields = row.translations("label", "description")
        upsert(
            report,
            PositionCode,
            {"code": row.required("code")},
            {"rank": row.integer("rank"), **fields},
        )
    for row in iter_csv_file(data_dir() / "issue_tags.csv", required_columns=("code",)):
        upsert(
            report,
            IssueTag,
            {"code": row.required("code")},
            row.translations("label"),
        )
    return report


@changes_facts
@transaction.atomic
def load_votes() -> LoadReport:
    report = LoadReport()
    matcher = NameMatcher()
    for row in iter_csv_file(data_dir() / "votes.csv", required_columns=("vote_id", "sources")):
        session = _session(row)
        date, approximate = row.month_or_date("date")
        symbol = row.get("symbol")
        requested = _country(row, "requested_by", matcher) if row.get("requested_by") else None
        vote = upsert(
            report,
            Vote,
            {"code": row.required("vote_id")},
            {
                "session": session,
                "date": date,
                "date_is_approximate": approximate,
                "kind": row.required("kind"),
                "draft_symbol": symbol if "/L." in symbol else "",
                "adopted_symbol": "" if "/L." in symbol else symbol,
                # The English text in ``title`` and ``notes``; French and Spanish beside them.
                "title_en": row.required("title"),
                "title_fr": row.get("title_fr"),
                "title_es": row.get("title_es"),
                "requested_by": requested,
                "stated_yes": row.integer("stated_yes"),
                "stated_no": row.integer("stated_no"),
                "stated_abstain": row.integer("stated_abstain"),
                "notes_en": row.get("notes"),
                "notes_fr": row.get("notes_fr"),
                "notes_es": row.get("notes_es"),
            },
        )
        vote.sources.add(*_sources(row, "sources"))
    seen: Counter[tuple[str, str]] = Counter()
    records = iter_csv_file(
        data_dir() / "vote_records.csv", required_columns=("vote_id", "iso3", "country", "vote")
    )
    for row in records:
        record_vote = row.listed(
            "vote_id", Vote.objects.filter(code=row.required("vote_id")).first(), "votes.csv"
        )
        country = _country(row, "iso3", matcher)
        named = matcher.match(row.required("country"))
        if named != country:
            raise row.error("country", f"{row.get('country')!r} does not name {country.iso3}")
        seen[(record_vote.code, country.iso3)] += 1
        if seen[(record_vote.code, country.iso3)] > 1:
            raise row.error("iso3", f"{country.iso3} is listed twice in vote {record_vote.code}")
        ballot = BALLOTS.get(row.required("vote").lower())
        if ballot is None:
            raise row.error("vote", f"{row.get('vote')!r} is not yes, no, abstain or absent")
        upsert(
            report,
            CountryVote,
            {"vote": record_vote, "country": country},
            {"ballot": ballot, "listed_name": row.get("country")},
        )
    for vote in Vote.objects.all():
        check_vote(vote)
    return report


@changes_facts
@transaction.atomic
def load_joint_statements() -> LoadReport:
    report = LoadReport()
    matcher = NameMatcher()
    conflicts: list[tuple[CsvRow, JointStatement]] = []
    for row in iter_csv_file(data_dir() / "joint_statements.csv", required_columns=("sources",)):
        session = _session(row)
        date, _approx = row.month_or_date("date")
        stated, stated_max = _stated_range(row, "stated_signatories")
        joint = upsert(
            report,
            JointStatement,
            {"code": row.required("code")},
            {
                "session": session,
                "date": date,
                "title": row.required("title"),
                "delivered_by": _country(row, "delivered_by", matcher),
                "stated_signatories": stated,
                "stated_signatories_max": stated_max,
                "summary": row.required("summary"),
                "notes": row.get("notes"),
            },
        )
        joint.sources.add(*_sources(row, "sources"))
        conflicts.append((row, joint))
    for row, joint in conflicts:
        codes = [code.strip() for code in row.get("conflicts_with").split(";") if code.strip()]
        others = list(JointStatement.objects.filter(code__in=codes))
        if len(others) != len(codes):
            missing = sorted(set(codes) - {other.code for other in others})
            raise row.error("conflicts_with", f"{', '.join(missing)} not in joint_statements.csv")
        joint.conflicts_with.add(*others)
    for row in iter_csv_file(data_dir() / "joint_signatories.csv", required_columns=("source",)):
        signed = JointStatement.objects.filter(code=row.required("joint_statement")).first()
        if signed is None:
            raise row.error("joint_statement", "not in joint_statements.csv")
        joined_on, _approx = row.month_or_date("joined_on")
        signed.sources.add(*_sources(row))
        upsert(
            report,
            Signatory,
            {"joint_statement": signed, "country": _country(row, "country", matcher)},
            {"joined_on": joined_on},
        )
    for row in iter_csv_file(data_dir() / "codings.csv", required_columns=("evidence", "source")):
        coded = JointStatement.objects.filter(code=row.required("joint_statement")).first()
        if coded is None:
            raise row.error("joint_statement", "not in joint_statements.csv")
        position = row.listed(
            "position",
            PositionCode.objects.filter(code=row.required("position")).first(),
            "codebook.csv",
        )
        tag_codes = [code for code in row.get("tags").split("|") if code]
        tags = list(IssueTag.objects.filter(code__in=tag_codes))
        if len(tags) != len(tag_codes):
            raise row.error("tags", "a tag is not in issue_tags.csv")
        coded.sources.add(*_sources(row))
        coding = upsert(
            report,
            Coding,
            {"joint_statement": coded},
            {
                "position": position,
                "evidence": row.required("evidence"),
                "coder_name": row.required("coder"),
            },
        )
        coding.tags.set(tags)
    return report


@changes_facts
@transaction.atomic
def load_milestones() -> LoadReport:
    report = LoadReport()
    judged = set(judged_milestone_codes())
    for row in iter_csv_file(data_dir() / "milestones.csv", required_columns=("sources",)):
        date, approximate = row.month_or_date("date")
        judgement = {
            "is_dedicated_mechanism": row.boolean("is_dedicated_mechanism"),
            "why_not_mechanism": row.get("why_not_mechanism"),
        }
        if row.required("code") in judged:  # staff changed the judgement: theirs stands
            judgement = {}
        milestone = upsert(
            report,
            Milestone,
            {"code": row.required("code")},
            {
                "date": date,
                "date_is_approximate": approximate,
                "body": row.required("body"),
                "symbol": row.get("symbol"),
                "title": row.required("title"),
                "summary": row.required("summary"),
                **judgement,
            },
        )
        milestone.sources.add(*_sources(row, "sources"))
    return report


def load_bundled() -> dict[str, LoadReport]:
    return {
        "un forums and sessions": load_forums_and_sessions(),
        "un CND membership": load_membership(),
        "un codebook": load_codebook(),
        "un votes": load_votes(),
        "un joint statements": load_joint_statements(),
        "un milestones": load_milestones(),
    }
