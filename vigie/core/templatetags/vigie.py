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


@register.inclusion_tag("core/partials/last_review.html", takes_context=True)
def last_review(context: template.Context, kind: str, key: str) -> dict[str, object]:
    """When a dataset or jurisdiction was last reviewed and by whom (one query)."""
    from vigie.core.reviews import get_last_reviews

    key = key.upper() if kind == "jurisdiction" else key
    return {
        "kind": kind,
        "key": key,
        "review": get_last_reviews(kind, [key]).get(key),
        "is_editor": context.get("is_editor", False),
        "request": context.get("request"),
    }
