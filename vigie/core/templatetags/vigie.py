"""Template helpers shared by every app."""

from typing import Any

from django import template

from vigie.core.i18n import localized as localized_value

register = template.Library()


@register.filter
def localized(obj: Any, field: str) -> str:
    """``{{ measure|localized:"summary" }}``: the field in the active language, else English."""
    return localized_value(obj, field)
