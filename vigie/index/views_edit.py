"""Editor pages: create an edition, upload data, compute in the background, preview, publish."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vigie.core.errors import DomainError
from vigie.core.roles import is_editor
from vigie.index import services
from vigie.index.forms import EditionForm, UploadForm
from vigie.index.models import Edition
from vigie.index.tasks import compute_edition_task


def _require_editor(request: HttpRequest) -> None:
    if not is_editor(request.user):
        raise PermissionDenied


def edition_new(request: HttpRequest) -> HttpResponse:
    _require_editor(request)
    form = EditionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            edition = services.create_edition(**form.cleaned_data, actor=request.user)
        except DomainError as error:
            form.add_error("spec_toml", str(error))
        else:
            return redirect("index:manage", edition.pk)
    return render(request, "index/edition_form.html", {"form": form})


def manage(request: HttpRequest, edition_id: int) -> HttpResponse:
    _require_editor(request)
    edition = get_object_or_404(Edition, pk=edition_id)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            text = form.cleaned_data["file"].read().decode("utf-8-sig")
            updated = services.upload_inputs(
                edition_id=edition.pk, csv_text=text, actor=request.user
            )
        except (DomainError, UnicodeDecodeError) as error:
            form.add_error("file", str(error))
        else:
            messages.success(request, _("Data uploaded and checked. Compute to preview results."))
            return redirect("index:manage", updated.pk)
    context: dict[str, Any] = {
        "edition": edition,
        "form": form,
        "versions": Edition.objects.filter(slug=edition.slug).order_by("-version"),
    }
    return render(request, "index/manage.html", context)


@require_POST
def compute(request: HttpRequest, edition_id: int) -> HttpResponse:
    _require_editor(request)
    edition = get_object_or_404(Edition, pk=edition_id)
    if edition.is_frozen:
        messages.error(request, _("A published edition is frozen: upload data for a new version."))
    elif not edition.inputs_csv:
        messages.error(request, _("Upload indicator data before computing."))
    else:
        Edition.objects.filter(pk=edition.pk).update(
            status=Edition.Status.COMPUTING, progress=0, progress_message="Queued", error=""
        )
        compute_edition_task.enqueue(edition.pk)
    return redirect("index:manage", edition.pk)


def progress(request: HttpRequest, edition_id: int) -> HttpResponse:
    _require_editor(request)
    edition = get_object_or_404(Edition, pk=edition_id)
    return render(request, "index/partials/progress.html", {"edition": edition})


@require_POST
def publish(request: HttpRequest, edition_id: int) -> HttpResponse:
    _require_editor(request)
    try:
        services.publish_edition(edition_id=edition_id, actor=request.user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Edition published; it is now frozen."))
    return redirect("index:manage", edition_id)
