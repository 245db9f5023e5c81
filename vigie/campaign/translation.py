"""Translated fields of the campaign (django-modeltranslation: ``title_en``, ``title_fr``…)."""

from modeltranslation.translator import TranslationOptions, register

from vigie.campaign.models import Call


@register(Call)
class CallTranslation(TranslationOptions):
    fields = ("title", "introduction")
    required_languages = ("en",)
