"""Public pages of the open-data releases (list, dataset, files) and the staff release form."""

import mimetypes

from django.conf import settings
from django.contrib import messages
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from vigie.core.permissions import editor_required
from vigie.core.roles import is_editor
from vigie.opendata import queries
from vigie.opendata.datasets import DATASETS
from vigie.opendata.forms import ReleaseForm
from vigie.opendata.models import Release
from vigie.opendata.services import DESCRIPTOR, ReleaseError, cut_release


def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "opendata/home.html",
        {"datasets": queries.list_datasets(), "is_editor": is_editor(request.user)},
    )


def file_url(release: Release, name: str) -> str:
    return reverse("opendata:file", args=[release.dataset, release.version, name])


def citation(release: Release) -> str:
    """How to cite a release: publisher, year, title, version, date and the descriptor's address."""
    dataset = DATASETS[release.dataset]
    address = f"{settings.SITE_URL.rstrip('/')}{file_url(release, DESCRIPTOR)}"
    return _(
        "Vigie (%(year)s). %(title)s, version %(version)s [data set], %(date)s. %(address)s"
    ) % {
        "year": release.released_at.year,
        "title": dataset.title,
        "version": release.version,
        "date": release.released_at.date().isoformat(),
        "address": address,
    }


def dataset_page(request: HttpRequest, slug: str) -> HttpResponse:
    dataset = DATASETS.get(slug)
    if dataset is None:
        raise Http404
    releases = [
        {
            "release": release,
            "files": [(name, file_url(release, name)) for name in release.file_names()],
            "citation": citation(release),
        }
        for release in Release.objects.filter(dataset=slug).order_by("-released_at", "-pk")
    ]
    return render(
        request,
        "opendata/dataset.html",
        {"dataset": dataset, "releases": releases, "is_editor": is_editor(request.user)},
    )


def release_file(request: HttpRequest, slug: str, version: str, name: str) -> FileResponse:
    release = get_object_or_404(Release, dataset=slug, version=version)
    if name not in release.file_names():
        raise Http404
    path = f"{release.folder}/{name}"
    if not default_storage.exists(path):
        raise Http404
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(
        default_storage.open(path),
        content_type=f"{content_type}; charset=utf-8",
        as_attachment=name.endswith(".csv"),
        filename=f"vigie-{slug}-{version}-{name}" if name.endswith(".csv") else name,
    )
    licence = release.descriptor["licenses"][0].get("path", "")
    if licence:
        response["Link"] = f'<{licence}>; rel="license"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@editor_required
def staff(request: HttpRequest) -> HttpResponse:
    form = ReleaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            release = cut_release(
                form.cleaned_data["dataset"], note=form.cleaned_data["note"], actor=request.user
            )
        except ReleaseError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("Version %(version)s is released.") % {"version": release.version}
            )
            return redirect(reverse("opendata:dataset", args=[release.dataset]))
    return render(
        request,
        "opendata/staff.html",
        {"form": form, "datasets": queries.list_datasets()},
    )
