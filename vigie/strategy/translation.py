"""Translated fields of the strategy (django-modeltranslation: ``title_en``, ``title_fr``…)."""

from modeltranslation.translator import TranslationOptions, register

from vigie.strategy.models import Activity, ManualValue, Objective, Pillar, Plan, SuccessMeasure


@register(Plan)
class PlanTranslation(TranslationOptions):
    fields = ("title", "vision", "mission")
    required_languages = ("en",)


@register(Pillar)
class PillarTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("en",)


@register(Objective)
class ObjectiveTranslation(TranslationOptions):
    fields = ("priority", "goal")
    required_languages = ("en",)


@register(Activity)
class ActivityTranslation(TranslationOptions):
    fields = ("text",)
    required_languages = ("en",)


@register(SuccessMeasure)
class SuccessMeasureTranslation(TranslationOptions):
    fields = ("name", "definition")
    required_languages = ("en",)


@register(ManualValue)
class ManualValueTranslation(TranslationOptions):
    fields = ("note",)
    required_languages = ("en",)
