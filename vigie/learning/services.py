"""The use cases of online courses: languages, enrolment, progress, quizzes, certificates,
personal links and offline completion codes. Views call these functions; nothing runs on a
model signal."""

import datetime
import secrets
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname

from vigie.core.freshness import changes_facts, facts_changed
from vigie.core.i18n import language_codes
from vigie.core.tokens import LinkState, find_link, new_token
from vigie.learning.models import (
    AnswerRecord,
    Certificate,
    Cohort,
    Course,
    Enrolment,
    Learner,
    LearnerLink,
    Lesson,
    LessonProgress,
    Module,
    QuizAttempt,
    QuizOption,
    QuizQuestion,
)

LINK_LIFETIME = datetime.timedelta(days=60)
WEEK = datetime.timedelta(days=7)
# Certificate codes: no 0/O or 1/I/L, easy to read out and type back.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 12
OFFLINE_SALT = "vigie.learning.offline"


class LearningError(Exception):
    """A request the course cannot honour, with a message for the person."""


# Languages ------------------------------------------------------------------------------------


def _has(obj: object, field_name: str, language: str) -> bool:
    return bool((getattr(obj, build_localized_fieldname(field_name, language), "") or "").strip())


def course_languages(course: Course) -> list[str]:
    """The languages the course is offered in: its title and every lesson's title and text."""
    lessons = list(Lesson.objects.filter(module__course=course))
    if not lessons:
        return []
    return [
        code
        for code in language_codes()
        if _has(course, "title", code)
        and all(_has(lesson, "title", code) and _has(lesson, "body", code) for lesson in lessons)
    ]


def visible_courses(*, staff: bool) -> QuerySet[Course]:
    """Published courses; staff also see drafts."""
    courses = Course.objects.all()
    return courses if staff else courses.filter(status=Course.Status.PUBLISHED)


@changes_facts
@transaction.atomic
def set_published(course: Course, published: bool) -> None:
    if published and not course_languages(course):
        raise LearningError(_("A course needs lessons complete in at least one language."))
    course.status = Course.Status.PUBLISHED if published else Course.Status.DRAFT
    course.save(update_fields=["status", "updated_at"])


# Structure ------------------------------------------------------------------------------------


def ordered_lessons(course: Course) -> list[Lesson]:
    return list(
        Lesson.objects.filter(module__course=course)
        .select_related("module")
        .order_by("module__position", "module__pk", "position", "pk")
    )


def ordered_modules(course: Course) -> list[Module]:
    return list(course.modules.order_by("position", "pk"))


def module_opens_on(module: Module, cohort: Cohort | None) -> datetime.date | None:
    """A cohort opens its n-th module (from 0) n weeks after its start; self-paced: at once."""
    if cohort is None:
        return None
    index = [m.pk for m in ordered_modules(module.course)].index(module.pk)
    return cohort.starts_on + index * WEEK


def is_module_open(
    module: Module, cohort: Cohort | None, today: datetime.date | None = None
) -> bool:
    opens = module_opens_on(module, cohort)
    return opens is None or (today or timezone.localdate()) >= opens


# Learners and enrolment -----------------------------------------------------------------------


def learner_for_user(user: Any) -> Learner | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Learner.objects.filter(user=user).first()


@transaction.atomic
def get_or_create_learner(
    email: str, name: str, *, user: Any = None, country_id: int | None = None,
    organisation: str = "",
) -> Learner:  # fmt: skip
    email = email.strip().lower()
    if not email:
        raise LearningError(_("An email address is needed."))
    learner = Learner.objects.filter(email=email).first()
    if learner is None:
        learner = Learner.objects.create(
            email=email, name=name.strip() or email, user=user, country_id=country_id,
            organisation=organisation.strip(),
        )  # fmt: skip
        return learner
    changed = []
    if user is not None and learner.user_id is None:
        learner.user = user
        changed.append("user")
    if country_id and learner.country_id is None:
        learner.country_id = country_id
        changed.append("country")
    if organisation.strip() and not learner.organisation:
        learner.organisation = organisation.strip()
        changed.append("organisation")
    if changed:
        learner.save(update_fields=changed)
    return learner


