"""Translated fields of events (django-modeltranslation: ``title_en``, ``title_fr``…).

Pages read these texts through ``vigie.events.texts`` in each series' and event's own language
order (the documented exception to the English fallback, see docs/events.md).
"""

from modeltranslation.translator import TranslationOptions, register

from vigie.events.models import Event, ProgrammeItem, RegistrationQuestion, Series


@register(Series)
class SeriesTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ("title", "subtitle", "summary", "objectives", "language_note")


@register(ProgrammeItem)
class ProgrammeItemTranslation(TranslationOptions):
    fields = ("title",)


@register(RegistrationQuestion)
class RegistrationQuestionTranslation(TranslationOptions):
    fields = ("label", "choices")
