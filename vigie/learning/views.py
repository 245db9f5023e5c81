"""Learner pages: course list and landing, enrolment, lessons, quizzes, the learner's page,
certificates and their public verification, the offline package. Every page works without
JavaScript (plain links and forms)."""

from django.conf import settings
from django.contrib import messages
from django.core.mail import send_mail
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vigie.core.i18n import active_language
from vigie.core.roles import is_editor
from vigie.core.tokens import LinkState
from vigie.events import queries as events_queries
from vigie.learning import offline, services
from vigie.learning.forms import (
    AccountEnrolForm,
    EnrolForm,
    ImportCodeForm,
    LinkRequestForm,
    VerifyForm,
)
from vigie.learning.markup import render_markdown
from vigie.learning.models import Certificate, Course, Enrolment, Learner, Lesson, Module

SESSION_KEY = "learning_learner"


def current_learner(request: HttpRequest) -> Learner | None:
    """The signed-in person's learner, else the one whose personal link opened this session."""
    learner = services.learner_for_user(request.user)
    if learner is None and (pk := request.session.get(SESSION_KEY)):
        learner = Learner.objects.filter(pk=pk).first()
    return learner


def _course(request: HttpRequest, slug: str) -> Course:
    """A published course, or a draft for staff; others get 404 for a draft."""
    return get_object_or_404(services.visible_courses(staff=is_editor(request.user)), slug=slug)


def _enrolment(request: HttpRequest, course: Course) -> Enrolment | None:
    learner = current_learner(request)
    if learner is None:
        return None
    return Enrolment.objects.filter(learner=learner, course=course).select_related("cohort").first()


def _enrolled(request: HttpRequest, slug: str) -> tuple[Course, Enrolment | None]:
    """The course and the visitor's enrolment in it (None: not enrolled)."""
    course = _course(request, slug)
    return course, _enrolment(request, course)


def _reader(request: HttpRequest, course: Course) -> tuple[Enrolment | None, bool]:
    """The visitor's enrolment, and whether they see the pages as a staff preview instead."""
    enrolment = _enrolment(request, course)
    return enrolment, enrolment is None and is_editor(request.user)


def course_list(request: HttpRequest) -> HttpResponse:
    language = active_language()
    courses = [
        {"course": course, "languages": services.course_languages(course)}
        for course in services.visible_courses(staff=is_editor(request.user))
    ]
    return render(request, "learning/course_list.html", {"courses": courses, "language": language})


def course_detail(request: HttpRequest, slug: str) -> HttpResponse:
    course = _course(request, slug)
    enrolment = _enrolment(request, course)
    progress = services.get_progress(enrolment) if enrolment else None
    cohort = enrolment.cohort if enrolment else None
    modules = [
        {
            "module": module,
            "lessons": list(module.lessons.all()),
            "opens_on": services.module_opens_on(module, cohort),
            "open": services.is_module_open(module, cohort),
            "has_quiz": module.questions.exists(),
            "webinar": events_queries.get_event_summary(module.webinar_event)
            if module.webinar_event
            else None,
        }
        for module in services.ordered_modules(course)
    ]
    signed_in = request.user.is_authenticated
    form = AccountEnrolForm() if signed_in else EnrolForm()
    return render(
        request,
        "learning/course_detail.html",
        {
            "course": course,
            "modules": modules,
            "languages": services.course_languages(course),
            "language": active_language(),
            "enrolment": enrolment,
            "progress": progress,
            "certificate": Certificate.objects.filter(enrolment=enrolment).first()
            if enrolment
            else None,
            "form": form,
            "cohorts": course.cohorts.all(),
            "import_form": ImportCodeForm(),
        },
    )


