"""Translated fields of publications (``title_en``, ``title_fr``, ``title_es``…)."""

from modeltranslation.translator import TranslationOptions, register

from vigie.library.models import Publication


@register(Publication)
class PublicationTranslation(TranslationOptions):
    fields = ("title", "summary")
