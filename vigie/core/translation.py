"""Translated fields of core models (django-modeltranslation: ``name_en``, ``name_fr``, ``name_es``)."""

from modeltranslation.translator import TranslationOptions, register

from vigie.core.models import Country


@register(Country)
class CountryTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("en", "fr", "es")
