"""Template helpers shared by every app."""

from django import template
from django.utils import formats, translation
from django.utils.html import format_html
from django.utils.safestring import SafeString

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


def is_web_address(address: str) -> bool:
    return address.strip().lower().startswith(("https://", "http://"))


@register.simple_tag
def source_link(address: str, label: str = "") -> SafeString:
    """A link to a source that has a web address; the source's name as plain text otherwise.

    Some sourced facts name a document that has no address ("Ghana news article (no address
    recorded)"): written into ``href``, that name became a relative link to a page that does not
    exist. ``label`` replaces the address as the link's text (e.g. "source 1").
    """
    if is_web_address(address):
        return format_html('<a href="{}" rel="noopener">{}</a>', address.strip(), label or address)
    return format_html('<span class="source-without-address">{}</span>', address)


# The space between a number and "%": none in English, a narrow no-break space in French (the
# Imprimerie nationale's rule), a no-break space in Spanish (the RAE's rule).
_PERCENT_SPACE = {"en": "", "fr": "\u202f", "es": "\u00a0"}


@register.filter
def percent(value: float | int | None, decimal_places: int | str = 0) -> str:
    """``75`` as "75%" in English, "75 %" in French and Spanish, with the locale's decimal mark."""
    if value is None or value == "":
        return "—"
    places = int(decimal_places)
    number = formats.number_format(round(float(value), places), decimal_pos=places)
    language = (translation.get_language() or "en").split("-")[0]
    return f"{number}{_PERCENT_SPACE.get(language, '')}%"
