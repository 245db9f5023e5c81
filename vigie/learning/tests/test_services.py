import datetime

import pytest
from django.core import signing

from vigie.learning import services
from vigie.learning.markup import render_markdown
from vigie.learning.models import (
    AnswerRecord,
    Certificate,
    Cohort,
    Lesson,
    QuizAttempt,
    QuizQuestion,
)
from vigie.learning.tests.factories import add_quiz, make_course, make_learner

pytestmark = pytest.mark.django_db


def _answers(
    questions: list[QuizQuestion], single_right: bool, short: str = "portugal"
) -> dict[str, list[str]]:
    single, short_q = questions
    option = single.options.get(is_correct=single_right)
    return {str(single.pk): [str(option.pk)], str(short_q.pk): [short]}


def test_a_course_is_offered_only_in_the_languages_every_lesson_has() -> None:
    course = make_course(languages=("en", "fr", "es"))
    assert services.course_languages(course) == ["en", "fr", "es"]
    Lesson.objects.filter(module__course=course).update(body_es="")
    lesson = Lesson.objects.filter(module__course=course).first()
    assert lesson is not None
    lesson.body_es = "Texto"
    lesson.save()
    assert services.course_languages(course) == ["en", "fr"]


def test_publishing_needs_one_complete_language() -> None:
    course = make_course(published=False, languages=("en",))
    Lesson.objects.filter(module__course=course).update(body_en="")
    with pytest.raises(services.LearningError):
        services.set_published(course, True)
    course.refresh_from_db()
    assert not course.is_published


def test_enrolling_in_a_missing_language_falls_back_and_twice_gives_one_enrolment() -> None:
    course = make_course(languages=("en",))
    learner = make_learner()
    first = services.enrol(learner, course, "fr")
    assert first.language == "en"
    assert services.enrol(learner, course, "en").pk == first.pk


def test_a_draft_course_refuses_enrolment() -> None:
    course = make_course(published=False)
    with pytest.raises(services.LearningError):
        services.enrol(make_learner(), course, "en")


def test_quiz_grades_single_multiple_and_short_answers_with_feedback_and_records_attempts() -> None:
    course = make_course(modules=1)
    module = course.modules.get()
    questions = add_quiz(module)
    enrolment = services.enrol(make_learner(), course, "fr")
    failed = services.submit_quiz(enrolment, module, _answers(questions, False, "Espagne"))
    assert (failed.attempt.score, failed.attempt.passed) == (0, False)
    assert failed.results[0].chosen[0].feedback_en == "No: see 1.1"
    half = services.submit_quiz(enrolment, module, _answers(questions, False, " PORTÚGAL "))
    assert (half.attempt.score, half.attempt.passed) == (50, True)  # pass mark 50
    assert QuizAttempt.objects.filter(enrolment=enrolment).count() == 2
    assert AnswerRecord.objects.filter(attempt__enrolment=enrolment, correct=False).count() == 3


def test_multiple_choice_needs_exactly_the_right_set() -> None:
    course = make_course(modules=1)
    module = course.modules.get()
    question = module.questions.create(kind="multiple", prompt_en="Pick")
    a = question.options.create(text_en="A", is_correct=True)
    b = question.options.create(text_en="B", is_correct=True)
    c = question.options.create(text_en="C")
    assert services.grade_question(question, [str(a.pk), str(b.pk)]).correct
    assert not services.grade_question(question, [str(a.pk)]).correct
    assert not services.grade_question(question, [str(a.pk), str(b.pk), str(c.pk)]).correct


def test_two_choices_on_a_single_choice_question_are_wrong() -> None:
    course = make_course(modules=1)
    module = course.modules.get()
    single, _short = add_quiz(module)
    both = [str(pk) for pk in single.options.values_list("pk", flat=True)]
    assert not services.grade_question(single, both).correct


