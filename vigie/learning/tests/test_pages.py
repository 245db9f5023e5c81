"""Learner and staff pages: roles, enrolment by personal link, progress, certificates."""

import io
import re
import zipfile

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from vigie.core.tests.factories import make_country, make_user
from vigie.learning import services
from vigie.learning.models import Certificate, Course, Enrolment, Learner, QuizAttempt
from vigie.learning.tests.factories import add_quiz, make_course, make_learner

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor() -> Client:
    client = Client()
    client.force_login(make_user("course-editor", role="editor"))
    return client


@pytest.fixture
def member() -> Client:
    client = Client()
    client.force_login(make_user("course-member", role="member"))
    return client


def test_a_draft_course_is_seen_by_staff_only(
    client: Client, member: Client, editor: Client
) -> None:
    course = make_course("hidden-draft", published=False)
    lesson = services.ordered_lessons(course)[0]
    for url in (
        reverse("learning:course", args=[course.slug]),
        reverse("learning:lesson", args=[course.slug, lesson.pk]),
    ):
        assert client.get(url).status_code == 404
        assert member.get(url).status_code == 404
        assert editor.get(url).status_code == 200
    assert "Course hidden-draft" not in client.get(reverse("learning:list")).content.decode()
    assert "Course hidden-draft" in editor.get(reverse("learning:list")).content.decode()


def test_enrolment_by_email_sends_a_personal_link_that_opens_the_course_elsewhere(
    client: Client,
) -> None:
    course = make_course()
    response = client.post(
        reverse("learning:enrol", args=[course.slug]),
        {"name": "Ana Example", "email": "Ana@Example.org", "organisation": "Org A (fictional)"},
    )
    assert response.status_code == 302
    enrolment = Enrolment.objects.get()
    assert enrolment.learner.email == "ana@example.org"
    (message,) = mail.outbox
    link = re.search(r"https?://\S+/learning/access/\S+/", str(message.body))
    assert link
    other = Client()
    path = link.group(0).split("://", 1)[1].split("/", 1)[1]
    assert other.get("/" + path).status_code == 302
    page = other.get(reverse("learning:mine")).content.decode()
    assert "Course decrim-101" in page
    assert Client().get("/" + path.replace("access/", "access/x")).status_code == 404


def test_typing_a_known_address_opens_nothing_and_only_emails_its_owner(client: Client) -> None:
    course = make_course()
    other = make_course("second-course")
    owner = make_learner("ana@example.org", name="Ana Example")
    services.enrol(owner, other, "en")
    user = make_user("has-account", role="member")
    make_learner("acct@example.org", user=user)
    for email in ("ana@example.org", "acct@example.org"):
        client.post(reverse("learning:enrol", args=[course.slug]), {"name": "X", "email": email})
    assert not Enrolment.objects.filter(course=course).exists()
    page = client.get(reverse("learning:mine")).content.decode()
    assert "Course second-course" not in page  # the owner's courses stay closed
    assert [m.to for m in mail.outbox] == [["ana@example.org"]]  # an account gets no link


def test_a_module_webinar_is_an_event_of_the_events_app(editor: Client) -> None:
    from vigie.events.tests.factories import make_event

    course = make_course(published=True, modules=1)
    event = make_event(slug="live-session", title_en="Live session on thresholds")
    module = course.modules.get()
    url = reverse("learning:staff_module", args=[course.slug, module.pk])
    data = {"title_en": "M", "position": 1, "pass_mark": 50}
    refused = editor.post(url, {**data, "webinar_event": "no-such-event"})
    assert "No published event has this address." in refused.content.decode()
    editor.post(url, {**data, "webinar_event": event.slug})
    page = Client().get(reverse("learning:course", args=[course.slug])).content.decode()
    assert "Live session on thresholds" in page
    assert reverse("events:detail", args=[event.slug]) in page


