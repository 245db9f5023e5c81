"""Public pages of the atlas (map, list, jurisdiction, measure, open data) and staff entry."""

import datetime
import json
from email.utils import parseaddr
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.db.models import Q
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotModified,
    JsonResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vigie.atlas import queries
from vigie.atlas.forms import ImportForm, PolicyMeasureForm
from vigie.atlas.importer import apply_import, parse_measures, plan_import
from vigie.atlas.mapdata import map_data, map_json_body
from vigie.atlas.models import (
    COUNTING_RULE,
    Kind,
    MeasureVersion,
    PolicyMeasure,
    Status,
    SubstanceScope,
)
from vigie.atlas.services import (
    MeasureError,
    revert_measure,
)
from vigie.core.charts import frameable
from vigie.core.errors import DataFileError
from vigie.core.exports import csv_response
from vigie.core.models import Country, Subdivision
from vigie.core.pagination import page_context
from vigie.core.permissions import editor_required
from vigie.core.regions import Region
from vigie.core.reviews import count_page_views
from vigie.core.roles import is_editor

LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
LICENCE = f"CC BY 4.0 ({LICENCE_URL})"
FILTERS = ("kind", "substance", "status", "region", "jurisdiction", "q")
SORTS = ("jurisdiction", "kind", "date")


def _filters(request: HttpRequest) -> dict[str, str]:
    return {name: request.GET.get(name, "").strip() for name in FILTERS}


def _filter_context(values: dict[str, str]) -> dict[str, Any]:
    return {
        "filters": values,
        "kinds": Kind.choices,
        "substances": SubstanceScope.choices,
        "statuses": Status.choices,
        "regions": Region.choices,
    }


def _map_figure(request: HttpRequest) -> dict[str, Any]:
    """What the map's figure says, on the map page and on the embed page: its year (the current
    one; the address's ``year`` is restored by atlas/map.js), legend, labels and source line."""
    year = datetime.date.today().year
    legend = [{"kind": k, "label": str(label)} for k, label in Kind.choices]
    source = _(
        "Source: Vigie policy atlas, from the laws, rulings and reports cited for each "
        "measure. Licence: CC BY 4.0."
    )
    labels = {
        "none": _("No measure recorded"),
        "jurisdiction": _("Jurisdiction"),
        "kind": _("Kind"),
        "subtitle": _(
            "Strongest measure in force in each jurisdiction; circles mark small states and "
            "sub-national jurisdictions."
        ),
        "source": source,
        "play": _("Play"),
        "pause": _("Pause"),
        "columns": [
            _("Jurisdiction"),
            _("Code"),
            _("Kind"),
            _("Substances"),
            _("Since"),
            _("Verification"),
        ],
    }
    return {
        "year": year,
        "legend": legend,
        "source_line": source,
        "map_labels": labels,
        "labels_json": json.dumps(labels),
        "embed_url": request.build_absolute_uri(reverse("atlas:embed")),
        "map_url": request.build_absolute_uri(reverse("atlas:map")),
    }


def map_page(request: HttpRequest) -> HttpResponse:
    data = map_data("table")
    context = {
        **_map_figure(request),
        "rows": data["table"],
        "more_rows": data["in_force"] - len(data["table"]),
        "jurisdiction_count": data["jurisdictions"],
        "map_version": data["version"],
        "counting_rule": COUNTING_RULE,
        "list_url": reverse("atlas:list"),
        **_filter_context(_filters(request)),
    }
    return render(request, "atlas/map.html", context)


@frameable
def map_embed(request: HttpRequest) -> HttpResponse:
    """The map alone, for other sites to frame (the only page that may be framed): the year and
    filters of its address, its title, legend and source line, and a link back to the atlas."""
    data = map_data("table")
    context = {
        **_map_figure(request),
        "map_version": data["version"],
        "substances": SubstanceScope.choices,
    }
    return render(request, "atlas/embed.html", context)


def map_json(request: HttpRequest) -> HttpResponse:
    """The map's data (``mapdata.map_data``), revalidated by ETag or date: 304 if unchanged.

    The body is compressed once when it is computed, and sent compressed to every client that
    accepts gzip.
    """
    data = map_data("meta")
    modified = int(data["modified"].timestamp())
    etag = f'"atlas-map-{data["version"]}-{get_language()}"'
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    matches = request.headers.get("If-None-Match")
    response: HttpResponse
    if (matches is not None and etag in {tag.strip() for tag in matches.split(",")}) or (
        matches is None and since is not None and modified <= since
    ):
        response = HttpResponseNotModified()
    else:
        body = map_data("json", data["version"])
        if "gzip" in request.headers.get("Accept-Encoding", ""):
            response = HttpResponse(body["gzip"], content_type="application/json")
            response["Content-Encoding"] = "gzip"
        else:
            response = HttpResponse(map_json_body(body), content_type="application/json")
    patch_vary_headers(response, ["Accept-Encoding"])
    response["ETag"] = etag
    response["Last-Modified"] = http_date(modified)
    patch_cache_control(response, public=True, no_cache=True)
    return response


def _sort(request: HttpRequest) -> str:
    sort = request.GET.get("sort", "jurisdiction")
    return sort if sort.lstrip("-") in SORTS else "jurisdiction"


def _sorted_rows(request: HttpRequest) -> tuple[list[queries.MeasureRecord], str]:
    sort = _sort(request)
    measures = queries.sorted_measures(sort, **_filters(request))
    return [queries.measure_as_dict(m) for m in measures], sort


