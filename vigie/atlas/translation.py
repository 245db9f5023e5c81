"""Translated fields of the atlas (django-modeltranslation: ``summary_en``, ``summary_fr``…)."""

from modeltranslation.translator import TranslationOptions, register

from vigie.atlas.models import Criterion, PolicyMeasure


@register(PolicyMeasure)
class PolicyMeasureTranslation(TranslationOptions):
    fields = ("summary",)
    required_languages = ("en",)


@register(Criterion)
class CriterionTranslation(TranslationOptions):
    fields = ("title", "description")
    required_languages = ("en", "fr", "es")
