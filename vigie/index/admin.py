from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from vigie.core.admin import inline
from vigie.index.models import Edition, UnitResult


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
    inlines = [
        inline(
            UnitResult,
            fields=("unit_code", "name", "country", "score", "rank", "status", "note"),
            readonly_fields=("unit_code",),
        )
    ]

    def has_change_permission(self, request: object, obj: Edition | None = None) -> bool:
        if obj is not None and obj.is_frozen:
            return False
        return super().has_change_permission(request, obj)  # type: ignore[arg-type]