@require_POST
def enrol(request: HttpRequest, slug: str) -> HttpResponse:
    course = _course(request, slug)
    cohort = course.cohorts.filter(pk=request.POST.get("cohort") or 0).first()
    if request.user.is_authenticated:
        form: AccountEnrolForm | EnrolForm = AccountEnrolForm(request.POST)
        if not form.is_valid():
            return redirect("learning:course", slug=slug)
        user = request.user
        email = getattr(user, "email", "") or f"user-{user.pk}@accounts.invalid"
        name = user.get_full_name() or user.get_username()
    else:
        form = EnrolForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Please give your name and a valid email address."))
            return redirect("learning:course", slug=slug)
        user, email, name = None, form.cleaned_data["email"], form.cleaned_data["name"]
        known = Learner.objects.filter(email=email.strip().lower()).first()
        if known is not None:
            # Typing an address proves nothing: its courses open only from the emailed link.
            if known.user_id is None:
                _send_link(request, known)
            messages.info(
                request,
                _(
                    "This address already follows courses: open the link we emailed to it to "
                    "enrol, or log in if it has an account."
                ),
            )
            return redirect("learning:course", slug=slug)
    country = form.cleaned_data.get("country")
    try:
        learner = services.get_or_create_learner(
            email,
            name,
            user=user,
            country_id=country.pk if country else None,
            organisation=form.cleaned_data.get("organisation", ""),
        )
        services.enrol(learner, course, active_language(), cohort=cohort)
    except services.LearningError as error:
        messages.error(request, str(error))
        return redirect("learning:course", slug=slug)
    if user is None:
        _send_link(request, learner)
        request.session[SESSION_KEY] = learner.pk
        messages.success(
            request, _("You are enrolled. We emailed you a personal link to come back later.")
        )
    else:
        messages.success(request, _("You are enrolled."))
    return redirect("learning:resume", slug=slug)


def _send_link(request: HttpRequest, learner: Learner) -> None:
    token = services.issue_link(learner)
    url = settings.SITE_URL.rstrip("/") + reverse("learning:access", args=[token])
    send_mail(
        _("Your link to your courses on Vigie"),
        render_to_string("learning/email/link.txt", {"learner": learner, "url": url}),
        None,
        [learner.email],
    )


def access(request: HttpRequest, token: str) -> HttpResponse:
    """A personal link: opens the learner's courses in this browser."""
    state, learner = services.check_link(token)
    if state != LinkState.VALID or learner is None:
        return render(
            request, "learning/link_expired.html", {"form": LinkRequestForm()}, status=404
        )
    if learner.user_id is not None:
        return redirect(f"{reverse('core:login')}?next={reverse('learning:mine')}")
    request.session.cycle_key()
    request.session[SESSION_KEY] = learner.pk
    return redirect("learning:mine")


def my_courses(request: HttpRequest) -> HttpResponse:
    learner = current_learner(request)
    form = LinkRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        found = Learner.objects.filter(
            email=form.cleaned_data["email"].strip().lower(), user__isnull=True
        ).first()
        if found:
            _send_link(request, found)
        # The same answer whether or not the address is known: nobody learns who is enrolled.
        messages.success(request, _("If this address follows a course, a new link is on its way."))
        return redirect("learning:mine")
    rows = []
    if learner:
        for enrolment in learner.enrolments.select_related("course", "certificate"):
            rows.append(
                {
                    "enrolment": enrolment,
                    "progress": services.get_progress(enrolment),
                    "certificate": getattr(enrolment, "certificate", None),
                }
            )
    return render(request, "learning/mine.html", {"learner": learner, "rows": rows, "form": form})


def resume(request: HttpRequest, slug: str) -> HttpResponse:
    """Back to the lesson where the learner stopped (the first one not done)."""
    _shown, enrolment = _enrolled(request, slug)
    if enrolment is None:
        return redirect("learning:course", slug=slug)
    progress = services.get_progress(enrolment)
    if progress.resume is None:
        return redirect("learning:course", slug=slug)
    return redirect("learning:lesson", slug=slug, pk=progress.resume.pk)


def _not_open_yet(
    request: HttpRequest, module: Module, enrolment: Enrolment
) -> HttpResponse | None:
    """Back to the course page while a cohort's module is not open yet."""
    if services.is_module_open(module, enrolment.cohort):
        return None
    opens_on = services.module_opens_on(module, enrolment.cohort)
    messages.info(request, _("This module opens on %(date)s.") % {"date": opens_on})
    return redirect("learning:course", slug=module.course.slug)


def _neighbours(course: Course, lesson: Lesson) -> tuple[Lesson | None, Lesson | None]:
    lessons = services.ordered_lessons(course)
    index = [item.pk for item in lessons].index(lesson.pk)
    previous = lessons[index - 1] if index > 0 else None
    following = lessons[index + 1] if index + 1 < len(lessons) else None
    return previous, following