def list_page(request: HttpRequest) -> HttpResponse:
    """One page of the filtered measures (the filters and the order kept in its links)."""
    sort = _sort(request)
    paged = page_context(request, queries.sorted_measures(sort, **_filters(request)))
    query = request.GET.copy()
    query.pop("sort", None)
    query.pop("page", None)
    context = {
        **paged,
        "rows": [queries.measure_as_dict(m) for m in paged["page_obj"].object_list],
        "sort": sort,
        "query": query.urlencode(),
        **_filter_context(_filters(request)),
    }
    return render(request, "atlas/list.html", context)


def export_csv(request: HttpRequest) -> HttpResponse:
    rows, _sort = _sorted_rows(request)
    lines = queries.list_measure_export_rows(rows, request.build_absolute_uri)
    response = csv_response("vigie-atlas-measures.csv", lines, licence_url=LICENCE_URL)
    response["X-Licence"] = LICENCE
    return response


def export_json(request: HttpRequest) -> JsonResponse:
    rows, _sort = _sorted_rows(request)
    for row in rows:
        row["url"] = request.build_absolute_uri(row["url"])
    return JsonResponse(
        {
            "licence": LICENCE,
            "attribution": "Vigie policy atlas; sources cited on each measure",
            "filters": _filters(request),
            "count": len(rows),
            "measures": rows,
        }
    )


def jurisdiction_page(request: HttpRequest, code: str) -> HttpResponse:
    code = code.upper()
    subdivision = Subdivision.objects.select_related("country").filter(code=code).first()
    country = subdivision.country if subdivision else Country.objects.filter(iso2=code).first()
    if country is None:
        raise Http404
    # One country's measures include those of its sub-national units (the SQL filter of the list).
    measures = queries.list_measures(jurisdiction=code)
    measures.sort(key=lambda m: (m.adopted_on or m.in_force_on or datetime.date.max, m.code))
    sources = {s.url: s for m in measures for s in m.sources.all()}
    count_page_views(
        [(queries.VIEW_KIND_JURISDICTION, code)]
        + [(queries.VIEW_KIND_MEASURE, measure.code) for measure in measures]
    )
    context = {
        "name": subdivision.name if subdivision else country.name,
        "code": code,
        "country": country,
        "measures": [(m, queries.assessment_score(m)) for m in measures],
        "sources": list(sources.values()),
        "contact_email": parseaddr(settings.DEFAULT_FROM_EMAIL)[1],
        "can_edit": is_editor(request.user),
    }
    return render(request, "atlas/jurisdiction.html", context)


def measure_page(request: HttpRequest, code: str) -> HttpResponse:
    measure = get_object_or_404(
        PolicyMeasure.objects.select_related("country", "subdivision", "reverses"), code=code
    )
    count_page_views([(queries.VIEW_KIND_MEASURE, measure.code)])
    assessed = {a.criterion_id: a for a in measure.assessments.select_related("criterion")}
    from vigie.atlas.models import Criterion

    applies = (
        "regulation"
        if measure.kind in ("regulation_adult", "pilot", "regulation_medical")
        else "decriminalisation"
    )
    criteria = [
        (c, assessed.get(c.pk))
        for c in Criterion.objects.filter(Q(applies_to=applies) | Q(pk__in=assessed))
    ]
    context = {
        "measure": measure,
        "counting_rule": COUNTING_RULE,
        "score": queries.assessment_score(measure),
        "criteria": criteria,
        "sources": measure.sources.all(),
        "reversed_by": measure.reversed_by.all(),
        # The history is public (when and what changed); who changed it is shown to editors.
        "versions": MeasureVersion.objects.filter(measure_code=measure.code).select_related(
            "actor"
        )[:20],
    }
    return render(request, "atlas/measure.html", context)


@editor_required
def measure_edit(request: HttpRequest, code: str | None = None) -> HttpResponse:
    measure = PolicyMeasure.objects.filter(code=code).first() if code else None
    if code and measure is None:
        raise Http404
    initial = PolicyMeasureForm.initial_for(measure, request.GET.get("jurisdiction", ""))
    form = PolicyMeasureForm(request.POST or None, instance=measure, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = form.record(actor=request.user)
        except MeasureError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The measure was saved."))
            return redirect(saved.get_absolute_url())
    return render(request, "atlas/measure_form.html", {"form": form, "measure": measure})


@editor_required
@require_POST
def measure_revert(request: HttpRequest, code: str, number: int) -> HttpResponse:
    try:
        measure = revert_measure(code=code, number=number, actor=request.user)
    except MeasureError as error:
        messages.error(request, str(error))
        return redirect("atlas:list")
    messages.success(
        request, _("The measure was reverted to version %(number)s.") % {"number": number}
    )
    return redirect(measure.get_absolute_url())


@editor_required
def import_page(request: HttpRequest) -> HttpResponse:
    """Upload → dry run (nothing written) → apply the same text in one transaction."""
    context: dict[str, Any] = {"form": ImportForm()}
    if request.method == "POST" and "apply" in request.POST:
        text, name = request.POST.get("text", ""), request.POST.get("filename", "upload.csv")
        try:
            plan = apply_import(text, file=name, actor=request.user)
        except DataFileError as error:
            context["error"] = str(error)
        else:
            messages.success(request, _("Import applied: %(summary)s.") % {"summary": plan})
            return redirect("atlas:list")
    elif request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        context["form"] = form
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                text = upload.read().decode("utf-8-sig")
                plan = plan_import(parse_measures(text, file=upload.name))
            except UnicodeDecodeError:
                context["error"] = _("%(file)s is not UTF-8 text.") % {"file": upload.name}
            except DataFileError as error:
                context["error"] = str(error)
            else:
                context.update({"plan": plan, "text": text, "filename": upload.name})
    return render(request, "atlas/import.html", context)
