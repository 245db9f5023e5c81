"""Admin for the atlas: saving a measure goes through the service, so it is versioned too."""

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from vigie.atlas.forms import PolicyMeasureForm
from vigie.atlas.models import Assessment, Criterion, MeasureVersion, PolicyMeasure
from vigie.atlas.services import MeasureError, check_dates, delete_measure, record_admin_version
from vigie.core.admin import inline


class MeasureAdminForm(forms.ModelForm):
    class Meta:
        model = PolicyMeasure
        fields = ("country", "subdivision", *PolicyMeasureForm.Meta.fields, "sources")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("sources"):
            self.add_error("sources", _("A measure needs at least one source."))
        try:
            check_dates(cleaned)
        except MeasureError as error:
            raise forms.ValidationError(str(error)) from None
        return cleaned


@admin.register(PolicyMeasure)
class PolicyMeasureAdmin(admin.ModelAdmin):
    list_display = (
        "code",
        "country",
        "subdivision",
        "kind",
        "status",
        "adopted_on",
        "verification",
    )
    list_filter = ("kind", "status", "substance_scope", "verification", "country__region")
    search_fields = ("code", "title", "country__name_en", "subdivision__code")
    autocomplete_fields = ("country", "subdivision", "reverses", "sources")
    form = MeasureAdminForm
    inlines = [inline(Assessment)]

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        """Record a version through the service once fields, sources and assessments are saved."""
        super().save_related(request, form, formsets, change)
        record_admin_version(measure=form.instance, actor=request.user)

    def delete_model(self, request: HttpRequest, obj: PolicyMeasure) -> None:
        delete_measure(code=obj.code, actor=request.user)


@admin.register(Criterion)
class CriterionAdmin(TranslationAdmin):
    list_display = ("code", "applies_to", "title_en", "verified")


@admin.register(MeasureVersion)
class MeasureVersionAdmin(admin.ModelAdmin):
    list_display = ("measure_code", "number", "action", "actor", "created_at")
    search_fields = ("measure_code",)
    readonly_fields = (
        "measure_code",
        "number",
        "action",
        "actor",
        "created_at",
        "snapshot",
        "changes",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
