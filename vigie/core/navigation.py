"""The site's main sections, shown in the navigation once the app that serves them exists."""

from dataclasses import dataclass
from functools import cache

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class SiteSection:
    url_name: str
    label: Promise


SECTIONS = (
    SiteSection("atlas:map", _("Policy atlas")),
    SiteSection("index:home", _("Drug policy index")),
    SiteSection("un:home", _("UN tracker")),
    SiteSection("events:list", _("Events")),
    SiteSection("learning:list", _("Courses")),
    SiteSection("network:directory", _("Members")),
    SiteSection("countries:list", _("Countries")),
    SiteSection("campaign:home", _("Support. Don't Punish")),
    SiteSection("strategy:dashboard", _("Strategy")),
)


@cache
def _installed_url_names() -> tuple[str, ...]:
    installed = []
    for section in SECTIONS:
        try:
            reverse(section.url_name)
        except NoReverseMatch:
            continue
        installed.append(section.url_name)
    return tuple(installed)


def visible_sections() -> list[SiteSection]:
    names = _installed_url_names()
    return [section for section in SECTIONS if section.url_name in names]
