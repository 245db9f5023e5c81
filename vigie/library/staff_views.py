"""Staff pages (editors and admins): create and edit publications with their three languages
side by side and a PDF per language, publish or unpublish, and the dissemination plan."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from vigie.core.permissions import editor_required
from vigie.library import services
from vigie.library.forms import DisseminationPlanForm, DisseminationStepForm, PublicationForm
from vigie.library.models import DisseminationPlan, DisseminationStep, Publication
from vigie.network import queries as network_queries


@editor_required
def staff_home(request: HttpRequest) -> HttpResponse:
    publications = Publication.objects.select_related("dissemination_plan").order_by("-updated_at")
    return render(request, "library/staff/home.html", {"publications": publications})


def _save(request: HttpRequest, publication: Publication | None) -> HttpResponse:
    form = PublicationForm(request.POST or None, request.FILES or None, instance=publication)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_publication(
                publication=form.instance,
                priorities=form.cleaned_data["priorities"],
                pillars=form.cleaned_data["pillars"],
                countries=form.cleaned_data["countries"],
                uploads=form.uploads(),
                remove_languages=form.removed_languages(),
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The publication is saved."))
            return redirect("library:staff_edit", slug=saved.slug)
    files = {f.language: f for f in publication.files.defer("text")} if publication else {}
    return render(
        request,
        "library/staff/publication_form.html",
        {"form": form, "publication": publication, "files": files},
        status=400 if request.method == "POST" else 200,
    )


@editor_required
@require_http_methods(["GET", "POST"])
def publication_create(request: HttpRequest) -> HttpResponse:
    return _save(request, None)


@editor_required
@require_http_methods(["GET", "POST"])
def publication_edit(request: HttpRequest, slug: str) -> HttpResponse:
    return _save(request, get_object_or_404(Publication, slug=slug))


@editor_required
@require_POST
def publication_publish(request: HttpRequest, slug: str) -> HttpResponse:
    publication = get_object_or_404(Publication, slug=slug)
    published = request.POST.get("published") == "1"
    services.set_published(publication=publication, published=published, actor=request.user)
    messages.success(
        request,
        _("The publication is published.") if published else _("The publication is a draft again."),
    )
    return redirect("library:staff_edit", slug=slug)


@editor_required
@require_http_methods(["GET", "POST"])
def dissemination_plan(request: HttpRequest, slug: str) -> HttpResponse:
    publication = get_object_or_404(Publication, slug=slug)
    plan = DisseminationPlan.objects.filter(publication=publication).first()
    initial = (
        {
            "audiences": plan.audiences,
            "notes": plan.notes,
            "journalists": plan.journalist_ids,
            "coverage": plan.coverage_ids,
        }
        if plan
        else {}
    )
    form = DisseminationPlanForm(
        request.POST if "save_plan" in request.POST else None, initial=initial
    )
    step_form = DisseminationStepForm(request.POST if "add_step" in request.POST else None)
    if request.method == "POST":
        if form.is_bound and form.is_valid():
            services.save_dissemination_plan(
                publication=publication,
                audiences=form.cleaned_data["audiences"],
                notes=form.cleaned_data["notes"],
                journalist_ids=form.cleaned_data["journalists"],
                coverage_ids=form.cleaned_data["coverage"],
                actor=request.user,
            )
            messages.success(request, _("The dissemination plan is saved."))
            return redirect("library:staff_plan", slug=slug)
        if step_form.is_bound and step_form.is_valid():
            services.add_dissemination_step(
                publication=publication, actor=request.user, **step_form.cleaned_data
            )
            messages.success(request, _("The step is added to the plan."))
            return redirect("library:staff_plan", slug=slug)
    context = {
        "publication": publication,
        "plan": plan,
        "form": form,
        "step_form": step_form,
        "steps": list(plan.steps.all()) if plan else [],
        "contacts": network_queries.list_journalist_names(plan.journalist_ids) if plan else [],
        "coverage": network_queries.list_coverage_records(plan.coverage_ids) if plan else [],
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "library/staff/plan.html", context, status=status)


@editor_required
@require_POST
def dissemination_step_delete(request: HttpRequest, slug: str, step_id: int) -> HttpResponse:
    step = get_object_or_404(DisseminationStep, pk=step_id, plan__publication__slug=slug)
    services.remove_dissemination_step(step=step, actor=request.user)
    return redirect("library:staff_plan", slug=slug)
