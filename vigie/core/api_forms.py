"""Write operations of the JSON API validated by the staff form of the same task.

A staff page and its API operation do one thing one way: the operation binds the page's own
Django form to the JSON body (``bind_form``), so every rule of the form applies, then calls the
same service. ``form_schema`` documents that body in the OpenAPI document from the form's fields
(labels and help texts become descriptions). ``api_write`` runs the whole write in one
transaction and turns the refusals into answers naming the field:

* a field the form refuses → 422 ``{"detail": [{"loc": ["body", "payload", <field>], "msg": …,
  "type": "invalid"}]}``, the shape ninja gives a body that does not parse;
* a rule of the service (``DomainError``) → 400 ``{"detail": …}`` (422 naming the field when the
  error carries one);

and nothing is written when it refuses.
"""

import datetime
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Literal, TypeVar

from django import forms
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils.encoding import force_str
from ninja import Schema
from ninja.errors import HttpError, ValidationError
from pydantic import Field, create_model

from vigie.core.api_auth import staff_write_auth
from vigie.core.api_errors import ApiErrorOut, ApiValidationErrorOut
from vigie.core.errors import DomainError

FormT = TypeVar("FormT", bound=forms.BaseForm)

# What a write operation can answer besides its success.
WRITE_ERRORS: dict[int, type[Schema]] = {
    400: ApiErrorOut,
    401: ApiErrorOut,
    403: ApiErrorOut,
    422: ApiValidationErrorOut,
}
WRITE_ERRORS_ON_OBJECT: dict[int, type[Schema]] = {**WRITE_ERRORS, 404: ApiErrorOut}


def staff_write(
    operation: Callable[..., Any],
    path: str,
    *,
    name: str,
    summary: str,
    out: Any,
    status: int = 200,
    also: dict[int, Any] | None = None,
    **options: Any,
) -> Any:
    """Declare a staff write operation: ``operation`` is ``router.post`` (or ``patch``,
    ``delete``); editors only (``staff_write_auth``); its refusals documented (and 404 when
    the path names an object: ``/events/{slug}``); ``also``: other successful answers."""
    errors = WRITE_ERRORS_ON_OBJECT if "{" in path else WRITE_ERRORS
    return operation(
        path,
        response={status: out, **(also or {}), **errors},
        auth=staff_write_auth,
        url_name=name,
        summary=summary,
        **options,
    )


