"""Creating, revoking and checking personal API tokens (``vigie.workspace.models.ApiToken``)."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vigie.atlas import queries as atlas_queries
from vigie.atlas import services as atlas_services
from vigie.core import ratelimit, roles
from vigie.core.errors import DomainError
from vigie.core.models import Country
from vigie.core.services import record_audit
from vigie.core.tokens import hash_token, new_token
from vigie.workspace import tasks
from vigie.workspace.models import ApiToken, CorrectionProposal

# Roles from least to most powerful: a token acts with the lower of its scope and the owner's role.
ROLE_RANK = {"": 0, roles.MEMBER: 1, roles.EDITOR: 2, roles.ADMIN: 3}
MAX_ACTIVE_TOKENS = 10


class ApiTokenError(DomainError):
    """A token cannot be created (no role, a name missing, too many tokens)."""


@dataclass(frozen=True)
class TokenIdentity:
    """Who a valid API token speaks for, and with which role (the lower of scope and role)."""

    user_id: int
    username: str
    role: str


def role_of(user: Any) -> str:
    """The user's role name, or "" for a signed-in person with no role."""
    if roles.is_admin(user):
        return roles.ADMIN
    if roles.is_editor(user):
        return roles.EDITOR
    if roles.is_member(user):
        return roles.MEMBER
    return ""


@transaction.atomic
def create_api_token(*, user: Any, name: str) -> tuple[ApiToken, str]:
    """A new token for ``user`` scoped by their role; the token itself is returned once only."""
    name = name.strip()
    if not name:
        raise ApiTokenError(_("Give the token a name, so you can tell it apart later."))
    scope = role_of(user)
    if not scope:
        raise ApiTokenError(_("Only members, editors and admins can create API tokens."))
    active = ApiToken.objects.select_for_update().filter(user=user, revoked_at__isnull=True)
    if active.count() >= MAX_ACTIVE_TOKENS:
        raise ApiTokenError(
            _("You already have %(count)s active tokens: revoke one first.")
            % {"count": MAX_ACTIVE_TOKENS}
        )
    token, token_hash = new_token()
    row = ApiToken.objects.create(
        user=user, name=name[:100], token_hash=token_hash, prefix=token[:8], scope=scope
    )
    return row, token


def revoke_api_token(*, user: Any, token_id: int) -> bool:
    """Revoke one of ``user``'s own tokens; False when they have no such active token."""
    updated = ApiToken.objects.filter(pk=token_id, user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    return updated == 1


def list_api_tokens(user: Any) -> list[ApiToken]:
    return list(ApiToken.objects.filter(user=user))


def authenticate_token(token: str) -> TokenIdentity | None:
    """The identity a bearer token stands for, or None (unknown, revoked, inactive owner, or an
    owner who no longer has any role)."""
    if not token:
        return None
    row = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=hash_token(token), revoked_at__isnull=True)
        .first()
    )
    if row is None or not row.user.is_active:
        return None
    current = role_of(row.user)
    role = min(current, row.scope, key=lambda name: ROLE_RANK.get(name, 0))
    if not role:
        return None
    ApiToken.objects.filter(pk=row.pk).update(last_used_at=timezone.now())
    return TokenIdentity(user_id=row.user_id, username=row.user.get_username(), role=role)


# A member may send this many correction proposals per hour (counted in the shared cache).
PROPOSALS_PER_HOUR = 10


