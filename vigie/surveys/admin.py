"""Staff editing of survey definitions and rounds. Answers are read through the CSV export."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from vigie.core.admin import inline
from vigie.surveys import models


@admin.register(models.SurveyQuestion)
class QuestionAdmin(TranslationAdmin):
    list_display = ["code", "version", "position", "kind", "required"]
    list_filter = ["version", "kind"]
    inlines = [inline(models.Choice, base=TranslationTabularInline)]


@admin.register(models.SurveyVersion)
class SurveyVersionAdmin(admin.ModelAdmin):
    list_display = ["survey", "number"]
    inlines = [inline(models.Round)]


admin.site.register(models.Survey, TranslationAdmin)
