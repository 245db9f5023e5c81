"""What every loader of bundled data shares: one report and one create-or-update.

Loaders are idempotent: rows are matched on natural keys and written only when something
changed, so loading twice reports "0 created, 0 updated" and touches no row.
"""

from collections.abc import Iterable
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


def _differs(obj: models.Model, name: str, value: Any) -> bool:
    """Whether ``obj.name`` differs from ``value``; a foreign key is compared by its id, so
    that checking an unchanged row reads no related row."""
    if isinstance(value, models.Model):
        field = obj._meta.get_field(name)
        if isinstance(field, models.ForeignKey):
            return bool(getattr(obj, field.attname) != value.pk)
    return bool(getattr(obj, name) != value)


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
    changed = [name for name, value in values.items() if _differs(current, name, value)]
    if changed:
        for name in changed:
            setattr(current, name, values[name])
        current.save(update_fields=changed)
        report.updated += 1
    else:
        report.unchanged += 1
    return current


def upsert_table(
    model: type[models.Model], key: str, records: Iterable[dict[str, Any]]
) -> LoadReport:
    """``upsert`` for a whole table matched on one ``key`` field: every row is read once, the
    new ones are inserted together (one query per batch, not one per row)."""
    existing = {getattr(obj, key): obj for obj in model._default_manager.all()}
    report = LoadReport()
    new = []
    for record in records:
        current = existing.get(record[key])
        if current is None:
            new.append(model(**record))
            report.created += 1
            continue
        values = {name: value for name, value in record.items() if name != key}
        upsert(report, model, {key: record[key]}, values, existing=current)
    model._default_manager.bulk_create(new, batch_size=500)
    return report
