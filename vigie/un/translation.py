"""Translated fields of the UN tracker (django-modeltranslation: ``label_en``, ``label_fr``…)."""

from modeltranslation.translator import TranslationOptions, register

from vigie.un.models import Forum, IssueTag, PositionCode, Vote


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


@register(Vote)
class VoteTranslation(TranslationOptions):
    """A vote's title and notes are the tracker's own summaries, read in the reader's language
    (the UN symbol stays as the UN wrote it)."""

    fields = ("title", "notes")
    required_languages = ("en",)
