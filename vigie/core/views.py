"""Pages of the site shell: home, the health check and uploaded files."""

from pathlib import PurePosixPath

from django.apps import apps
from django.core.files.storage import default_storage
from django.db import DatabaseError, connection
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from vigie.core.models import AuditEntry
from vigie.core.permissions import editor_required
from vigie.core.queries import count_countries
from vigie.core.uploads import content_type_to_serve


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html", {"country_count": count_countries()})


@editor_required
def object_history(request: HttpRequest, app_label: str, model_name: str, pk: str) -> HttpResponse:
    """Staff page: every audit entry about one object (it may be archived or erased)."""
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError as error:
        raise Http404(model_name) from error
    object_type = model._meta.label_lower
    entries = AuditEntry.objects.filter(object_type=object_type, object_id=pk).select_related(
        "actor"
    )
    obj = model._default_manager.filter(pk=pk).first() if pk.isdigit() else None
    if obj is None and not entries.exists():
        raise Http404(pk)
    return render(
        request,
        "core/object_history.html",
        {
            "label": str(obj) if obj is not None else f"{model._meta.verbose_name} {pk}",
            "object_type": object_type,
            "object_id": pk,
            "archived_at": getattr(obj, "archived_at", None),
            "entries": entries,
        },
    )


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """200 when the database answers a query, 503 otherwise (for load balancers and probes)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        return JsonResponse({"status": "error", "database": str(error)}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def serve_upload(request: HttpRequest, path: str) -> FileResponse:
    """An uploaded file, as a download that no browser renders or sniffs (see core.uploads)."""
    name = PurePosixPath(path)
    if name.is_absolute() or ".." in name.parts or not default_storage.exists(path):
        raise Http404(path)
    response = FileResponse(
        default_storage.open(path, "rb"),
        as_attachment=True,
        filename=name.name,
        content_type=content_type_to_serve(name.name),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
