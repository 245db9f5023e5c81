"""Writes of the UN tracker: statements with their coding, second coding, roll-call imports.

Each service runs in one transaction and raises a ``DomainError`` subclass with a message that
tells staff what to fix; nothing is half-written.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from vigie.core.errors import DomainError
from vigie.core.freshness import changes_facts
from vigie.core.models import AuditEntry, Country
from vigie.core.services import cite_source, record_audit, save_form
from vigie.un.checks import check_session_votes, check_vote
from vigie.un.models import (
    Coding,
    CountryVote,
    IssueTag,
    JointStatement,
    Meeting,
    Milestone,
    PositionCode,
    ReviewVerdict,
    Session,
    Signatory,
    SpeakerKind,
    Statement,
    Vote,
    VoteChoice,
)
from vigie.un.names import NameMatcher, split_names


class StatementError(DomainError):
    pass


class CodingError(DomainError):
    pass


class RollCallError(DomainError):
    pass


@changes_facts
@transaction.atomic
def record_statement(
    *,
    session: Session,
    date: datetime.date,
    agenda_item: str,
    summary: str,
    source_url: str,
    country: Country | None = None,
    speaker_kind: str = SpeakerKind.STATE,
    speaker_name: str = "",
    on_behalf_of: str = "",
    language: str = "",
    video_url: str = "",
    position: PositionCode | None = None,
    evidence: str = "",
    tags: list[IssueTag] | None = None,
    actor: Any = None,
) -> Statement:
    """Record one statement of a meeting and, when a position is given, its first coding."""
    if not session.start_date <= date <= session.end_date:
        raise StatementError(
            _("The date %(date)s is outside the session (%(start)s to %(end)s).")
            % {"date": date, "start": session.start_date, "end": session.end_date}
        )
    if speaker_kind in (SpeakerKind.STATE, SpeakerKind.OBSERVER) and country is None:
        raise StatementError(_("A statement by a state needs the country."))
    if country is None and not speaker_name.strip():
        raise StatementError(_("Name the speaker."))
    if position is not None and not evidence.strip():
        raise StatementError(_("A position code needs the quoted passage that supports it."))
    meeting, _created = Meeting.objects.get_or_create(
        session=session, date=date, agenda_item=agenda_item.strip()
    )
    statement = Statement.objects.create(
        meeting=meeting,
        speaker_kind=speaker_kind,
        country=country,
        speaker_name=speaker_name.strip(),
        on_behalf_of=on_behalf_of.strip(),
        language=language.strip(),
        summary=summary.strip(),
        source_url=source_url.strip(),
        video_url=video_url.strip(),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    statement.sources.add(cite_source(url=source_url))
    if position is not None:
        coding = Coding.objects.create(
            statement=statement,
            position=position,
            evidence=evidence.strip(),
            coder=actor if getattr(actor, "is_authenticated", False) else None,
        )
        coding.tags.set(tags or [])
    record_audit(
        action="un.statement.created",
        obj=statement,
        actor=actor,
        changes={"position": position.code if position else None},
    )
    return statement


@changes_facts
@transaction.atomic
def review_coding(
    *, coding: Coding, reviewer: Any, position: PositionCode, note: str = ""
) -> Coding:
    """Record a second coding: the same code confirms, another code disputes."""
    if coding.coder_id is not None and coding.coder_id == getattr(reviewer, "pk", None):
        raise CodingError(_("The second coder must be a different person from the first."))
    if position.pk != coding.position_id and not note.strip():
        raise CodingError(_("Say why you dispute the code."))
    coding.reviewer = reviewer
    coding.reviewer_position = position
    coding.review_note = note.strip()
    coding.verdict = (
        ReviewVerdict.CONFIRMED if position.pk == coding.position_id else ReviewVerdict.DISPUTED
    )
    coding.save()
    record_audit(
        action="un.coding.reviewed",
        obj=coding,
        actor=reviewer,
        changes={"verdict": coding.verdict, "position": position.code},
    )
    return coding


@dataclass
class RollCallPreview:
    """Names matched per list, names not matched, and countries found on more than one list."""

    matched: dict[str, list[tuple[str, Country]]] = field(default_factory=dict)
    unmatched: dict[str, list[str]] = field(default_factory=dict)
    duplicates: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(self.unmatched.values()) and not self.duplicates


def _listed_twice(pairs: list[tuple[str, Country]], seen: dict[int, str]) -> list[str]:
    """A message for each country named again, after an earlier name of it in the pasted text
    or in ``seen`` (country → the name it was first listed as), which it fills."""
    messages = []
    for name, country in pairs:
        if country.pk in seen:
            messages.append(
                _("%(country)s is listed twice (%(first)s, %(second)s).")
                % {"country": country.name, "first": seen[country.pk], "second": name}
            )
        seen[country.pk] = name
    return messages


def preview_roll_call(*, yes: str, no: str, abstain: str) -> RollCallPreview:
    """Match the three pasted lists of names to countries without writing anything."""
    matcher = NameMatcher()
    preview = RollCallPreview()
    seen: dict[int, str] = {}
    for ballot, text in ((VoteChoice.YES, yes), (VoteChoice.NO, no), (VoteChoice.ABSTAIN, abstain)):
        result = matcher.match_all(split_names(text))
        preview.unmatched[ballot] = result.unmatched
        preview.matched[ballot] = result.matched
        preview.duplicates += _listed_twice(result.matched, seen)
    return preview


@changes_facts
@transaction.atomic
def import_roll_call(*, vote: Vote, yes: str, no: str, abstain: str, actor: Any = None) -> int:
    """Replace the per-country list of a vote by the pasted lists; reject any unmatched name."""
    preview = preview_roll_call(yes=yes, no=no, abstain=abstain)
    unmatched = [name for names in preview.unmatched.values() for name in names]
    if unmatched:
        raise RollCallError(
            _("These names match no country: %(names)s.") % {"names": ", ".join(unmatched)}
        )
    if preview.duplicates:
        raise RollCallError(" ".join(preview.duplicates))
    vote.records.all().delete()
    records = [
        CountryVote(vote=vote, country=country, ballot=ballot, listed_name=name)
        for ballot, pairs in preview.matched.items()
        for name, country in pairs
    ]
    CountryVote.objects.bulk_create(records)
    check_vote(vote)
    record_audit(
        action="un.vote.roll_call_imported", obj=vote, actor=actor, changes={"rows": len(records)}
    )
    return len(records)


JUDGEMENT_ACTION = "un.milestone.judged"


class JointStatementError(DomainError):
    pass


@dataclass
class SignatoryPreview:
    """Names matched to countries (by the matcher or fixed by staff), names left, repeats.

    ``unknown`` lists every name the matcher did not know, fixed or not.
    """

    matched: list[tuple[str, Country]] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.matched) and not self.unmatched and not self.duplicates


def preview_signatories(*, text: str, fixes: dict[str, Country] | None = None) -> SignatoryPreview:
    """Match a pasted list of signatories without writing anything; ``fixes`` maps a name the
    matcher did not know to the country staff chose for it."""
    fixes = fixes or {}
    result = NameMatcher().match_all(split_names(text))
    preview = SignatoryPreview(matched=list(result.matched), unknown=list(result.unmatched))
    for name in result.unmatched:
        if name in fixes:
            preview.matched.append((name, fixes[name]))
        else:
            preview.unmatched.append(name)
    preview.duplicates = _listed_twice(preview.matched, {})
    preview.matched.sort(key=lambda pair: pair[1].name)
    return preview


@changes_facts
@transaction.atomic
def record_joint_statement(
    *,
    session: Session,
    date: datetime.date,
    code: str,
    title: str,
    summary: str,
    source_url: str,
    signatories: str,
    fixes: dict[str, Country] | None = None,
    delivered_by: Country | None = None,
    stated_signatories: int | None = None,
    actor: Any = None,
) -> JointStatement:
    """Save a joint statement with its signatories (each joined on the statement's date).

    Every pasted name must match a country, by the matcher or by staff's fix; else nothing is
    written.
    """
    preview = preview_signatories(text=signatories, fixes=fixes)
    if preview.unmatched:
        raise JointStatementError(
            _("These names match no country: %(names)s.") % {"names": ", ".join(preview.unmatched)}
        )
    if preview.duplicates:
        raise JointStatementError(" ".join(preview.duplicates))
    if not preview.matched:
        raise JointStatementError(_("Paste at least one signatory."))
    if not session.start_date <= date <= session.end_date:
        raise JointStatementError(
            _("The date must fall within the session (%(start)s to %(end)s).")
            % {"start": session.start_date, "end": session.end_date}
        )
    if JointStatement.objects.filter(code=code).exists():
        raise JointStatementError(_("A joint statement with this identifier exists."))
    joint = JointStatement.objects.create(
        session=session,
        date=date,
        code=code,
        title=title,
        summary=summary,
        delivered_by=delivered_by,
        stated_signatories=stated_signatories,
    )
    joint.sources.add(cite_source(url=source_url, title=title))
    Signatory.objects.bulk_create(
        [
            Signatory(joint_statement=joint, country=country, joined_on=date)
            for _name, country in preview.matched
        ]
    )
    record_audit(
        action="un.joint_statement.recorded",
        obj=joint,
        actor=actor,
        changes={
            "signatories": [country.iso3 for _name, country in preview.matched],
            "fixed": {name: country.iso3 for name, country in (fixes or {}).items()},
        },
    )
    return joint


class JudgementError(DomainError):
    pass


@changes_facts
@transaction.atomic
def judge_milestone(
    *, milestone: Milestone, is_dedicated_mechanism: bool, reasoning: str, actor: Any = None
) -> bool:
    """Staff's judgement of whether a milestone is the dedicated human-rights mechanism.

    The change is written to the milestone and to the audit trail (who, when, old and new
    values), which is its history; once judged by staff, reloading the bundled data keeps the
    staff's judgement. Returns False when nothing changed.
    """
    reasoning = reasoning.strip()
    if not reasoning:
        raise JudgementError(_("Give the reasoning behind the judgement."))
    changes = {
        name: [getattr(milestone, name), value]
        for name, value in (
            ("is_dedicated_mechanism", is_dedicated_mechanism),
            ("why_not_mechanism", reasoning),
        )
        if getattr(milestone, name) != value
    }
    if not changes:
        return False
    milestone.is_dedicated_mechanism = is_dedicated_mechanism
    milestone.why_not_mechanism = reasoning
    milestone.save(update_fields=["is_dedicated_mechanism", "why_not_mechanism"])
    record_audit(action=JUDGEMENT_ACTION, obj=milestone, actor=actor, changes=changes)
    return True


def judged_milestone_codes() -> list[str]:
    """Codes of the milestones whose judgement staff have set (the loader leaves those alone)."""
    ids = AuditEntry.objects.filter(
        action=JUDGEMENT_ACTION, object_type=Milestone._meta.label_lower
    ).values_list("object_id", flat=True)
    return list(
        Milestone.objects.filter(pk__in=[int(i) for i in ids]).values_list("code", flat=True)
    )


def list_judgements(milestone: Milestone) -> list[AuditEntry]:
    """The history of the milestone's judgement, newest first."""
    return list(
        AuditEntry.objects.filter(
            action=JUDGEMENT_ACTION,
            object_type=Milestone._meta.label_lower,
            object_id=str(milestone.pk),
        ).select_related("actor")
    )


# Saving the tracker's records from their staff pages (vigie.core.staff_forms): one audited save,
# then the checks the record feeds run again.


@transaction.atomic
def save_session(*, form: Any, actor: Any = None) -> Session:
    session = save_form(form=form, actor=actor)
    check_session_votes(session)
    return session


@transaction.atomic
def save_vote(*, form: Any, actor: Any = None) -> Vote:
    vote = save_form(form=form, actor=actor)
    check_vote(vote)
    return vote


def save_statement(*, form: Any, actor: Any = None) -> Statement:
    if form.instance._state.adding:
        form.instance.created_by = actor if getattr(actor, "is_authenticated", False) else None
    return save_form(form=form, actor=actor)


def save_coding(*, form: Any, actor: Any = None) -> Coding:
    if form.instance._state.adding and getattr(actor, "is_authenticated", False):
        form.instance.coder = actor
    return save_form(form=form, actor=actor)
