"""Staff pages: the course editor (EN/FR/ES side by side), preview, publish/unpublish, and the
analytics of a course (aggregates only)."""

from typing import Any

from django.contrib import messages
from django.db import transaction
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vigie.core.permissions import editor_required
from vigie.learning import queries, services
from vigie.learning.charts import funnel_chart
from vigie.learning.forms import (
    CohortForm,
    CourseForm,
    LessonForm,
    LessonMaterialForm,
    ModuleForm,
    QuizOptionFormSet,
    QuizQuestionForm,
)
from vigie.learning.models import Course, Lesson, Module, QuizQuestion


def _next_position(queryset: Any) -> int:
    return (queryset.aggregate(top=Max("position"))["top"] or 0) + 1


def _course_module(slug: str, module_pk: int) -> tuple[Course, Module]:
    course = get_object_or_404(Course, slug=slug)
    return course, get_object_or_404(Module, pk=module_pk, course=course)


@editor_required
def staff_home(request: HttpRequest) -> HttpResponse:
    form = CourseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        course = form.save()
        messages.success(request, _("Course created, as a draft."))
        return redirect("learning:staff_course", slug=course.slug)
    courses = [
        {"course": course, "languages": services.course_languages(course)}
        for course in Course.objects.all()
    ]
    return render(request, "learning/staff/home.html", {"courses": courses, "form": form})


@editor_required
def course_edit(request: HttpRequest, slug: str) -> HttpResponse:
    course = get_object_or_404(Course, slug=slug)
    form = CourseForm(request.POST or None, instance=course, prefix="course")
    cohort_form = CohortForm(prefix="cohort")
    if request.method == "POST":
        if "cohort-name" in request.POST:
            cohort_form = CohortForm(request.POST, prefix="cohort")
            if cohort_form.is_valid():
                cohort_form.instance.course = course
                cohort_form.save()
                messages.success(request, _("Cohort added."))
                return redirect("learning:staff_course", slug=course.slug)
            form = CourseForm(instance=course, prefix="course")
        elif form.is_valid():
            course = form.save()
            messages.success(request, _("Course saved."))
            return redirect("learning:staff_course", slug=course.slug)
    modules = [
        {
            "module": module,
            "lessons": list(module.lessons.all()),
            "questions": module.questions.count(),
        }
        for module in services.ordered_modules(course)
    ]
    return render(
        request,
        "learning/staff/course.html",
        {
            "course": course,
            "form": form,
            "cohort_form": cohort_form,
            "modules": modules,
            "languages": services.course_languages(course),
        },
    )


@editor_required
@require_POST
def course_publish(request: HttpRequest, slug: str) -> HttpResponse:
    course = get_object_or_404(Course, slug=slug)
    publish = request.POST.get("publish") == "1"
    try:
        services.set_published(course, publish)
    except services.LearningError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Course published.") if publish else _("Course unpublished."))
    return redirect("learning:staff_course", slug=slug)


@editor_required
def module_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    course = get_object_or_404(Course, slug=slug)
    module = get_object_or_404(Module, pk=pk, course=course) if pk else None
    initial = {} if module else {"position": _next_position(course.modules)}
    form = ModuleForm(request.POST or None, instance=module, initial=initial)
    if request.method == "POST" and form.is_valid():
        form.instance.course = course
        module = form.save()
        messages.success(request, _("Module saved."))
        return redirect("learning:staff_module", slug=slug, pk=module.pk)
    return render(
        request,
        "learning/staff/module.html",
        {
            "course": course,
            "module": module,
            "form": form,
            "lessons": list(module.lessons.all()) if module else [],
            "questions": list(module.questions.all()) if module else [],
        },
    )


@editor_required
def lesson_edit(
    request: HttpRequest, slug: str, module_pk: int, pk: int | None = None
) -> HttpResponse:
    course, module = _course_module(slug, module_pk)
    lesson = get_object_or_404(Lesson, pk=pk, module=module) if pk else None
    initial = {} if lesson else {"position": _next_position(module.lessons)}
    form = LessonForm(request.POST or None, instance=lesson, initial=initial)
    material_form = LessonMaterialForm(prefix="material")
    if request.method == "POST" and "material-title" in request.POST and lesson:
        material_form = LessonMaterialForm(request.POST, request.FILES, prefix="material")
        form = LessonForm(instance=lesson)
        if material_form.is_valid():
            material_form.instance.lesson = lesson
            material_form.save()
            messages.success(request, _("Material added."))
            return redirect("learning:staff_lesson", slug=slug, module_pk=module.pk, pk=lesson.pk)
    elif request.method == "POST" and form.is_valid():
        form.instance.module = module
        lesson = form.save()
        messages.success(request, _("Lesson saved."))
        return redirect("learning:staff_lesson", slug=slug, module_pk=module.pk, pk=lesson.pk)
    return render(
        request,
        "learning/staff/lesson.html",
        {
            "course": course,
            "module": module,
            "lesson": lesson,
            "form": form,
            "material_form": material_form,
            "materials": list(lesson.materials.all()) if lesson else [],
        },
    )


@editor_required
def question_edit(
    request: HttpRequest, slug: str, module_pk: int, pk: int | None = None
) -> HttpResponse:
    course, module = _course_module(slug, module_pk)
    question = (
        get_object_or_404(QuizQuestion, pk=pk, module=module) if pk else QuizQuestion(module=module)
    )
    initial = {} if pk else {"position": _next_position(module.questions)}
    form = QuizQuestionForm(request.POST or None, instance=question, initial=initial)
    options = QuizOptionFormSet(request.POST or None, instance=question, prefix="options")
    if request.method == "POST" and form.is_valid() and options.is_valid():
        with transaction.atomic():
            question = form.save()
            options.instance = question
            options.save()
        messages.success(request, _("Question saved."))
        return redirect("learning:staff_module", slug=slug, pk=module.pk)
    return render(
        request,
        "learning/staff/question.html",
        {
            "course": course,
            "module": module,
            "question": question,
            "form": form,
            "options": options,
        },
    )


@editor_required
def analytics(request: HttpRequest, slug: str) -> HttpResponse:
    course = get_object_or_404(Course, slug=slug)
    data = queries.get_course_analytics(course)
    return render(
        request,
        "learning/staff/analytics.html",
        {
            "course": course,
            "data": data,
            "chart": funnel_chart(course, data["funnel"]),
            "minimum": queries.MIN_LEARNERS,
            "not_given": queries.NOT_GIVEN,
            "pooled": queries.POOLED,
        },
    )
