"""Writes shared by every app: citing a source and recording an audit entry."""

import datetime
from typing import Any

from django.db import models

from vigie.core.freshness import changes_facts
from vigie.core.models import AuditEntry, Source


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
