"""Load the bundled UN tracker data from ``data/un/`` (see ``data/un/SOURCES.md``).

Every row must cite a source; a row without one is refused with its file and line. Each file is
read in one transaction, rows are matched on natural keys, so loading twice changes nothing.
After the votes are loaded the data-quality checks run, so their findings are stored.
"""

import datetime
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.db import transaction

from vigie.core.csvfiles import CsvRow, iter_csv_file
from vigie.core.freshness import changes_facts
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

BALLOTS = {
    "yes": VoteChoice.YES,
    "no": VoteChoice.NO,
    "abstain": VoteChoice.ABSTAIN,
    "absent": VoteChoice.ABSENT,
}


class Report:
    def __init__(self) -> None:
        self.rows = 0
        self.created = 0

    def __str__(self) -> str:
        return f"{self.rows} rows read, {self.created} created"


def data_dir() -> Path:
    return Path(settings.DATA_DIR) / "un"


def _sources(row: CsvRow, field: str = "source") -> list[Source]:
    """Cite every address of a source cell ("a | b"; text before an address is a label)."""
    cell = row.required(field)
    urls = []
    for part in cell.replace(" ; ", " | ").split(" | "):
        words = [word for word in part.split() if word.startswith(("http://", "https://"))]
        urls.extend(words)
    if not urls:
        raise row.error(field, f"{cell!r} holds no web address")
    return [cite_source(url=url) for url in urls]


def _date(row: CsvRow, field: str) -> tuple[datetime.date, bool]:
    """A date as YYYY-MM-DD, or YYYY-MM when only the month is known (then the 1st, flagged)."""
    value = row.required(field)
    try:
        if len(value) == 7:
            return datetime.date.fromisoformat(value + "-01"), True
        return datetime.date.fromisoformat(value), False
    except ValueError:
        raise row.error(field, f"{value!r} is not a date (YYYY-MM-DD or YYYY-MM)") from None


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


@changes_facts
@transaction.atomic
def load_forums_and_sessions() -> Report:
    report = Report()
    for row in iter_csv_file(data_dir() / "forums.csv", required_columns=("code", "source")):
        report.rows += 1
        _sources(row)
        _forum, created = Forum.objects.update_or_create(
            code=row.required("code"),
            defaults={
                "abbreviation": row.required("abbreviation"),
                "name_en": row.required("name_en"),
                "name_fr": row.required("name_fr"),
                "name_es": row.required("name_es"),
            },
        )
        report.created += created
    for row in iter_csv_file(data_dir() / "sessions.csv", required_columns=("label", "source")):
        report.rows += 1
        forum = Forum.objects.filter(abbreviation=row.required("forum")).first()
        if forum is None:
            raise row.error("forum", f"{row.get('forum')!r} is not a forum of forums.csv")
        start, _approx = _date(row, "start_date")
        end, _approx = _date(row, "end_date")
        session, created = Session.objects.update_or_create(
            forum=forum,
            label=row.required("label"),
            defaults={
                "number": row.integer("number", required=False),
                "start_date": start,
                "end_date": end,
                "place": row.get("place"),
                "membership_known": row.boolean("membership_known"),
            },
        )
        session.sources.add(*_sources(row))
        report.created += created
        check_session_votes(session)
    return report


@changes_facts
@transaction.atomic
def load_membership() -> Report:
    report = Report()
    changed: set[Session] = set()
    matcher = NameMatcher()
    for row in iter_csv_file(data_dir() / "cnd_membership.csv", required_columns=("source",)):
        report.rows += 1
        session = Session.objects.filter(label=row.required("session")).first()
        if session is None:
            raise row.error("session", f"{row.get('session')!r} is not in sessions.csv")
        country = _country(row, "iso3", matcher)
        session.sources.add(*_sources(row))
        if not session.members.filter(pk=country.pk).exists():
            session.members.add(country)
            report.created += 1
            changed.add(session)
    for session in changed:
        check_session_votes(session)
    return report


@changes_facts
@transaction.atomic
def load_codebook() -> Report:
    report = Report()
    for row in iter_csv_file(data_dir() / "codebook.csv", required_columns=("code", "rank")):
        report.rows += 1
        fields = {
            name: row.required(name)
            for name in (
                "label_en",
                "label_fr",
                "label_es",
                "description_en",
                "description_fr",
                "description_es",
            )
        }
        _code, created = PositionCode.objects.update_or_create(
            code=row.required("code"), defaults={"rank": row.integer("rank"), **fields}
        )
        report.created += created
    for row in iter_csv_file(data_dir() / "issue_tags.csv", required_columns=("code",)):
        report.rows += 1
        _tag, created = IssueTag.objects.update_or_create(
            code=row.required("code"),
            defaults={name: row.required(name) for name in ("label_en", "label_fr", "label_es")},
        )
        report.created += created
    return report


