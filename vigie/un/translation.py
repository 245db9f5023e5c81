"""Translated fields of the UN tracker (django-modeltranslation: ``label_en``, ``label_fr``…)."""

from modeltranslation.translator import TranslationOptions, register

from vigie.un.models import Forum, IssueTag, PositionCode


@register(PositionCode)
class PositionCodeTranslation(TranslationOptions):
    fields = ("label", "description")
    required_languages = ("en", "fr", "es")


@register(IssueTag)
class IssueTagTranslation(TranslationOptions):
    fields = ("label",)
    required_languages = ("en", "fr", "es")


@register(Forum)
class ForumTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("en", "fr", "es")
