"""Pages of the site shell: home, the health check and uploaded files."""

from pathlib import PurePosixPath

from django.apps import apps
from django.contrib import messages
from django.core.files.storage import default_storage
from django.db import DatabaseError, connection
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from vigie.core.models import AuditEntry
from vigie.core.permissions import editor_required
from vigie.core.queries import count_countries
from vigie.core.reviews import ReviewError, check_review_subject, list_reviews, record_review
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


@editor_required
def review_subject(request: HttpRequest, kind: str, key: str) -> HttpResponse:
    """Staff page: mark a dataset or a jurisdiction reviewed (POST), with its review history."""
    try:
        name = check_review_subject(kind, key)
    except ReviewError as error:
        raise Http404(str(error)) from error
    key = key.upper() if kind == "jurisdiction" else key
    target = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = ""
    if request.method == "POST":
        note = request.POST.get("note", "")[:2000]
        record_review(kind=kind, key=key, actor=request.user, note=note)
        messages.success(request, _("%(name)s is marked reviewed.") % {"name": name})
        return redirect(target or request.path)
    return render(
        request,
        "core/review.html",
        {
            "name": name,
            "kind": kind,
            "key": key,
            "next": target,
            "reviews": list_reviews(kind, key),
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