def lesson(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    course = _course(request, slug)
    item = get_object_or_404(Lesson.objects.select_related("module"), pk=pk, module__course=course)
    enrolment, preview = _reader(request, course)
    if enrolment is None and not preview:
        return redirect("learning:course", slug=slug)
    if enrolment is not None and (closed := _not_open_yet(request, item.module, enrolment)):
        return closed
    if enrolment:
        services.record_visit(enrolment, item)
    previous, following = _neighbours(course, item)
    language = active_language()
    materials = [m for m in item.materials.all() if m.language in ("", language)]
    done = bool(enrolment and enrolment.progress.filter(lesson=item).exists())
    return render(
        request,
        "learning/lesson.html",
        {
            "course": course,
            "lesson": item,
            "body": render_markdown(item.body),
            "materials": materials,
            "previous": previous,
            "next": following,
            "done": done,
            "preview": preview,
            "enrolment": enrolment,
            "has_quiz": item.module.questions.exists(),
            "last_of_module": following is None or following.module_id != item.module_id,
        },
    )


@require_POST
def lesson_done(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    course = _course(request, slug)
    item = get_object_or_404(Lesson.objects.select_related("module"), pk=pk, module__course=course)
    enrolment = _enrolment(request, course)
    if enrolment is None:
        return redirect("learning:course", slug=slug)
    services.mark_lesson_done(enrolment, item)
    _previous, following = _neighbours(course, item)
    if (
        following is None or following.module_id != item.module_id
    ) and item.module.questions.exists():
        return redirect("learning:quiz", slug=slug, pk=item.module_id)
    if following is not None:
        return redirect("learning:lesson", slug=slug, pk=following.pk)
    return redirect("learning:course", slug=slug)


def quiz(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    course = _course(request, slug)
    module = get_object_or_404(Module, pk=pk, course=course)
    enrolment, preview = _reader(request, course)
    if enrolment is None and not preview:
        return redirect("learning:course", slug=slug)
    if enrolment is not None and (closed := _not_open_yet(request, module, enrolment)):
        return closed
    questions = list(module.questions.prefetch_related("options"))
    if not questions:
        raise Http404
    result = None
    if request.method == "POST":
        if enrolment is None:
            messages.info(request, _("Preview: answers are not recorded."))
            return redirect("learning:quiz", slug=slug, pk=pk)
        answers = {str(q.pk): request.POST.getlist(f"q{q.pk}") for q in questions}
        try:
            result = services.submit_quiz(enrolment, module, answers)
        except services.LearningError as error:
            messages.error(request, str(error))
            return redirect("learning:course", slug=slug)
    attempts = list(enrolment.attempts.filter(module=module)) if enrolment else []
    certificate = Certificate.objects.filter(enrolment=enrolment).first() if enrolment else None
    return render(
        request,
        "learning/quiz.html",
        {
            "course": course,
            "module": module,
            "questions": questions,
            "result": result,
            "attempts": attempts,
            "preview": preview,
            "certificate": certificate,
            "next_module": next(
                (m for m in services.ordered_modules(course) if m.position > module.position), None
            ),
        },
    )


@require_POST
def import_code(request: HttpRequest, slug: str) -> HttpResponse:
    _shown, enrolment = _enrolled(request, slug)
    if enrolment is None:
        return redirect("learning:course", slug=slug)
    form = ImportCodeForm(request.POST)
    if form.is_valid():
        try:
            count = services.import_offline_code(enrolment, form.cleaned_data["code"])
        except services.LearningError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("%(count)s lessons recorded from your code.") % {"count": count}
            )
    return redirect("learning:course", slug=slug)


def offline_package(request: HttpRequest, slug: str) -> HttpResponse:
    course, enrolment = _enrolled(request, slug)
    if enrolment is None:
        return redirect("learning:course", slug=slug)
    data = offline.build_package(enrolment)
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = (
        f'attachment; filename="{course.slug}-{enrolment.language}.zip"'
    )
    return response


def verify(request: HttpRequest) -> HttpResponse:
    """Anyone can check a certificate code: who earned which course, and when."""
    form = VerifyForm(request.GET or None)
    certificate = None
    if form.is_valid():
        certificate = services.find_certificate(form.cleaned_data["code"])
    return render(
        request,
        "learning/verify.html",
        {"form": form, "certificate": certificate, "checked": form.is_bound and form.is_valid()},
    )


def certificate_pdf(request: HttpRequest, code: str) -> HttpResponse:
    """The certificate as a PDF in the learner's language; its code is the credential."""
    certificate = services.find_certificate(code)
    if certificate is None:
        raise Http404
    with translation.override(certificate.language):
        verify_url = request.build_absolute_uri(reverse("learning:verify"))
        html = render_to_string(
            "learning/certificate_pdf.html",
            {
                "certificate": certificate,
                "verify_url": verify_url,
                "verify_link": f"{verify_url}?code={certificate.code}",
                "LANGUAGE_CODE": certificate.language,
            },
        )
    from weasyprint import HTML  # imported here: loading it parses its stylesheets

    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf() or b""
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="certificate-{certificate.code}.pdf"'
    return response
