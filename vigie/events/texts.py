"""Reading an event's per-language texts in the visitor's language, then in the event's order.

Core's ``localized`` falls back to English; an event written in French and English for a
Francophone audience should fall back to French first. Each series and event records its own
language order, and this module follows it.
"""

from typing import Any

from vigie.core.i18n import active_language, language_codes


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
        value = getattr(obj, f"{field}_{code}", "") or ""
        if value:
            return str(value)
    return ""


def text_language(obj: Any, field: str, language: str | None = None) -> str:
    """The language code of the text ``text`` returns (so the page can mark it with ``lang``)."""
    for code in [language or active_language(), *order_of(obj), *language_codes()]:
        if getattr(obj, f"{field}_{code}", ""):
            return code
    return language or active_language()


def other_versions(obj: Any, field: str, language: str | None = None) -> list[tuple[str, str]]:
    """(code, text) of the field in the other languages, in the object's order, for side by side."""
    shown = text_language(obj, field, language)
    return [
        (code, str(getattr(obj, f"{field}_{code}")))
        for code in dict.fromkeys([*order_of(obj), *language_codes()])
        if code != shown and bool(getattr(obj, f"{field}_{code}", None))
    ]


def lines(value: str) -> list[str]:
    return [line.strip().lstrip("▪•-").strip() for line in value.splitlines() if line.strip()]
