from django.contrib import admin

from vigie.opendata.models import Release


@admin.register(Release)
class ReleaseAdmin(admin.ModelAdmin):
    """Releases are read-only here: they are cut with the staff form or ``cut_release``."""

    list_display = ("dataset", "version", "released_at", "released_by")
    list_filter = ("dataset",)
    readonly_fields = [f.name for f in Release._meta.fields]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False