def enrol(
    learner: Learner, course: Course, language: str, *, cohort: Cohort | None = None
) -> Enrolment:
    """Enrol once per course (enrolling again returns the first enrolment)."""
    if not course.is_published:
        raise LearningError(_("This course is not open for enrolment."))
    offered = course_languages(course)
    if language not in offered:
        language = offered[0] if offered else "en"
    if cohort is not None and cohort.course_id != course.pk:
        raise LearningError(_("This cohort belongs to another course."))
    existing = Enrolment.objects.filter(learner=learner, course=course).first()
    if existing:
        return existing
    try:
        with transaction.atomic():
            return Enrolment.objects.create(
                learner=learner, course=course, language=language, cohort=cohort
            )
    except IntegrityError:  # enrolled at the same moment from another request
        return Enrolment.objects.get(learner=learner, course=course)


def issue_link(learner: Learner, now: datetime.datetime | None = None) -> str:
    """A personal link token for a learner without an account; returned once, stored hashed."""
    token, token_hash = new_token()
    now = now or timezone.now()
    LearnerLink.objects.create(
        learner=learner, token_hash=token_hash, expires_at=now + LINK_LIFETIME
    )
    return token


def check_link(
    token: str, now: datetime.datetime | None = None
) -> tuple[LinkState, Learner | None]:
    link = find_link(LearnerLink.objects.select_related("learner"), token)
    if link is None:
        return LinkState.UNKNOWN, None
    if (now or timezone.now()) >= link.expires_at:
        return LinkState.EXPIRED, None
    return LinkState.VALID, link.learner


# Progress -------------------------------------------------------------------------------------


@dataclass
class CourseProgress:
    lessons_done: set[int] = field(default_factory=set)
    modules_passed: set[int] = field(default_factory=set)
    total_lessons: int = 0
    resume: Lesson | None = None

    @property
    def percent(self) -> int:
        return round(100 * len(self.lessons_done) / self.total_lessons) if self.total_lessons else 0


def modules_with_quiz(course: Course) -> set[int]:
    return set(
        QuizQuestion.objects.filter(module__course=course).values_list("module_id", flat=True)
    )


def get_progress(enrolment: Enrolment) -> CourseProgress:
    lessons = ordered_lessons(enrolment.course)
    done = set(enrolment.progress.values_list("lesson_id", flat=True))
    passed = set(enrolment.attempts.filter(passed=True).values_list("module_id", flat=True))
    resume = enrolment.last_lesson
    if resume is None or resume.pk in done:
        resume = next((lesson for lesson in lessons if lesson.pk not in done), resume)
    return CourseProgress(done, passed, len(lessons), resume)


@transaction.atomic
def mark_lesson_done(
    enrolment: Enrolment, lesson: Lesson, *, offline: bool = False,
    now: datetime.datetime | None = None,
) -> None:  # fmt: skip
    if lesson.module.course_id != enrolment.course_id:
        raise LearningError(_("This lesson belongs to another course."))
    LessonProgress.objects.get_or_create(
        enrolment=enrolment,
        lesson=lesson,
        defaults={"completed_at": now or timezone.now(), "offline": offline},
    )
    check_completion(enrolment)


def record_visit(enrolment: Enrolment, lesson: Lesson) -> None:
    """Remember where the learner stopped, to take them back there."""
    if enrolment.last_lesson_id != lesson.pk:
        enrolment.last_lesson = lesson
        enrolment.save(update_fields=["last_lesson"])


def is_complete(enrolment: Enrolment) -> bool:
    progress = get_progress(enrolment)
    lessons_done = len(progress.lessons_done) >= progress.total_lessons > 0
    return lessons_done and modules_with_quiz(enrolment.course) <= progress.modules_passed


@transaction.atomic
def check_completion(
    enrolment: Enrolment, today: datetime.date | None = None
) -> Certificate | None:
    """Once every lesson is done and every quiz passed: completed, with a certificate."""
    existing = Certificate.objects.filter(enrolment=enrolment).first()
    if existing or not is_complete(enrolment):
        return existing
    enrolment.completed_at = timezone.now()
    enrolment.save(update_fields=["completed_at"])
    course = enrolment.course
    title = getattr(course, build_localized_fieldname("title", enrolment.language)) or course.title
    for _attempt in range(10):
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if not Certificate.objects.filter(code=code).exists():
            break
    certificate = Certificate.objects.create(
        enrolment=enrolment,
        code=code,
        language=enrolment.language,
        learner_name=enrolment.learner.name,
        course_title=title,
        issued_on=today or timezone.localdate(),
    )
    facts_changed()  # the strategy counts the people certified (a stored output)
    return certificate


def normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def find_certificate(code: str) -> Certificate | None:
    code = normalise_code(code)
    if len(code) != CODE_LENGTH:
        return None
    return Certificate.objects.select_related("enrolment__course").filter(code=code).first()


# Quizzes --------------------------------------------------------------------------------------


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).split())


@dataclass
class GradedQuestion:
    question: QuizQuestion
    correct: bool
    given: list[str]
    chosen: list[QuizOption]


@dataclass
class QuizResult:
    attempt: QuizAttempt
    results: list[GradedQuestion]


def grade_question(question: QuizQuestion, answers: Iterable[str]) -> GradedQuestion:
    given = [answer.strip() for answer in answers if answer.strip()]
    if question.kind == QuizQuestion.Kind.SHORT:
        accepted = {
            _plain(line)
            for code in language_codes()
            for line in (getattr(question, f"accepted_answers_{code}") or "").splitlines()
            if line.strip()
        }
        correct = len(given) == 1 and _plain(given[0]) in accepted
        return GradedQuestion(question, correct, given, [])
    options = list(question.options.all())
    chosen = [option for option in options if str(option.pk) in given]
    right = {option.pk for option in options if option.is_correct}
    picked = {option.pk for option in chosen}
    if question.kind == QuizQuestion.Kind.SINGLE and len(picked) > 1:
        correct = False
    else:
        correct = bool(right) and picked == right
    return GradedQuestion(question, correct, given, chosen)


@transaction.atomic
def submit_quiz(
    enrolment: Enrolment, module: Module, answers: Mapping[str, list[str]]
) -> QuizResult:
    """Grade one attempt at a module's quiz (answers by question id) and record it."""
    if module.course_id != enrolment.course_id:
        raise LearningError(_("This quiz belongs to another course."))
    if not is_module_open(module, enrolment.cohort):
        raise LearningError(_("This module is not open yet."))
    questions = list(module.questions.prefetch_related("options"))
    if not questions:
        raise LearningError(_("This module has no quiz."))
    results = [grade_question(q, answers.get(str(q.pk), [])) for q in questions]
    score = round(100 * sum(r.correct for r in results) / len(results))
    attempt = QuizAttempt.objects.create(
        enrolment=enrolment, module=module, score=score, passed=score >= module.pass_mark
    )
    AnswerRecord.objects.bulk_create(
        AnswerRecord(
            attempt=attempt, question=r.question, given="\n".join(r.given), correct=r.correct
        )
        for r in results
    )
    check_completion(enrolment)
    return QuizResult(attempt, results)


# Offline completion codes ---------------------------------------------------------------------


def offline_code(enrolment: Enrolment, lessons: list[Lesson]) -> str:
    """A signed code saying "this enrolment read these lessons", printed in the offline package."""
    return signing.dumps(
        {"e": enrolment.pk, "l": sorted(lesson.pk for lesson in lessons)},
        salt=OFFLINE_SALT,
        compress=True,
    )


@transaction.atomic
def import_offline_code(enrolment: Enrolment, code: str) -> int:
    """Record the lessons a completion code lists; how many were new. A forged, altered or other
    person's code is refused."""
    try:
        data = signing.loads(code.strip(), salt=OFFLINE_SALT)
    except signing.BadSignature as error:
        raise LearningError(_("This completion code is not valid.")) from error
    if not isinstance(data, dict) or data.get("e") != enrolment.pk:
        raise LearningError(_("This completion code belongs to another enrolment."))
    lessons = Lesson.objects.filter(pk__in=data.get("l", []), module__course=enrolment.course)
    done = set(enrolment.progress.values_list("lesson_id", flat=True))
    new = [lesson for lesson in lessons if lesson.pk not in done]
    now = timezone.now()
    LessonProgress.objects.bulk_create(
        LessonProgress(enrolment=enrolment, lesson=lesson, completed_at=now, offline=True)
        for lesson in new
    )
    check_completion(enrolment)
    return len(new)
