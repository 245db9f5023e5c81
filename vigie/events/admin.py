"""The Django admin for the programme: series, events with their parts, talks, speakers and questions.

Registrations are listed read-only here; staff manage them from the event's staff pages, which
keep the waiting list consistent.
"""

import contextlib
import zoneinfo
from typing import Any

from django import forms
from django.contrib import admin
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline

from vigie.core.admin import ArchivableAdmin, inline
from vigie.core.uploads import validate_document
from vigie.events.forms import ProgrammeItemForm
from vigie.events.models import (
    Contribution,
    Event,
    Material,
    Person,
    ProgrammeItem,
    Registration,
    RegistrationQuestion,
    Series,
    SeriesCredit,
)


@admin.register(Series)
class SeriesAdmin(TranslationAdmin):
    list_display = ["slug", "title_en", "title_fr", "language_order"]
    search_fields = ["slug", "title_en", "title_fr", "title_es"]
    inlines = [inline(SeriesCredit, autocomplete_fields=["person"])]
    filter_horizontal = ["sources"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "affiliation", "is_organisation"]
    search_fields = ["name", "affiliation"]


class ProgrammeItemInline(TranslationStackedInline):
    """Talk times typed and shown in the event's own zone, labelled with it (never bare UTC)."""

    model = ProgrammeItem
    form = ProgrammeItemForm
    extra = 0
    fields = [
        "kind", "parent", "order", "title_en", "title_fr", "title_es", "starts_local", "ends_local",
    ]  # fmt: skip

    def get_formset(self, request: HttpRequest, obj: Event | None = None, **kwargs: Any) -> Any:
        zone_name = obj.time_zone if obj else str(Event._meta.get_field("time_zone").default)
        if obj is None and request.method == "POST":  # a new event: the zone typed on the same form
            with contextlib.suppress(ValueError, zoneinfo.ZoneInfoNotFoundError):
                zone_name = str(zoneinfo.ZoneInfo(request.POST.get("time_zone", "")))
        form = type(
            "EventProgrammeItemForm", (ProgrammeItemForm,), {"zone_name": zone_name, "event": obj}
        )
        return super().get_formset(request, obj, form=form, **kwargs)


class MaterialAdminForm(forms.ModelForm):
    class Meta:
        model = Material
        fields = ["title", "url", "file"]

    def clean_file(self) -> Any:
        file = self.cleaned_data.get("file")
        if isinstance(file, UploadedFile):  # a new upload, not the file already stored
            validate_document(file)
        return file


@admin.register(Event)
class EventAdmin(ArchivableAdmin, TranslationAdmin):
    list_display = ["slug", "title_en", "starts_at", "time_zone", "status", "capacity"]
    list_filter = ["status", "format", "series"]
    search_fields = ["slug", "title_en", "title_fr", "title_es"]
    inlines = [
        ProgrammeItemInline,
        inline(Contribution, autocomplete_fields=["person"]),
        inline(RegistrationQuestion, base=TranslationStackedInline),
        inline(Material, form=MaterialAdminForm),
    ]
    filter_horizontal = ["countries", "sources"]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "event", "status", "attended", "created_at"]
    list_filter = ["status", "event"]
    search_fields = ["name", "email", "organisation"]
    readonly_fields = [field.name for field in Registration._meta.fields]

    def has_add_permission(self, request: object) -> bool:
        return False