class CorrectionError(DomainError):
    """A correction cannot be proposed, applied or declined as asked; ``field`` names the form
    field the message belongs to (None: the whole form)."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def _display_name(user: Any) -> str:
    full = user.get_full_name().strip() if hasattr(user, "get_full_name") else ""
    return f"{full} ({user.get_username()})" if full else user.get_username()


@transaction.atomic
def propose_correction(
    *,
    author: Any,
    country_iso2: str,
    measure_code: str = "",
    field: str = "",
    problem: str,
    proposed_value: str,
    source_url: str = "",
    source_citation: str = "",
    language: str = "en",
) -> CorrectionProposal:
    """Record a member's proposal for the editors' review queue (a measure missing from the
    country when ``measure_code`` is empty); at most ``PROPOSALS_PER_HOUR`` per member."""
    if not roles.is_member(author):
        raise CorrectionError(_("Only members of the network can propose corrections."))
    source_url, source_citation = source_url.strip(), source_citation.strip()
    if not source_url and not source_citation:
        raise CorrectionError(_("Give a source: a web address or a citation."), field="source_url")
    if not problem.strip():
        raise CorrectionError(_("Say what is wrong or missing."), field="problem")
    if not proposed_value.strip():
        raise CorrectionError(_("Write the text or value you propose."), field="proposed_value")
    country = Country.objects.filter(iso2=country_iso2.upper()).first()
    if country is None:
        raise CorrectionError(_("No country has the code %(code)s.") % {"code": country_iso2})
    if measure_code:
        entry = atlas_queries.get_correctable_entry(measure_code)
        if entry is None or entry["country_iso2"] != country.iso2:
            raise CorrectionError(
                _("No atlas entry has the code %(code)s.") % {"code": measure_code}
            )
        if field not in dict(atlas_queries.list_correctable_fields()):
            raise CorrectionError(_("Choose what to correct."), field="field")
    else:
        field = CorrectionProposal.NEW_MEASURE
    if not ratelimit.hit("corrections", "user", str(author.pk), PROPOSALS_PER_HOUR, 3600):
        raise CorrectionError(
            _("You have sent %(count)s proposals this hour: please wait before sending more.")
            % {"count": PROPOSALS_PER_HOUR}
        )
    return CorrectionProposal.objects.create(
        author=author,
        country=country,
        measure_code=measure_code,
        field=field,
        problem=problem.strip(),
        proposed_value=proposed_value.strip(),
        source_url=source_url,
        source_citation=source_citation[:500],
        language=language if language in atlas_services.SUMMARY_LANGUAGES else "en",
    )


def _pending(proposal_id: int) -> CorrectionProposal:
    proposal = (
        CorrectionProposal.objects.select_for_update()
        .select_related("author", "country")
        .filter(pk=proposal_id)
        .first()
    )
    if proposal is None:
        raise CorrectionError(_("No such correction proposal."))
    if proposal.status != CorrectionProposal.Status.PENDING:
        raise CorrectionError(
            _("This proposal was already decided: %(status)s.")
            % {"status": proposal.get_status_display()}
        )
    return proposal


def _decide(proposal: CorrectionProposal, *, editor: Any, status: str, reason: str = "") -> None:
    proposal.status = status
    proposal.decided_by = editor
    proposal.decided_at = timezone.now()
    proposal.decision_reason = reason
    proposal.save()
    record_audit(
        action=f"workspace.correction.{status}",
        obj=proposal,
        actor=editor,
        changes={
            "proposed_by": _display_name(proposal.author),
            "decided_by": _display_name(editor),
            "measure": proposal.measure_code,
            "reason": reason,
        },
    )
    tasks.send_correction_decision.enqueue(proposal.pk)


@transaction.atomic
def apply_correction(
    *, proposal_id: int, editor: Any, value: str = "", source_url: str = ""
) -> CorrectionProposal:
    """Apply a pending correction of a measure as the editor worded it, through the atlas
    (``atlas.services.correct_measure``): a new version, the source cited, an audit entry naming
    the member and the editor. A proposed new measure is applied by ``apply_new_measure``."""
    proposal = _pending(proposal_id)
    if proposal.is_new_measure:
        raise CorrectionError(_("This proposal is a new measure: record it with its details."))
    source_url = _source_address(proposal, source_url)
    try:
        proposal.applied_version = atlas_services.correct_measure(
            code=proposal.measure_code,
            field=proposal.field,
            value=value,
            language=proposal.language,
            source_url=source_url,
            source_title=proposal.source_citation,
            actor=editor,
            proposed_by=_display_name(proposal.author),
        )
    except atlas_services.MeasureError as error:
        raise CorrectionError(str(error), field="value") from None
    _decide(proposal, editor=editor, status=CorrectionProposal.Status.APPLIED)
    return proposal


def _source_address(proposal: CorrectionProposal, source_url: str) -> str:
    """The address the editor gives, else the member's; a citation alone is not enough."""
    source_url = source_url.strip() or proposal.source_url
    if not source_url:
        raise CorrectionError(
            _("The member gave a citation only: give the web address of that source."),
            field="source_url",
        )
    return source_url


@dataclass(frozen=True)
class NewMeasure:
    """A proposed measure as the editor records it (the atlas's required facts of an entry)."""

    code: str
    title: str
    kind: str
    status: str
    substance_scope: str
    summary: str
    adopted_on: datetime.date | None = None
    in_force_on: datetime.date | None = None


@transaction.atomic
def apply_new_measure(
    *, proposal_id: int, editor: Any, measure: NewMeasure, source_url: str = ""
) -> CorrectionProposal:
    """Apply a proposed measure in one step: the atlas records it for the proposal's country
    (``atlas.services.record_proposed_measure``), citing the member's source (or the address the
    editor gives for a citation), and the proposal is marked applied with that measure's code."""
    proposal = _pending(proposal_id)
    if not proposal.is_new_measure:
        raise CorrectionError(_("This proposal corrects an existing entry."))
    if atlas_queries.get_correctable_entry(measure.code.strip()) is not None:
        raise CorrectionError(
            _("A measure already has the code %(code)s.") % {"code": measure.code.strip()},
            field="code",
        )
    source_url = _source_address(proposal, source_url)
    try:
        proposal.applied_version = atlas_services.record_proposed_measure(
            code=measure.code,
            country_iso2=proposal.country.iso2,
            title=measure.title,
            kind=measure.kind,
            status=measure.status,
            substance_scope=measure.substance_scope,
            summary=measure.summary,
            language=proposal.language,
            adopted_on=measure.adopted_on,
            in_force_on=measure.in_force_on,
            source_url=source_url,
            source_title=proposal.source_citation,
            actor=editor,
            proposed_by=_display_name(proposal.author),
        )
    except atlas_services.MeasureError as error:
        raise CorrectionError(str(error)) from None
    proposal.measure_code = measure.code.strip()
    _decide(proposal, editor=editor, status=CorrectionProposal.Status.APPLIED)
    return proposal


@transaction.atomic
def decline_correction(*, proposal_id: int, editor: Any, reason: str) -> CorrectionProposal:
    """Decline a pending proposal; the reason is shown to its author and sent to them."""
    if not reason.strip():
        raise CorrectionError(_("Say why the proposal is declined."), field="reason")
    proposal = _pending(proposal_id)
    _decide(
        proposal, editor=editor, status=CorrectionProposal.Status.DECLINED, reason=reason.strip()
    )
    return proposal
