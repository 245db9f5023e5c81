"""Translated fields of the network (django-modeltranslation: ``summary_en``, ``summary_fr``…)."""

from modeltranslation.translator import TranslationOptions, register

from vigie.network.models import Candidate, Organisation


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("summary",)


@register(Candidate)
class CandidateTranslation(TranslationOptions):
    fields = ("statement",)
    required_languages = ("en",)
