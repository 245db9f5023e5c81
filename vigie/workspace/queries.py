"""Reads of the workspaces: the correction proposals, for their authors and for editors."""

from typing import Any

from django.db.models import Count, QuerySet

from vigie.workspace.models import CorrectionProposal

# What the queue's "kind" filter may ask for.
PROPOSAL_KINDS = ("correction", CorrectionProposal.NEW_MEASURE)


def count_corrections_waiting() -> int:
    return CorrectionProposal.objects.filter(status=CorrectionProposal.Status.PENDING).count()


def count_corrections_by_status() -> dict[str, int]:
    """Proposals per status (every status present, zero when none): one query."""
    counts = dict.fromkeys(CorrectionProposal.Status.values, 0)
    for status, total in (
        CorrectionProposal.objects.values("status")
        .annotate(total=Count("id"))
        .values_list("status", "total")
    ):
        counts[status] = total
    return counts


def list_corrections(
    *, status: str = "", country: str = "", kind: str = ""
) -> QuerySet[CorrectionProposal]:
    """The review queue, filtered; pending proposals oldest first (first come, first served),
    decided ones newest first."""
    rows = CorrectionProposal.objects.select_related("author", "country", "decided_by")
    if status in CorrectionProposal.Status.values:
        rows = rows.filter(status=status)
    if country:
        rows = rows.filter(country__iso2=country.upper())
    if kind == "correction":
        rows = rows.exclude(field=CorrectionProposal.NEW_MEASURE)
    elif kind == "new_measure":
        rows = rows.filter(field=CorrectionProposal.NEW_MEASURE)
    if status == CorrectionProposal.Status.PENDING:
        return rows.order_by("created_at", "id")
    return rows.order_by("-created_at", "-id")


def list_corrections_of_author(user: Any) -> list[CorrectionProposal]:
    """A member's own proposals, newest first; nobody else's."""
    return list(CorrectionProposal.objects.filter(author=user).select_related("country"))


def get_correction_for(user: Any, proposal_id: int, *, editor: bool) -> CorrectionProposal | None:
    """The proposal if ``user`` may read it (its author, or an editor), else None."""
    rows = CorrectionProposal.objects.select_related("author", "country", "decided_by")
    if not editor:
        rows = rows.filter(author=user)
    return rows.filter(pk=proposal_id).first()