def test_progress_resumes_at_the_last_lesson_opened_then_the_first_not_done() -> None:
    course = make_course()
    enrolment = services.enrol(make_learner(), course, "en")
    lessons = services.ordered_lessons(course)
    assert services.get_progress(enrolment).resume == lessons[0]
    services.mark_lesson_done(enrolment, lessons[0])
    services.record_visit(enrolment, lessons[2])
    progress = services.get_progress(enrolment)
    assert progress.resume == lessons[2]
    assert progress.percent == 25
    services.mark_lesson_done(enrolment, lessons[2])
    assert services.get_progress(enrolment).resume == lessons[1]


def test_completion_issues_one_certificate_in_the_learners_language() -> None:
    course = make_course(modules=1)
    module = course.modules.get()
    questions = add_quiz(module)
    enrolment = services.enrol(make_learner(), course, "fr")
    for lesson in services.ordered_lessons(course):
        services.mark_lesson_done(enrolment, lesson)
    assert not Certificate.objects.exists()  # the quiz is not passed yet
    services.submit_quiz(enrolment, module, _answers(questions, True))
    certificate = Certificate.objects.get()
    assert certificate.language == "fr"
    assert certificate.course_title == "Course decrim-101 (fr)"
    assert services.find_certificate(certificate.code.lower()) == certificate
    assert (
        services.find_certificate(f"{certificate.code[:4]}-{certificate.code[4:]}") == certificate
    )
    services.submit_quiz(enrolment, module, _answers(questions, True))
    assert Certificate.objects.count() == 1
    assert services.find_certificate("AAAAAAAAAAAA") is None


def test_a_cohort_opens_one_module_a_week() -> None:
    course = make_course(modules=3)
    cohort = Cohort.objects.create(
        course=course, name="Spring", starts_on=datetime.date(2026, 3, 2)
    )
    modules = services.ordered_modules(course)
    assert services.module_opens_on(modules[2], cohort) == datetime.date(2026, 3, 16)
    assert not services.is_module_open(modules[1], cohort, today=datetime.date(2026, 3, 8))
    assert services.is_module_open(modules[1], cohort, today=datetime.date(2026, 3, 9))
    assert services.is_module_open(modules[2], None)


def test_a_quiz_of_a_module_not_open_yet_is_refused() -> None:
    course = make_course(modules=2)
    cohort = Cohort.objects.create(
        course=course, name="Later", starts_on=datetime.date.today() + datetime.timedelta(days=3)
    )
    module = services.ordered_modules(course)[0]
    questions = add_quiz(module)
    enrolment = services.enrol(make_learner(), course, "en", cohort=cohort)
    with pytest.raises(services.LearningError):
        services.submit_quiz(enrolment, module, _answers(questions, True))
    assert not QuizAttempt.objects.exists()


def test_an_offline_code_imports_its_lessons_once_and_a_forged_one_is_refused() -> None:
    course = make_course()
    enrolment = services.enrol(make_learner(), course, "en")
    other = services.enrol(make_learner("ben@example.org"), course, "en")
    lessons = services.ordered_lessons(course)
    code = services.offline_code(enrolment, lessons[:3])
    assert services.import_offline_code(enrolment, code) == 3
    assert services.import_offline_code(enrolment, code) == 0
    with pytest.raises(services.LearningError):
        services.import_offline_code(other, code)
    forged = signing.dumps({"e": other.pk, "l": [lessons[0].pk]}, salt="another")
    with pytest.raises(services.LearningError):
        services.import_offline_code(other, forged)
    with pytest.raises(services.LearningError):
        services.import_offline_code(enrolment, code[:-2] + "xx")
    assert not other.progress.exists()


def test_personal_links_expire_and_unknown_ones_open_nothing() -> None:
    learner = make_learner()
    now = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    token = services.issue_link(learner, now=now)
    assert services.check_link(token, now=now)[1] == learner
    assert services.check_link(token, now=now + services.LINK_LIFETIME)[1] is None
    assert services.check_link("not-a-token")[1] is None


def test_markdown_is_rendered_and_scripts_never_survive() -> None:
    html = render_markdown(
        "**bold** <script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>"
        "\n\n[ok](https://example.org)"
    )
    assert "<strong>bold</strong>" in html
    assert (
        "<script" not in html
        and "<img" not in html
        and "javascript:" not in html.replace("[x](javascript:", "")
    )
    assert 'href="https://example.org"' in html
