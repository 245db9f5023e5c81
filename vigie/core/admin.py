from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from vigie.core.models import AuditEntry, Country, Source, Subdivision


@admin.register(Country)
class CountryAdmin(TranslationAdmin):
    list_display = ("name_en", "iso2", "iso3", "region", "subregion", "is_un_member")
    list_filter = ("region", "subregion", "is_un_member")
    search_fields = ("name_en", "name_fr", "name_es", "iso2", "iso3")


@admin.register(Subdivision)
class SubdivisionAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "category", "country")
    search_fields = ("code", "name")
    list_select_related = ("country",)


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ("title", "publisher", "url", "accessed_on")
    search_fields = ("title", "publisher", "url")


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("created_at", "action", "object_type", "object_id", "actor")
    list_filter = ("action", "object_type")
    readonly_fields = ("created_at", "action", "object_type", "object_id", "actor", "changes")

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False
