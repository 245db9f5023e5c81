from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.options import InlineModelAdmin
from django.contrib.admin.utils import unquote
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from modeltranslation.admin import TranslationAdmin

from vigie.core.models import AuditEntry, Country, Source, Subdivision
from vigie.core.services import archive, restore


def inline(
    model: type[Model],
    *,
    base: type[InlineModelAdmin[Any, Any]] = admin.TabularInline,
    **options: Any,
) -> type[InlineModelAdmin[Any, Any]]:
    """The inline that lists ``model``'s rows on its parent's page (``<Model>Inline``): a table
    with no blank row to fill unless ``extra`` says otherwise; ``base`` is another inline class
    (a stacked or translated one) and ``options`` its other attributes (``autocomplete_fields``…)."""
    attributes = {"model": model, "extra": 0, **options}
    return type(f"{model.__name__}Inline", (base,), attributes)


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


class ArchivedFilter(admin.SimpleListFilter):
    title = _("archived")
    parameter_name = "archived"

    def lookups(self, request: Any, model_admin: Any) -> list[tuple[str, Any]]:
        return [("no", _("Current")), ("yes", _("Archived"))]

    def queryset(self, request: Any, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() == "no":
            return queryset.filter(archived_at__isnull=True)
        if self.value() == "yes":
            return queryset.filter(archived_at__isnull=False)
        return queryset


class ArchivableAdmin(admin.ModelAdmin):
    """Admin for rows that carry history (organisations, contacts, events).

    Deleting one that other rows point at is refused with a message that says to archive it;
    archiving (an action) hides it from public lists and keeps its history in every count.
    """

    actions = ["archive_selected", "restore_selected"]

    def get_readonly_fields(self, request: Any, obj: Any = None) -> Any:
        return [*super().get_readonly_fields(request, obj), "archived_at", "archived_by"]

    def get_list_filter(self, request: Any) -> Any:
        return [*super().get_list_filter(request), ArchivedFilter]

    def delete_view(
        self, request: HttpRequest, object_id: str, extra_context: Any = None
    ) -> HttpResponse:
        obj = self.get_object(request, unquote(object_id))
        if obj is not None:
            _deleted, _counts, _perms, protected = self.get_deleted_objects([obj], request)
            if protected:
                self.message_user(
                    request,
                    _(
                        "“%(object)s” has history (%(count)d linked records, such as %(example)s) "
                        "and cannot be deleted. Archive it instead: it leaves public lists and "
                        "its history keeps counting."
                    )
                    % {"object": obj, "count": len(protected), "example": protected[0]},
                    messages.ERROR,
                )
                opts = self.model._meta
                return redirect(
                    reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
                )
        return super().delete_view(request, object_id, extra_context)

    def _apply(self, request: HttpRequest, rows: QuerySet[Any], service: Any, done: str) -> None:
        for obj in rows:
            service(obj=obj, actor=request.user)
        self.message_user(request, done % {"count": len(rows)}, messages.SUCCESS)

    @admin.action(description=_("Archive the selected rows (keeps their history)"))
    def archive_selected(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        rows = queryset.filter(archived_at__isnull=True)
        self._apply(request, rows, archive, _("%(count)d archived."))

    @admin.action(description=_("Restore the selected archived rows"))
    def restore_selected(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        rows = queryset.filter(archived_at__isnull=False)
        self._apply(request, rows, restore, _("%(count)d restored."))
