"""Template helpers shared by every app."""

from django import template
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
