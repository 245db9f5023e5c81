"""Translated content: one mechanism, django-modeltranslation.

Each app registers its translated fields in its ``translation.py``; modeltranslation adds one
column per language (``title_en``, ``title_fr``, ``title_es``) and makes ``obj.title`` (and
``values("title")``, ``filter(title=…)``, ``order_by("title")``) read the active language,
then English, then any language (``MODELTRANSLATION_FALLBACK_LANGUAGES`` in the settings).
Forms, loaders and CSV files write the per-language columns by name.

The helpers below serve what is not a model field: texts kept in JSON (an index edition's
dimension names) or rows already read from another app, with the same fallback order, and
copying every translation of an object. The events' per-event language order
(``vigie/events/texts.py``, docs/events.md) is the one documented exception.
"""

from collections.abc import Callable, Mapping
from typing import Any

from django.conf import settings
from django.db.models import Model
from django.utils import translation
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname, resolution_order

FALLBACK_LANGUAGE = "en"


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def active_language() -> str:
    language = (translation.get_language() or FALLBACK_LANGUAGE).split("-")[0]
    return language if language in language_codes() else FALLBACK_LANGUAGE


def reading_order(language: str | None = None) -> tuple[str, ...]:
    """The languages read for a translated text: the given (or active) one, then the fallbacks."""
    return resolution_order(language or active_language())


def mapping_reader(field: str, language: str | None = None) -> Callable[[Mapping[str, Any]], str]:
    """``from_mapping`` for many rows: the languages and column names are found once."""
    columns = [build_localized_fieldname(field, code) for code in reading_order(language)]

    def read(values: Mapping[str, Any]) -> str:
        for column in columns:
            value = values.get(column)
            if value:
                return str(value)
        return ""

    return read


def from_mapping(values: Mapping[str, Any], field: str, language: str | None = None) -> str:
    """``values["<field>_<language>"]`` with the fallback order of translated model fields."""
    return mapping_reader(field, language)(values)


def translated_columns(model: type[Model] | Model) -> list[str]:
    """The per-language columns of a model's translated fields (``title_en``, ``title_fr``…)."""
    options = translator.get_options_for_model(model if isinstance(model, type) else type(model))
    return [
        build_localized_fieldname(field, code)
        for field in options.all_fields
        for code in language_codes()
    ]


def translations(obj: Model) -> dict[str, str]:
    """Every translation of an object, by column, to copy it into another row."""
    return {column: getattr(obj, column) or "" for column in translated_columns(obj)}


def keep_translation_columns_not_null() -> None:
    """Give each per-language column the nullability of the field it translates.

    django-modeltranslation makes every ``<field>_<language>`` column nullable; Vigie's text
    columns were never nullable (an absent translation is ``""``, see STYLE.md), so they stay
    ``NOT NULL`` and the fallback reads ``""`` as "no translation". Called once the
    registrations are done (``CoreConfig.ready``, after modeltranslation's own).
    """
    from modeltranslation.fields import TranslationField

    for model in translator.get_registered_models():
        for field in model._meta.local_fields:
            if isinstance(field, TranslationField) and not field.translated_field.null:
                field.null = False


def side_by_side_labels(field: str) -> dict[str, Any]:
    """Form labels of a translated field's columns, one per language (``title_fr``: "French"),
    for forms that show the languages side by side."""
    return {build_localized_fieldname(field, code): name for code, name in settings.LANGUAGES}
