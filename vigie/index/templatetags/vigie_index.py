"""Small template helpers for the index pages."""

from typing import Any

from django import template
from django.utils.formats import number_format
from django.utils.http import urlencode

register = template.Library()


@register.filter
def get(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key) if mapping else None


@register.filter
def score(value: float | None) -> str:
    """A score with one decimal, or an em dash when the number is unknown (never a guess)."""
    if value is None:
        return "—"
    return number_format(value, 1, use_l10n=True)


@register.simple_tag
def sort_query(code: str, sort: str, descending: bool, region: str) -> str:
    """Query string sorting by ``code``; a second click on the same column reverses it."""
    params = {"sort": code}
    if code == sort and not descending:
        params["dir"] = "desc"
    if region:
        params["region"] = region
    return urlencode(params)
