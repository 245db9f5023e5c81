"""Writes shared by every app: citing a source and recording an audit entry."""

import datetime
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from vigie.core.freshness import changes_facts
from vigie.core.models import Archivable, AuditEntry, Source


@changes_facts
def cite_source(
    *,
    url: str,
    title: str = "",
    publisher: str = "",
    accessed_on: datetime.date | None = None,
    published_on: datetime.date | None = None,
) -> Source:
    """Return the source for this address, creating it (or filling blank details) once."""
    source, created = Source.objects.get_or_create(
        url=url.strip(),
        defaults={
            "title": title,
            "publisher": publisher,
            "accessed_on": accessed_on,
            "published_on": published_on,
        },
    )
    if not created:
        updates = {
            name: value
            for name, value in (
                ("title", title),
                ("publisher", publisher),
                ("accessed_on", accessed_on),
                ("published_on", published_on),
            )
            if value and not getattr(source, name)
        }
        if updates:
            for name, value in updates.items():
                setattr(source, name, value)
            source.save(update_fields=list(updates))
    return source


def record_audit(
    *, action: str, obj: models.Model, actor: Any = None, changes: dict[str, Any] | None = None
) -> AuditEntry:
    """Write one audit entry (``app.thing.verb``) for a change to shared facts."""
    return AuditEntry.objects.create(
        action=action,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        changes=changes or {},
    )


class ArchiveError(ValueError):
    """The object cannot be archived or restored (it has no archived state, or is already so)."""


def _set_archived(obj: models.Model, actor: Any, *, archived: bool) -> Archivable:
    if not isinstance(obj, Archivable):
        raise ArchiveError(f"{obj._meta.label} has no archived state")
    if (obj.archived_at is not None) == archived:
        raise ArchiveError(f"{obj} is already archived" if archived else f"{obj} is not archived")
    obj.archived_at = timezone.now() if archived else None
    obj.archived_by = actor if archived and getattr(actor, "is_authenticated", False) else None
    obj.save(update_fields=["archived_at", "archived_by"])
    action = "archived" if archived else "restored"
    record_audit(action=f"{obj._meta.label_lower}.{action}", obj=obj, actor=actor)
    return obj


@changes_facts
@transaction.atomic
def archive(*, obj: models.Model, actor: Any = None) -> Archivable:
    """Archive a row that carries history instead of deleting it.

    The row leaves public lists but stays in the database, so every response, vote, registration
    or grant that points at it still counts in published figures.
    """
    return _set_archived(obj, actor, archived=True)


@changes_facts
@transaction.atomic
def restore(*, obj: models.Model, actor: Any = None) -> Archivable:
    """Bring an archived row back into public lists."""
    return _set_archived(obj, actor, archived=False)


def object_history(obj: models.Model) -> list[AuditEntry]:
    """Every audit entry about one object, newest first."""
    return list(
        AuditEntry.objects.filter(
            object_type=obj._meta.label_lower, object_id=str(obj.pk)
        ).select_related("actor")
    )


@changes_facts
@transaction.atomic
def save_form(*, form: Any, actor: Any = None, verb: str = "") -> Any:
    """Save a staff model form and record who did it, with the changed fields: the audit action
    is ``app.model.created`` or ``.changed`` (or ``.<verb>``)."""
    created = form.instance._state.adding
    obj = form.save()
    record_audit(
        action=f"{obj._meta.label_lower}.{verb or ('created' if created else 'changed')}",
        obj=obj,
        actor=actor,
        changes={"fields": sorted(form.changed_data)},
    )
    return obj
