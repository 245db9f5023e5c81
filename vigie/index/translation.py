"""Translated fields of the index (django-modeltranslation: ``title_en``, ``title_fr``…)."""

from modeltranslation.translator import TranslationOptions, register

from vigie.index.models import Edition


@register(Edition)
class EditionTranslation(TranslationOptions):
    fields = ("title", "description")
    required_languages = ("en",)
