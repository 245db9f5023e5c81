"""Posting an admin change form as an editor's browser would: every field and inline as shown."""

import datetime
from typing import Any

from django.forms import BaseForm
from django.test import Client


def _put(data: dict[str, Any], form: BaseForm) -> None:
    for bound in form:
        value = bound.value()
        if value is None or value is False:
            continue
        if value is True:
            data[bound.html_name] = "on"
        elif isinstance(value, list | tuple):
            data[bound.html_name] = [str(getattr(item, "pk", item)) for item in value]
        elif isinstance(value, datetime.date):
            data[bound.html_name] = value.isoformat()
        else:
            data[bound.html_name] = str(getattr(value, "pk", value))


def change_form_data(page: Any) -> dict[str, Any]:
    # ``page`` is the test client's response to the change page (it carries the context).
    """The data the admin change page would post unchanged, with its inline formsets."""
    data: dict[str, Any] = {"_save": "Save"}
    _put(data, page.context["adminform"].form)
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        _put(data, formset.management_form)
        for form in formset.forms:
            _put(data, form)
    return data


def add_inline_row(data: dict[str, Any], prefix: str, values: dict[str, Any]) -> None:
    """Fill one more row of an inline formset, as the admin's "Add another" does."""
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    for name, value in values.items():
        data[f"{prefix}-{index}-{name}"] = str(value)
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)


def post_change_form(client: Client, url: str, data: dict[str, Any]) -> Any:
    response = client.post(url, data)
    if response.status_code != 302:
        context = response.context
        errors = [context["adminform"].form.errors] + [
            inline.formset.errors for inline in context["inline_admin_formsets"]
        ]
        raise AssertionError(f"the admin refused the change: {errors}")
    return response