@pytest.mark.usefixtures("template_context")
def test_analytics_funnel_and_most_failed_questions(editor: Client) -> None:
    from vigie.learning import queries

    course = make_course(modules=2, lessons=1)
    first, _second = services.ordered_modules(course)
    single, short = add_quiz(first)
    lessons = services.ordered_lessons(course)
    wrong = {str(single.pk): [str(single.options.get(is_correct=False).pk)], str(short.pk): ["x"]}
    right = {str(single.pk): [str(single.options.get(is_correct=True).pk)], str(short.pk): ["x"]}
    for n in range(3):
        enrolment = services.enrol(make_learner(f"l{n}@example.org"), course, "en")
        if n >= 1:
            services.mark_lesson_done(enrolment, lessons[0])
            services.submit_quiz(enrolment, first, wrong)
        if n == 2:
            services.submit_quiz(enrolment, first, right)
            services.mark_lesson_done(enrolment, lessons[1])
    data = queries.get_course_analytics(course)
    assert [step["learners"] for step in data["funnel"]] == [3, 1, 1]
    assert data["enrolments"] == 3 and data["completed"] == data["certificates"] == 1
    assert [(i["question"], i["failed"], i["answers"]) for i in data["most_failed"]] == [
        ("Which country decriminalised in 2001?", 3, 3),
        ("Which?", 2, 3),
    ]
    response = editor.get(reverse("learning:staff_analytics", args=[course.slug]))
    page = response.content.decode()
    assert 'data-vega-spec="funnel-spec"' in page
    chart = response.context["chart"]
    assert chart.unit == "Learners (number)" and chart.source and chart.title
    assert [row[1] for row in chart.rows] == [3, 1, 1]
    assert "Unit: Learners (number)" in page and "for staff use, not for publication" in page


def test_a_signed_in_member_enrols_and_resumes_where_they_stopped(member: Client) -> None:
    course = make_course()
    member.post(reverse("learning:enrol", args=[course.slug]), {})
    lessons = services.ordered_lessons(course)
    member.post(reverse("learning:lesson_done", args=[course.slug, lessons[0].pk]))
    member.get(reverse("learning:lesson", args=[course.slug, lessons[2].pk]))
    response = member.get(reverse("learning:resume", args=[course.slug]))
    assert response["Location"] == reverse("learning:lesson", args=[course.slug, lessons[2].pk])


def test_progress_is_the_learners_own_and_staff_see_only_aggregates(
    client: Client, editor: Client
) -> None:
    course = make_course(modules=1)
    learners = []
    country = make_country("PT")
    for n in range(6):
        learner = make_learner(f"p{n}@example.org", name=f"Private Person {n}", country=country)
        learners.append(learner)
        services.enrol(learner, course, "en")
    make_learner("solo@example.org", name="Solo Person", organisation="Tiny org (fictional)")
    services.enrol(Learner.objects.get(email="solo@example.org"), course, "en")
    # another visitor sees no one's progress
    page = client.get(reverse("learning:mine")).content.decode()
    assert "Private Person" not in page and "Course decrim-101" not in page
    analytics = editor.get(reverse("learning:staff_analytics", args=[course.slug])).content.decode()
    assert "Private Person" not in analytics and "p0@example.org" not in analytics
    assert "Tiny org (fictional)" not in analytics  # a group of one is not shown
    assert "<td>6</td>" in analytics  # Portugal: six learners
    assert client.get(reverse("learning:staff_analytics", args=[course.slug])).status_code == 302


