"""Template helpers shared by every app."""

from django import template

register = template.Library()


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
