from django import forms
from django.contrib import admin
from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from vigie.core.admin import inline
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


@admin.register(SuccessMeasure)
class SuccessMeasureAdmin(TranslationAdmin):
    form = SuccessMeasureForm
    list_display = ("name_en", "objective", "computation", "unit", "baseline_date", "is_public")
    list_filter = ("objective__plan", "is_public", "unit")
    inlines = (
        inline(Target, extra=1),
        inline(
            ManualValue, base=TranslationTabularInline, extra=1, autocomplete_fields=("source",)
        ),
    )


@admin.register(Plan)
class PlanAdmin(TranslationAdmin):
    list_display = ("title_en", "starts_year", "ends_year")
    inlines = (
        inline(Pillar, base=TranslationStackedInline),
        inline(Objective, base=TranslationStackedInline),
    )
    filter_horizontal = ("sources",)


@admin.register(Activity)
class ActivityAdmin(TranslationAdmin):
    list_display = ("__str__", "objective", "pillar")
    list_filter = ("objective__plan", "pillar__number", "objective__number")
