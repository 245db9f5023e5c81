"""Staff editing of survey definitions and rounds. Answers are read through the CSV export."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from vigie.surveys import models


class ChoiceInline(TranslationTabularInline):
    model = models.Choice
    extra = 0


@admin.register(models.SurveyQuestion)
class QuestionAdmin(TranslationAdmin):
    list_display = ["code", "version", "position", "kind", "required"]
    list_filter = ["version", "kind"]
    inlines = [ChoiceInline]


class RoundInline(admin.TabularInline):
    model = models.Round
    extra = 0


@admin.register(models.SurveyVersion)
class SurveyVersionAdmin(admin.ModelAdmin):
    list_display = ["survey", "number"]
    inlines = [RoundInline]


admin.site.register(models.Survey, TranslationAdmin)
