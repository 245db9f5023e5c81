"""Reading an event's per-language texts in the visitor's language, then in the event's order.

The one documented exception to the English fallback (docs/events.md). The texts are
translated fields like any other (registered in ``vigie/events/translation.py``, columns
``title_en``, ``title_fr``…), and ``event.title`` falls back to English; but an event written
in French and English for a Francophone audience should fall back to French first, and
django-modeltranslation's fallback order is per model, not per row. Each series and event
records its own language order, and this module follows it.
"""

from typing import Any

from modeltranslation.utils import build_localized_fieldname

from vigie.core.i18n import active_language, language_codes


def _column(obj: Any, field: str, code: str) -> str:
    return getattr(obj, build_localized_fieldname(field, code), "") or ""


def order_of(obj: Any) -> list[str]:
    """The language order of a series or event (items use their event's)."""
    raw = getattr(obj, "language_order", None)
    if raw is None and getattr(obj, "event", None) is not None:
        raw = obj.event.language_order
    codes = [code.strip() for code in (raw or "").split(",") if code.strip()]
    return codes or ["en"]


def text(
    obj: Any, field: str, language_order: str | None = None, language: str | None = None
) -> str:
    """The field in ``language`` (default: active), else in the object's order, else any."""
    order = (
        [code.strip() for code in language_order.split(",")] if language_order else order_of(obj)
    )
    for code in [language or active_language(), *order, *language_codes()]:
        value = _column(obj, field, code)
        if value:
            return str(value)
    return ""


def text_language(obj: Any, field: str, language: str | None = None) -> str:
    """The language code of the text ``text`` returns (so the page can mark it with ``lang``)."""
    for code in [language or active_language(), *order_of(obj), *language_codes()]:
        if _column(obj, field, code):
            return code
    return language or active_language()


def other_versions(obj: Any, field: str, language: str | None = None) -> list[tuple[str, str]]:
    """(code, text) of the field in the other languages, in the object's order, for side by side."""
    shown = text_language(obj, field, language)
    return [
        (code, _column(obj, field, code))
        for code in dict.fromkeys([*order_of(obj), *language_codes()])
        if code != shown and _column(obj, field, code)
    ]


def lines(value: str) -> list[str]:
    return [line.strip().lstrip("▪•-").strip() for line in value.splitlines() if line.strip()]
