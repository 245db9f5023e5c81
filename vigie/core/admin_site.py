"""The admin site: every write made through the admin makes cached measures and profiles stale,
and is copied from the admin's log into the audit log.

Installed as the default site by ``vigie.core.admin_apps.VigieAdminConfig`` (in
``INSTALLED_APPS`` in place of ``django.contrib.admin``), so ``admin.site`` is this site.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from django.contrib import admin
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.http import HttpRequest, HttpResponseBase

from vigie.core.freshness import facts_changed
from vigie.core.models import AuditEntry

View = TypeVar("View", bound=Callable[..., HttpResponseBase])


ADMIN_VERBS = {ADDITION: "added", CHANGE: "changed", DELETION: "deleted"}


def _last_log_entry_id() -> int:
    return LogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def audit_admin_changes(request: HttpRequest, *, after: int) -> None:
    """Copy the admin's own log of this request's changes into the audit log (who, what, when)."""
    user_id = getattr(request.user, "pk", None)
    if user_id is None:
        return
    logged = LogEntry.objects.filter(pk__gt=after, user_id=user_id).select_related("content_type")
    entries = []
    for entry in logged.order_by("pk"):
        content_type = cast(ContentType | None, entry.content_type)
        if content_type is None:
            continue
        object_type = f"{content_type.app_label}.{content_type.model}"
        verb = ADMIN_VERBS.get(entry.action_flag, "changed")
        entries.append(
            AuditEntry(
                action=f"{object_type}.admin_{verb}",
                actor_id=user_id,
                object_type=object_type,
                object_id=str(entry.object_id or ""),
                changes={"admin": entry.get_change_message()},
            )
        )
    AuditEntry.objects.bulk_create(entries)


class VigieAdminSite(admin.AdminSite):
    def admin_view(self, view: View, cacheable: bool = False) -> View:
        """Each admin page, for a user the admin lets in; a POST to it may have written facts."""

        @wraps(view)
        def writing_view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if request.method != "POST":
                return view(request, *args, **kwargs)
            logged_before = _last_log_entry_id()
            try:
                return view(request, *args, **kwargs)
            finally:
                facts_changed()
                audit_admin_changes(request, after=logged_before)

        return super().admin_view(cast(View, writing_view), cacheable)
