"""Translated fields of courses (django-modeltranslation: ``title_en``, ``title_fr``…)."""

from modeltranslation.translator import TranslationOptions, register

from vigie.learning.models import Course, Lesson, Module, QuizOption, QuizQuestion


@register(Course)
class CourseTranslation(TranslationOptions):
    fields = ("title", "summary")


@register(Module)
class ModuleTranslation(TranslationOptions):
    fields = ("title",)


@register(Lesson)
class LessonTranslation(TranslationOptions):
    fields = ("title", "body", "transcript")


@register(QuizQuestion)
class QuizQuestionTranslation(TranslationOptions):
    fields = ("prompt", "accepted_answers", "feedback")


@register(QuizOption)
class QuizOptionTranslation(TranslationOptions):
    fields = ("text", "feedback")
