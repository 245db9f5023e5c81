"""Translated fields of surveys (django-modeltranslation: ``title_en``, ``title_fr``…)."""

from modeltranslation.translator import TranslationOptions, register

from vigie.surveys.models import Choice, Survey, SurveyQuestion


@register(Survey)
class SurveyTranslation(TranslationOptions):
    fields = ("title", "description")
    required_languages = ("en", "fr", "es")


@register(SurveyQuestion)
class SurveyQuestionTranslation(TranslationOptions):
    fields = ("text",)
    required_languages = ("en", "fr", "es")


@register(Choice)
class ChoiceTranslation(TranslationOptions):
    fields = ("label",)
    required_languages = ("en", "fr", "es")
