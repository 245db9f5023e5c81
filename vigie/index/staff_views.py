"""Staff pages (editors): create an edition, upload data, compute with progress, publish."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vigie.core.permissions import editor_required
from vigie.index import services
from vigie.index.errors import ComputationFailed, EditionFrozen, UploadRejected
from vigie.index.forms import EditionForm, UploadForm
from vigie.index.models import Edition
from vigie.index.tasks import enqueue_computation


def _read_upload(upload: Any) -> str:
    try:
        return upload.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UploadRejected(_("The file is not UTF-8 text.")) from None


@editor_required
def staff_editions(request: HttpRequest) -> HttpResponse:
    form = EditionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            edition = services.create_edition(
                family=form.cleaned_data["family"],
                year=form.cleaned_data["year"],
                title_en=form.cleaned_data["title_en"],
                title_fr=form.cleaned_data["title_fr"],
                title_es=form.cleaned_data["title_es"],
                description_en=form.cleaned_data["description_en"],
                spec_toml=_read_upload(form.cleaned_data["spec_file"]),
                actor=request.user,
            )
        except UploadRejected as error:
            form.add_error("spec_file", str(error))
        else:
            messages.success(request, _("Edition created. Upload its indicator data next."))
            return redirect("index:staff_edition", slug=edition.slug)
    return render(
        request,
        "index/staff/editions.html",
        {
            "editions": Edition.objects.all(),
            "form": form,
        },
    )


@editor_required
def staff_edition(request: HttpRequest, slug: str) -> HttpResponse:
    edition = get_object_or_404(Edition, slug=slug)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            updated = services.upload_indicator_data(
                edition=edition,
                csv_text=_read_upload(form.cleaned_data["data_file"]),
                actor=request.user,
            )
        except UploadRejected as error:
            form.add_error(
                "data_file", _("Upload rejected, nothing was stored: %(error)s") % {"error": error}
            )
        else:
            if updated.pk != edition.pk:
                messages.info(
                    request, _("The edition was published, so the data make a new version.")
                )
            else:
                messages.success(request, _("Data uploaded. Compute the edition to see results."))
            return redirect("index:staff_edition", slug=updated.slug)
    return render(request, "index/staff/edition.html", {"edition": edition, "form": form})


@editor_required
@require_POST
def staff_compute(request: HttpRequest, slug: str) -> HttpResponse:
    edition = get_object_or_404(Edition, slug=slug)
    if edition.is_frozen:
        messages.error(request, str(EditionFrozen(_("A published edition cannot be recomputed."))))
    else:
        enqueue_computation(edition.pk)
    return redirect("index:staff_edition", slug=edition.slug)


@editor_required
def staff_progress(request: HttpRequest, slug: str) -> HttpResponse:
    edition = get_object_or_404(Edition, slug=slug)
    return render(request, "index/staff/partials/progress.html", {"edition": edition})


@editor_required
@require_POST
def staff_publish(request: HttpRequest, slug: str) -> HttpResponse:
    edition = get_object_or_404(Edition, slug=slug)
    try:
        services.publish_edition(edition=edition, actor=request.user)
    except (EditionFrozen, ComputationFailed) as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Edition published; it is now frozen."))
    return redirect("index:staff_edition", slug=edition.slug)
