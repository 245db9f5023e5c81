"""API schemas derived from the records the queries return, so each shape is declared once.

A query returns a TypedDict (its record); the JSON API documents that record, sometimes without
the fields meant only for pages (a link label, a translated copy). ``schema_of`` builds the
django-ninja schema from the record under the public name the OpenAPI document uses.
"""

from collections.abc import Iterable, Mapping
from typing import Any, get_type_hints

from ninja import Schema
from pydantic import ModelWrapValidatorHandler, ValidationInfo, create_model, model_validator


class RecordSchema(Schema):
    """A schema of the records (dictionaries) the queries return.

    django-ninja's ``Schema`` wraps every object it validates in a getter that reads each field
    as an attribute (for model instances): on a dictionary that is a Python call per field and
    row, most of the cost of an API list. A dictionary is validated as it is, by pydantic alone;
    anything else is read as ``Schema`` reads it.
    """

    @model_validator(mode="wrap")
    @classmethod
    def _run_root_validator(
        cls, values: Any, handler: ModelWrapValidatorHandler[Any], info: ValidationInfo
    ) -> Any:
        if isinstance(values, dict):
            return handler(values)
        return super()._run_root_validator(values, handler, info)  # type: ignore[operator]


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
    schema: type[Schema] = create_model(name, __base__=RecordSchema, **fields)
    schema.__doc__ = record.__doc__
    return schema
