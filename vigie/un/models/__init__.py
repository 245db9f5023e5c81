"""What states say and vote in UN forums, and how each statement is coded for support of reform.

Countries are always the core ``Country`` row (ISO 3166), never a name, so a renamed state
(Turkey → Türkiye) keeps one history. Stated totals are stored beside the per-country list so
that a disagreement between the two is kept and shown rather than silently corrected.

One module per area: ``forums`` (forums, sessions, meetings), ``statements`` (statements, joint
statements, signatories), ``votes``, ``issues`` (data issues found by ``vigie.un.checks``),
``coding`` (the codebook and the codings) and ``milestones``. Every model is re-exported here.
"""

from vigie.un.models.coding import Coding, IssueTag, PositionCode, ReviewVerdict
from vigie.un.models.forums import Forum, Meeting, Session
from vigie.un.models.issues import DataIssue, IssueSeverity
from vigie.un.models.milestones import Milestone
from vigie.un.models.statements import JointStatement, Signatory, SpeakerKind, Statement
from vigie.un.models.votes import CountryVote, Vote, VoteChoice, VoteScope

__all__ = [
    "Coding",
    "CountryVote",
    "DataIssue",
    "Forum",
    "IssueSeverity",
    "IssueTag",
    "JointStatement",
    "Meeting",
    "Milestone",
    "PositionCode",
    "ReviewVerdict",
    "Session",
    "Signatory",
    "SpeakerKind",
    "Statement",
    "Vote",
    "VoteChoice",
    "VoteScope",
]
