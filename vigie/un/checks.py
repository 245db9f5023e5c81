"""Data-quality checks on recorded votes, run on every load and every edit.

A report or blog may list more or fewer names than the totals it states; a country may sit on a
list although it was not a member of the body that session. Such problems are kept as
``DataIssue`` rows (shown on the vote's page and on the staff "data issues" page) rather than
fixed silently, because the published record itself disagrees. Each issue keeps its rule and
parameters so that it is shown in the reader's language; ``message`` keeps the English text.
"""

from typing import Any

from django.db import transaction
from django.utils import translation

from vigie.un.models import DataIssue, IssueSeverity, Session, Vote, VoteChoice
from vigie.un.models.issues import (
    CHECK_MEMBERSHIP_UNKNOWN,
    CHECK_NON_MEMBER,
    CHECK_TOTALS,
    MESSAGES,
    describe,
)

__all__ = [
    "CHECK_MEMBERSHIP_UNKNOWN",
    "CHECK_NON_MEMBER",
    "CHECK_TOTALS",
    "MESSAGES",
    "check_session_votes",
    "check_vote",
    "describe",
]


def _issue(vote: Vote, rule: str, severity: str, params: dict[str, Any]) -> DataIssue:
    with translation.override("en"):
        message = describe(rule, params)
    return DataIssue(vote=vote, rule=rule, severity=severity, params=params, message=message)


@transaction.atomic
def check_vote(vote: Vote) -> list[DataIssue]:
    """Recompute the data issues of one vote and return them."""
    vote.issues.all().delete()
    records = list(vote.records.select_related("country"))
    listed: dict[str, int] = {}
    for record in records:
        listed[record.ballot] = listed.get(record.ballot, 0) + 1
    issues = []
    if records:
        for ballot, stated in (
            (VoteChoice.YES, vote.stated_yes),
            (VoteChoice.NO, vote.stated_no),
            (VoteChoice.ABSTAIN, vote.stated_abstain),
        ):
            count = listed.get(ballot, 0)
            if count != stated:
                params = {"ballot": str(ballot.value), "listed": count, "stated": stated}
                issues.append(_issue(vote, CHECK_TOTALS, IssueSeverity.WARNING, params))
    session = vote.session
    voters = [r for r in records if r.ballot in (VoteChoice.YES, VoteChoice.NO, VoteChoice.ABSTAIN)]
    if voters and session.membership_known:
        member_ids = set(session.members.values_list("id", flat=True))
        for record in voters:
            if record.country_id not in member_ids:
                params = {"country": record.country.name_en, "session": session.label}
                issues.append(_issue(vote, CHECK_NON_MEMBER, IssueSeverity.WARNING, params))
    elif voters:
        params = {"session": session.label}
        issues.append(_issue(vote, CHECK_MEMBERSHIP_UNKNOWN, IssueSeverity.UNKNOWN, params))
    return DataIssue.objects.bulk_create(issues)


def check_session_votes(session: Session) -> None:
    """Recompute the data issues of every vote of a session (after its membership changed)."""
    for vote in session.votes.all():
        check_vote(vote)