class FormRefused(Exception):
    """The form refused the body: ``errors`` maps each field (or ``__all__``) to its messages."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__(errors)
        self.errors = errors


def _choice_values(field: forms.Field) -> list[str]:
    """The values a (non-model) choice field accepts, option groups flattened."""
    values: list[str] = []
    for value, label in getattr(field, "choices", []):
        if isinstance(label, list | tuple):
            values += [str(inner) for inner, _label in label]
        elif value != "":
            values.append(str(value))
    return values


def _python_type(field: forms.Field) -> Any:
    if isinstance(field, forms.ModelMultipleChoiceField):
        return list[str] | list[int]
    if isinstance(field, forms.ModelChoiceField):
        return int | str
    if isinstance(field, forms.ChoiceField) and _choice_values(field):
        kind: Any = Literal[tuple(_choice_values(field))]
        return list[kind] if isinstance(field, forms.MultipleChoiceField) else kind
    if isinstance(field, forms.MultipleChoiceField):
        return list[str]
    if isinstance(field, forms.BooleanField):
        return bool
    if isinstance(field, forms.IntegerField):
        return int
    if isinstance(field, forms.DecimalField | forms.FloatField):
        return float | str
    if isinstance(field, forms.DateTimeField):
        return datetime.datetime
    if isinstance(field, forms.DateField):
        return datetime.date
    return str


def _description(field: forms.Field, key: str | None) -> str:
    parts = [force_str(field.label or "").rstrip(".") + "."]
    if field.help_text:
        parts.append(force_str(field.help_text).rstrip(".") + ".")
    if key:
        parts.append(f"Given by its `{key}`.")
    elif isinstance(field, forms.ModelChoiceField):
        parts.append("Given by its id.")
    return " ".join(part for part in parts if part)


def form_schema(
    name: str,
    form: forms.BaseForm,
    *,
    exclude: tuple[str, ...] = (),
    keys: dict[str, str] | None = None,
    extra: dict[str, tuple[Any, Any]] | None = None,
    partial: bool = False,
) -> type[Schema]:
    """A ninja schema of the body ``bind_form`` accepts for ``form`` (an unbound instance).

    Fields the form requires are required; the others may be left out. ``keys`` names the field
    an object is given by instead of its id (``{"countries": "iso2"}``); ``extra`` adds fields
    that are not the form's, as ``name: (type, Field(...))``. ``partial``: every field may be
    left out (a change, where what is left out keeps its value).
    """
    keys = keys or {}
    fields: dict[str, Any] = {}
    for field_name, field in form.fields.items():
        if field_name in exclude or isinstance(field, forms.FileField):
            continue
        kind = _python_type(field)
        description = _description(field, keys.get(field_name))
        has_initial = form.get_initial_for_field(field, field_name) not in (None, "", [], ())
        if field.required and not (isinstance(field, forms.BooleanField) or has_initial or partial):
            fields[field_name] = (kind, Field(..., description=description))
        else:
            fields[field_name] = (kind | None, Field(None, description=description))
    fields.update(extra or {})
    return create_model(name, __base__=Schema, **fields)


def body_of(payload: Any, *, partial: bool = False) -> dict[str, Any]:
    """A body as a dict: for a change (``partial``) only the fields the caller sent."""
    return dict(payload.model_dump(exclude_unset=partial, exclude_none=not partial))


def bind_form(
    form_class: Callable[..., FormT],
    payload: Schema | dict[str, Any],
    *,
    keys: dict[str, str] | None = None,
    **form_kwargs: Any,
) -> FormT:
    """``form_class`` bound to the body and validated; ``FormRefused`` when it refuses it."""
    data = payload if isinstance(payload, dict) else payload.model_dump(exclude_none=True)
    data = {**_initial_data(form_class(**form_kwargs), keys or {}), **data}
    form = form_class(data=_as_form_data(data), **form_kwargs)
    for field_name, key in (keys or {}).items():
        if field_name in form.fields:
            form.fields[field_name].to_field_name = key  # type: ignore[attr-defined]
    if not form.is_valid():
        raise FormRefused(
            {
                name: [force_str(message) for message in messages]
                for name, messages in form.errors.items()
            }
        )
    return form


def _initial_data(form: forms.BaseForm, keys: dict[str, str]) -> dict[str, Any]:
    """What the page's form shows before anyone types: a field left out keeps it (a model's
    default on a new object, the current value on an existing one)."""
    initial: dict[str, Any] = {}
    for name, field in form.fields.items():
        value = form.get_initial_for_field(field, name)
        if value in (None, "", [], ()) or isinstance(field, forms.FileField):
            continue
        if name in keys:  # an object given by its key: its current value by that key too
            assert isinstance(field, forms.ModelChoiceField) and field.queryset is not None
            found = field.queryset.filter(
                pk__in=value if isinstance(value, list | tuple) else [value]
            )
            keyed = [getattr(obj, keys[name]) for obj in found]
            value = keyed if isinstance(field, forms.ModelMultipleChoiceField) else keyed[0]
        elif isinstance(field, forms.ModelMultipleChoiceField):
            value = [getattr(obj, "pk", obj) for obj in value]
        elif isinstance(field, forms.ModelChoiceField):
            value = getattr(value, "pk", value)
        initial[name] = value
    return initial


def _as_form_data(data: dict[str, Any]) -> dict[str, Any]:
    """JSON values as a browser would post them (booleans left out when false, like a box)."""
    posted: dict[str, Any] = {}
    for name, value in data.items():
        if value is False:
            continue
        if isinstance(value, datetime.datetime):
            value = value.replace(tzinfo=None).isoformat() if value.tzinfo is None else value
        posted[name] = value
    return posted


def refusal(errors: dict[str, list[str]], *, where: str = "payload") -> ValidationError:
    """A 422 answer naming each refused field (``__all__`` for the form as a whole)."""
    return ValidationError(
        [
            {"loc": ["body", where, name], "msg": message, "type": "invalid"}
            for name, messages in errors.items()
            for message in messages
        ]
    )


@contextmanager
def api_write(refused: type[DomainError] | None = None, *, at: str = "__all__") -> Iterator[None]:
    """Run a write in one transaction; a refusal rolls all of it back and names the field.

    ``refused``: the service's errors of that kind are said at the body's field ``at`` (the
    form as a whole by default), where the staff page says them."""
    try:
        with transaction.atomic():
            try:
                yield
            except DomainError as error:
                if refused is None or not isinstance(error, refused):
                    raise
                raise FormRefused({at: [str(error)]}) from error
    except FormRefused as refused_form:
        raise refusal(refused_form.errors) from refused_form
    except DjangoValidationError as error:  # a model's own check, after the form's
        errors = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
        raise refusal(errors) from error
    except DomainError as error:
        field = getattr(error, "field", None)
        message = str(getattr(error, "message", None) or error)
        if field:
            raise refusal({field: [message]}) from error
        raise HttpError(400, message) from error
