"""Template helpers shared by every app."""

from typing import Any

from django import template

from vigie.core.i18n import localized as localized_value

register = template.Library()


@register.filter
def localized(obj: Any, field: str) -> str:
    """``{{ measure|localized:"summary" }}``: the field in the active language, else English."""
    return localized_value(obj, field)


@register.simple_tag
def country_profile_url(iso2: str) -> str:
    """The address of a country's profile page, or "" where no profile page is installed.

    Domain apps link to the profile through this tag so that they never depend on the app
    that composes it.
    """
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse("countries:profile", args=[iso2.lower()])
    except NoReverseMatch:
        return ""
