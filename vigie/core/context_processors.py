"""Template context shared by every page: roles and the language switcher."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url

from vigie.core import roles
from vigie.core.navigation import visible_sections


def site(request: HttpRequest) -> dict[str, Any]:
    path = request.get_full_path()
    return {
        "is_admin": roles.is_admin(request.user),
        "is_editor": roles.is_editor(request.user),
        "is_member": roles.is_member(request.user),
        "nav_sections": visible_sections(),
        "language_links": [
            {"code": code, "name": name, "url": translate_url(path, code)}
            for code, name in settings.LANGUAGES
        ],
    }