@changes_facts
@transaction.atomic
def load_votes() -> Report:
    report = Report()
    matcher = NameMatcher()
    for row in iter_csv_file(data_dir() / "votes.csv", required_columns=("vote_id", "sources")):
        report.rows += 1
        session = Session.objects.filter(label=row.required("session")).first()
        if session is None:
            raise row.error("session", f"{row.get('session')!r} is not in sessions.csv")
        date, approximate = _date(row, "date")
        symbol = row.get("symbol")
        requested = _country(row, "requested_by", matcher) if row.get("requested_by") else None
        vote, created = Vote.objects.update_or_create(
            code=row.required("vote_id"),
            defaults={
                "session": session,
                "date": date,
                "date_is_approximate": approximate,
                "kind": row.required("kind"),
                "draft_symbol": symbol if "/L." in symbol else "",
                "adopted_symbol": "" if "/L." in symbol else symbol,
                "title": row.required("title"),
                "requested_by": requested,
                "stated_yes": row.integer("stated_yes"),
                "stated_no": row.integer("stated_no"),
                "stated_abstain": row.integer("stated_abstain"),
                "notes": row.get("notes"),
            },
        )
        vote.sources.add(*_sources(row, "sources"))
        report.created += created
    seen: Counter[tuple[str, str]] = Counter()
    records = iter_csv_file(
        data_dir() / "vote_records.csv", required_columns=("vote_id", "iso3", "country", "vote")
    )
    for row in records:
        report.rows += 1
        record_vote = Vote.objects.filter(code=row.required("vote_id")).first()
        if record_vote is None:
            raise row.error("vote_id", f"{row.get('vote_id')!r} is not in votes.csv")
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
        _record, created = CountryVote.objects.update_or_create(
            vote=record_vote,
            country=country,
            defaults={"ballot": ballot, "listed_name": row.get("country")},
        )
        report.created += created
    for vote in Vote.objects.all():
        check_vote(vote)
    return report


@changes_facts
@transaction.atomic
def load_joint_statements() -> Report:
    report = Report()
    matcher = NameMatcher()
    for row in iter_csv_file(data_dir() / "joint_statements.csv", required_columns=("sources",)):
        report.rows += 1
        session = Session.objects.filter(label=row.required("session")).first()
        if session is None:
            raise row.error("session", f"{row.get('session')!r} is not in sessions.csv")
        date, _approx = _date(row, "date")
        joint, created = JointStatement.objects.update_or_create(
            code=row.required("code"),
            defaults={
                "session": session,
                "date": date,
                "title": row.required("title"),
                "delivered_by": _country(row, "delivered_by", matcher),
                "stated_signatories": row.integer("stated_signatories", required=False),
                "summary": row.required("summary"),
                "notes": row.get("notes"),
            },
        )
        joint.sources.add(*_sources(row, "sources"))
        report.created += created
    for row in iter_csv_file(data_dir() / "joint_signatories.csv", required_columns=("source",)):
        report.rows += 1
        signed = JointStatement.objects.filter(code=row.required("joint_statement")).first()
        if signed is None:
            raise row.error("joint_statement", "not in joint_statements.csv")
        joined_on, _approx = _date(row, "joined_on")
        signed.sources.add(*_sources(row))
        _signatory, created = Signatory.objects.update_or_create(
            joint_statement=signed,
            country=_country(row, "country", matcher),
            defaults={"joined_on": joined_on},
        )
        report.created += created
    for row in iter_csv_file(data_dir() / "codings.csv", required_columns=("evidence", "source")):
        report.rows += 1
        coded = JointStatement.objects.filter(code=row.required("joint_statement")).first()
        if coded is None:
            raise row.error("joint_statement", "not in joint_statements.csv")
        position = PositionCode.objects.filter(code=row.required("position")).first()
        if position is None:
            raise row.error("position", f"{row.get('position')!r} is not in codebook.csv")
        tag_codes = [code for code in row.get("tags").split("|") if code]
        tags = list(IssueTag.objects.filter(code__in=tag_codes))
        if len(tags) != len(tag_codes):
            raise row.error("tags", "a tag is not in issue_tags.csv")
        coded.sources.add(*_sources(row))
        coding, created = Coding.objects.update_or_create(
            joint_statement=coded,
            defaults={
                "position": position,
                "evidence": row.required("evidence"),
                "coder_name": row.required("coder"),
            },
        )
        coding.tags.set(tags)
        report.created += created
    return report


@changes_facts
@transaction.atomic
def load_milestones() -> Report:
    report = Report()
    for row in iter_csv_file(data_dir() / "milestones.csv", required_columns=("sources",)):
        report.rows += 1
        date, approximate = _date(row, "date")
        milestone, created = Milestone.objects.update_or_create(
            code=row.required("code"),
            defaults={
                "date": date,
                "date_is_approximate": approximate,
                "body": row.required("body"),
                "symbol": row.get("symbol"),
                "title": row.required("title"),
                "summary": row.required("summary"),
                "is_dedicated_mechanism": row.boolean("is_dedicated_mechanism"),
                "why_not_mechanism": row.get("why_not_mechanism"),
            },
        )
        milestone.sources.add(*_sources(row, "sources"))
        report.created += created
    return report


def load_bundled() -> dict[str, Report]:
    return {
        "un forums and sessions": load_forums_and_sessions(),
        "un CND membership": load_membership(),
        "un codebook": load_codebook(),
        "un votes": load_votes(),
        "un joint statements": load_joint_statements(),
        "un milestones": load_milestones(),
    }
