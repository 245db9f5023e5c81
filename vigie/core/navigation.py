"""The site's main sections, shown in the navigation once the app that serves them exists."""

from dataclasses import dataclass
from functools import cache

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Section:
    url_name: str
    label: Promise


SECTIONS = (
    Section("atlas:map", _("Policy atlas")),
    Section("index:home", _("Drug policy index")),
    Section("un:home", _("UN tracker")),
    Section("events:list", _("Events")),
    Section("network:directory", _("Members")),
    Section("countries:list", _("Countries")),
    Section("strategy:dashboard", _("Strategy")),
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


def visible_sections() -> list[Section]:
    names = _installed_url_names()
    return [section for section in SECTIONS if section.url_name in names]
