"""Per-field translated content: ``<field>_en``, ``<field>_fr``, ``<field>_es``.

Every app stores translated content as one column per language with the same suffixes, so
that forms, the admin, CSV files and the API all see plain fields. Reading falls back to
English when the active language has no text (fr → en, es → en).
"""

from typing import Any

from django.conf import settings
from django.utils import translation

FALLBACK_LANGUAGE = "en"


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def active_language() -> str:
    language = (translation.get_language() or FALLBACK_LANGUAGE).split("-")[0]
    return language if language in language_codes() else FALLBACK_LANGUAGE


def localized(obj: Any, field: str, language: str | None = None) -> str:
    """Return ``obj.<field>_<language>``, falling back to English, then to any language."""
    language = language or active_language()
    for code in [language, FALLBACK_LANGUAGE, *language_codes()]:
        value = getattr(obj, f"{field}_{code}", "") or ""
        if value:
            return str(value)
    return ""
