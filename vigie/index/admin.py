from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from vigie.index.models import Edition, UnitResult


class UnitResultInline(admin.TabularInline):
    model = UnitResult
    extra = 0
    fields = ("unit_code", "name", "country", "score", "rank", "status", "note")
    readonly_fields = ("unit_code",)


@admin.register(Edition)
class EditionAdmin(TranslationAdmin):
    list_display = ("title_en", "family", "version", "year", "kind", "status", "is_demonstration")
    list_filter = ("kind", "status", "is_demonstration")
    readonly_fields = (
        "stages",
        "progress",
        "progress_message",
        "error",
        "computed_at",
        "published_at",
        "indistinguishable",
    )
    inlines = [UnitResultInline]

    def has_change_permission(self, request: object, obj: Edition | None = None) -> bool:
        if obj is not None and obj.is_frozen:
            return False
        return super().has_change_permission(request, obj)  # type: ignore[arg-type]
