"""The Django admin for the programme: series, events with their parts, talks, speakers and questions.

Registrations are listed read-only here; staff manage them from the event's staff pages, which
keep the waiting list consistent.
"""

from typing import Any

from django import forms
from django.contrib import admin
from django.core.files.uploadedfile import UploadedFile

from vigie.core.admin import ArchivableAdmin
from vigie.core.uploads import validate_document
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


class SeriesCreditInline(admin.TabularInline):
    model = SeriesCredit
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(Series)
class SeriesAdmin(admin.ModelAdmin):
    list_display = ["slug", "title_en", "title_fr", "language_order"]
    search_fields = ["slug", "title_en", "title_fr", "title_es"]
    inlines = [SeriesCreditInline]
    filter_horizontal = ["sources"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "affiliation", "is_organisation"]
    search_fields = ["name", "affiliation"]


class ProgrammeItemInline(admin.StackedInline):
    model = ProgrammeItem
    extra = 0
    fields = ["kind", "parent", "order", "title_en", "title_fr", "title_es", "starts_at", "ends_at"]


class ContributionInline(admin.TabularInline):
    model = Contribution
    extra = 0
    autocomplete_fields = ["person"]


class QuestionInline(admin.StackedInline):
    model = RegistrationQuestion
    extra = 0


class MaterialAdminForm(forms.ModelForm):
    class Meta:
        model = Material
        fields = ["title", "url", "file"]

    def clean_file(self) -> Any:
        file = self.cleaned_data.get("file")
        if isinstance(file, UploadedFile):  # a new upload, not the file already stored
            validate_document(file)
        return file


class MaterialInline(admin.TabularInline):
    model = Material
    form = MaterialAdminForm
    extra = 0


@admin.register(Event)
class EventAdmin(ArchivableAdmin):
    list_display = ["slug", "title_en", "starts_at", "time_zone", "status", "capacity"]
    list_filter = ["status", "format", "series"]
    search_fields = ["slug", "title_en", "title_fr", "title_es"]
    inlines = [ProgrammeItemInline, ContributionInline, QuestionInline, MaterialInline]
    filter_horizontal = ["countries", "sources"]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "event", "status", "attended", "created_at"]
    list_filter = ["status", "event"]
    search_fields = ["name", "email", "organisation"]
    readonly_fields = [field.name for field in Registration._meta.fields]

    def has_add_permission(self, request: object) -> bool:
        return False
