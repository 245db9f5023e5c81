from django import forms
from django.contrib import admin
from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from vigie.strategy.computations import computation_choices
from vigie.strategy.models import (
    Activity,
    ManualValue,
    Objective,
    Pillar,
    Plan,
    SuccessMeasure,
    Target,
)


class SuccessMeasureForm(forms.ModelForm):
    computation = forms.ChoiceField(choices=computation_choices, required=False)

    class Meta:
        model = SuccessMeasure
        exclude: list[str] = []


class TargetInline(admin.TabularInline):
    model = Target
    extra = 1


class ManualValueInline(TranslationTabularInline):
    model = ManualValue
    extra = 1
    autocomplete_fields = ("source",)


@admin.register(SuccessMeasure)
class SuccessMeasureAdmin(TranslationAdmin):
    form = SuccessMeasureForm
    list_display = ("name_en", "objective", "computation", "unit", "baseline_date", "is_public")
    list_filter = ("objective__plan", "is_public", "unit")
    inlines = (TargetInline, ManualValueInline)


class PillarInline(TranslationStackedInline):
    model = Pillar
    extra = 0


class ObjectiveInline(TranslationStackedInline):
    model = Objective
    extra = 0


@admin.register(Plan)
class PlanAdmin(TranslationAdmin):
    list_display = ("title_en", "starts_year", "ends_year")
    inlines = (PillarInline, ObjectiveInline)
    filter_horizontal = ("sources",)


@admin.register(Activity)
class ActivityAdmin(TranslationAdmin):
    list_display = ("__str__", "objective", "pillar")
    list_filter = ("objective__plan", "pillar__number", "objective__number")