def test_quiz_failed_then_passed_issues_a_certificate_verified_anonymously(member: Client) -> None:
    course = make_course(modules=1, lessons=1)
    module = course.modules.get()
    single, short = add_quiz(module)
    member.post(reverse("learning:enrol", args=[course.slug]), {})
    lesson = services.ordered_lessons(course)[0]
    response = member.post(reverse("learning:lesson_done", args=[course.slug, lesson.pk]))
    quiz_url = reverse("learning:quiz", args=[course.slug, module.pk])
    assert response["Location"] == quiz_url
    wrong = single.options.get(is_correct=False)
    right = single.options.get(is_correct=True)
    page = member.post(quiz_url, {f"q{single.pk}": str(wrong.pk), f"q{short.pk}": "Spain"})
    assert "No: see 1.1" in page.content.decode()
    assert not Certificate.objects.exists()
    member.post(quiz_url, {f"q{single.pk}": str(right.pk), f"q{short.pk}": "portugal"})
    assert QuizAttempt.objects.count() == 2
    certificate = Certificate.objects.get()
    verify = Client().get(reverse("learning:verify"), {"code": certificate.code}).content.decode()
    assert "Valid certificate" in verify and certificate.learner_name in verify
    missing = Client().get(reverse("learning:verify"), {"code": "ZZZZZZZZZZZZ"}).content.decode()
    assert "No certificate has this code" in missing
    pdf = Client().get(reverse("learning:certificate_pdf", args=[certificate.code]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_the_certificate_pdf_is_in_the_learners_language(client: Client) -> None:
    from pypdf import PdfReader

    course = make_course(modules=1, lessons=1)
    enrolment = services.enrol(make_learner(name="Ana Exemple"), course, "fr")
    services.mark_lesson_done(enrolment, services.ordered_lessons(course)[0])
    certificate = Certificate.objects.get()
    pdf = client.get(f"/en{reverse('learning:certificate_pdf', args=[certificate.code])[3:]}")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Certificat de réussite" in text and "Ana Exemple" in text and certificate.code in text
    assert "/fr/learning/verify/" in text


def test_the_offline_package_links_every_page_relatively_and_its_code_imports_progress(
    member: Client,
) -> None:
    course = make_course()
    member.post(reverse("learning:enrol", args=[course.slug]), {})
    response = member.get(reverse("learning:offline", args=[course.slug]))
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = set(archive.namelist())
    assert {"index.html", "style.css", "lesson-01.html", "lesson-04.html"} <= names
    index = archive.read("index.html").decode()
    for n in range(1, 5):
        assert f'href="lesson-0{n}.html"' in index
    last = archive.read("lesson-04.html").decode()
    assert "http" not in re.sub(r'href="https?://[^"]*"', "", last).replace("http-equiv", "")
    code = re.search(r'<p class="code">([^<]+)</p>', last)
    assert code
    member.post(reverse("learning:import", args=[course.slug]), {"code": code.group(1)})
    enrolment = Enrolment.objects.get()
    assert enrolment.progress.filter(offline=True).count() == 4


def test_staff_publish_and_unpublish(editor: Client, member: Client) -> None:
    course = make_course(published=False)
    url = reverse("learning:staff_publish", args=[course.slug])
    assert member.post(url, {"publish": "1"}).status_code == 403
    editor.post(url, {"publish": "1"})
    assert Course.objects.get().is_published
    editor.post(url, {"publish": "0"})
    assert not Course.objects.get().is_published


def test_staff_create_a_course_with_a_module_and_quiz_side_by_side(editor: Client) -> None:
    page = editor.get(reverse("learning:staff_home")).content.decode()
    assert 'name="title_en"' in page and 'name="title_fr"' in page and 'name="title_es"' in page
    editor.post(
        reverse("learning:staff_home"),
        {"slug": "new-course", "title_en": "New", "title_fr": "Nouveau", "title_es": ""},
    )
    course = Course.objects.get(slug="new-course")
    assert course.status == "draft"
    editor.post(
        reverse("learning:staff_module_new", args=[course.slug]),
        {"title_en": "M1", "title_fr": "M1 fr", "position": 1, "pass_mark": 80},
    )
    module = course.modules.get()
    response = editor.post(
        reverse("learning:staff_question_new", args=[course.slug, module.pk]),
        {
            "prompt_en": "Q?",
            "prompt_fr": "Q ?",
            "position": 1,
            "kind": "single",
            "options-TOTAL_FORMS": 2,
            "options-INITIAL_FORMS": 0,
            "options-0-text_en": "Yes",
            "options-0-position": 1,
            "options-0-is_correct": "on",
            "options-1-text_en": "No",
            "options-1-position": 2,
        },
    )
    assert response.status_code == 302
    question = module.questions.get()
    assert question.options.filter(is_correct=True).get().text_en == "Yes"


def test_a_module_pass_mark_above_100_is_refused(editor: Client) -> None:
    course = make_course(published=False, modules=0)
    response = editor.post(
        reverse("learning:staff_module_new", args=[course.slug]),
        {"title_en": "M", "position": 1, "pass_mark": 150},
    )
    assert response.status_code == 200 and "from 0 to 100" in response.content.decode()
    assert not course.modules.exists()


def test_a_cohort_module_not_open_yet_sends_the_learner_back_to_the_course(member: Client) -> None:
    import datetime

    from vigie.learning.models import Cohort

    course = make_course(modules=2, lessons=1)
    cohort = Cohort.objects.create(course=course, name="Now", starts_on=datetime.date.today())
    member.post(reverse("learning:enrol", args=[course.slug]), {"cohort": cohort.pk})
    assert Enrolment.objects.get().cohort == cohort
    first, second = services.ordered_lessons(course)
    assert member.get(reverse("learning:lesson", args=[course.slug, first.pk])).status_code == 200
    add_quiz(second.module)
    for url in (
        reverse("learning:lesson", args=[course.slug, second.pk]),
        reverse("learning:quiz", args=[course.slug, second.module_id]),
    ):
        response = member.get(url, follow=True)
        assert response.redirect_chain[0][0] == reverse("learning:course", args=[course.slug])
        assert "This module opens on" in response.content.decode()
