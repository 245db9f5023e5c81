"""Data-quality checks on recorded votes, run on every load and every edit.

A report or blog may list more or fewer names than the totals it states; a country may sit on a
list although it was not a member of the body that session. Such problems are kept as
``DataIssue`` rows (shown on the vote's page and on the staff "data issues" page) rather than
fixed silently, because the published record itself disagrees.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from vigie.un.models import Ballot, DataIssue, IssueSeverity, Vote

CHECK_TOTALS = "totals"
CHECK_MEMBERSHIP = "membership"


def _total_messages(vote: Vote, listed: dict[str, int]) -> list[str]:
    if not any(listed.values()):
        return []
    messages = []
    for ballot, stated in (
        (Ballot.YES, vote.stated_yes),
        (Ballot.NO, vote.stated_no),
        (Ballot.ABSTAIN, vote.stated_abstain),
    ):
        count = listed.get(ballot, 0)
        if count != stated:
            messages.append(
                _("%(ballot)s: %(listed)d names listed for a stated total of %(stated)d.")
                % {"ballot": ballot.label, "listed": count, "stated": stated}
            )
    return messages


@transaction.atomic
def check_vote(vote: Vote) -> list[DataIssue]:
    """Recompute the data issues of one vote and return them."""
    vote.issues.all().delete()
    records = list(vote.records.select_related("country"))
    listed: dict[str, int] = {}
    for record in records:
        listed[record.ballot] = listed.get(record.ballot, 0) + 1
    issues = [
        DataIssue(vote=vote, rule=CHECK_TOTALS, severity=IssueSeverity.WARNING, message=message)
        for message in _total_messages(vote, listed)
    ]
    session = vote.session
    voters = [r for r in records if r.ballot in (Ballot.YES, Ballot.NO, Ballot.ABSTAIN)]
    if voters and session.membership_known:
        member_ids = set(session.members.values_list("id", flat=True))
        for record in voters:
            if record.country_id not in member_ids:
                issues.append(
                    DataIssue(
                        vote=vote,
                        rule=CHECK_MEMBERSHIP,
                        severity=IssueSeverity.WARNING,
                        message=_(
                            "%(country)s is listed as voting but was not a member of the "
                            "body at %(session)s."
                        )
                        % {"country": record.country.name_en, "session": session.label},
                    )
                )
    elif voters:
        issues.append(
            DataIssue(
                vote=vote,
                rule=CHECK_MEMBERSHIP,
                severity=IssueSeverity.UNKNOWN,
                message=_(
                    "Membership of the body at %(session)s is not loaded with a source, so "
                    "whether each voter was a member is unknown."
                )
                % {"session": session.label},
            )
        )
    return DataIssue.objects.bulk_create(issues)
