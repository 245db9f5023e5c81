"""API schemas derived from the records the queries return, so each shape is declared once.

A query returns a TypedDict (its record); the JSON API documents that record, sometimes without
the fields meant only for pages (a link label, a translated copy). ``schema_of`` builds the
django-ninja schema from the record under the public name the OpenAPI document uses.
"""

from collections.abc import Iterable, Mapping
from typing import Any, get_type_hints

from ninja import Schema
from pydantic import create_model


def schema_of(
    record: type,
    name: str,
    *,
    exclude: Iterable[str] = (),
    types: Mapping[str, Any] | None = None,
) -> type[Schema]:
    """The schema ``name`` with every field of the TypedDict ``record``, in its order, except
    those in ``exclude``; ``types`` replaces a field's type (e.g. a nested record's schema).

    The class is made at run time: annotate the name ``Any`` so that mypy accepts it inside
    ``response=list[...]``.
    """
    left_out = set(exclude)
    replaced = dict(types or {})
    hints = get_type_hints(record)
    unknown = (left_out | set(replaced)) - set(hints)
    if unknown:
        raise ValueError(f"{record.__name__} has no field {', '.join(sorted(unknown))}")
    fields: dict[str, Any] = {
        field: (replaced.get(field, hint), ...)
        for field, hint in hints.items()
        if field not in left_out
    }
    schema: type[Schema] = create_model(name, __base__=Schema, **fields)
    schema.__doc__ = record.__doc__
    return schema
