"""What every loader of bundled data shares: one report and one create-or-update.

Loaders are idempotent: rows are matched on natural keys and written only when something
changed, so loading twice reports "0 created, 0 updated" and touches no row.
"""

from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import models

ModelT = TypeVar("ModelT", bound=models.Model)


@dataclass
class LoadReport:
    """How many rows of one kind a load created, updated and left as they were."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def __str__(self) -> str:
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"


class _Unknown:
    """Marker: the caller did not look the row up beforehand."""


UNKNOWN = _Unknown()


def upsert(
    report: LoadReport,
    model: type[ModelT],
    keys: dict[str, Any],
    values: dict[str, Any],
    *,
    existing: ModelT | _Unknown | None = UNKNOWN,
) -> ModelT:
    """Create the row matched by ``keys``, or update only the ``values`` that differ; count it.

    A loader that has already fetched every row (to save one query per row) passes the match,
    or ``None`` when there is none, as ``existing``.
    """
    manager = model._default_manager
    current = manager.filter(**keys).first() if isinstance(existing, _Unknown) else existing
    if current is None:
        report.created += 1
        return manager.create(**keys, **values)
    changed = [name for name, value in values.items() if getattr(current, name) != value]
    if changed:
        for name in changed:
            setattr(current, name, values[name])
        current.save(update_fields=changed)
        report.updated += 1
    else:
        report.unchanged += 1
    return current
