"""Reads of online courses: for the strategy dashboard (certificates issued, with evidence) and
for the staff analytics (aggregates only: no learner is named, and a group of learners smaller
than the small-cell threshold of the surveys is not shown on its own)."""

import datetime
from collections import Counter
from typing import Any, TypedDict

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext

from vigie.core.evidence import CountResult, Evidence, person_key
from vigie.learning.models import AnswerRecord, Certificate, Course, Enrolment, Lesson
from vigie.learning.services import modules_with_quiz, ordered_modules
from vigie.surveys import queries as surveys_queries

# A cell of learners is shown only with at least this many people (the surveys' threshold).
MIN_LEARNERS = surveys_queries.MIN_ORGANISATIONS
NOT_GIVEN = "?"  # the group of learners who did not say
POOLED = "*"  # the groups smaller than MIN_LEARNERS, together


def _issued(start: datetime.date, end: datetime.date) -> QuerySet[Certificate]:
    return Certificate.objects.filter(issued_on__gte=start, issued_on__lte=end)


def count_certificates_issued(start: datetime.date, end: datetime.date) -> CountResult:
    """Certificates issued between two dates (inclusive), with one evidence row per course."""
    rows = list(
        _issued(start, end)
        .order_by("enrolment__course__slug", "issued_on")
        .values(
            "enrolment__course__slug",
            "enrolment__course__title",
            "enrolment__learner_id",
            "issued_on",
        )
    )  # one query: everything below is counted from these rows
    per_course: dict[str, list[Any]] = {}
    for row in rows:
        per_course.setdefault(row["enrolment__course__slug"], []).append(row)
    return CountResult(
        value=len({row["enrolment__learner_id"] for row in rows}),
        definition=(
            "Distinct people who earned a certificate of an online course between the two dates, "
            "inclusive; a person with several certificates counts once."
        ),
        evidence=[
            Evidence(
                label=issued[0]["enrolment__course__title"] or slug,
                url=reverse("learning:course", args=[slug]),
                date=issued[-1]["issued_on"],
                detail=f"{len(issued)} certificates issued",
            )
            for slug, issued in per_course.items()
        ],
    )


def list_certified_person_keys(start: datetime.date, end: datetime.date) -> set[str]:
    """The people certified between two dates, as pseudonymous keys (``core.evidence.person_key``),
    to count people trained once across courses and events."""
    emails = _issued(start, end).values_list("enrolment__learner__email", flat=True)
    return {person_key(email) for email in emails}


class FunnelStep(TypedDict):
    step: str
    learners: int


class FailedItem(TypedDict):
    module: str
    question: str
    answers: int
    failed: int
    failed_share: int


class GroupCount(TypedDict):
    group: str
    learners: int


class CourseAnalytics(TypedDict):
    enrolments: int
    completed: int
    certificates: int
    funnel: list[FunnelStep]
    most_failed: list[FailedItem]
    by_country: list[GroupCount]
    by_organisation: list[GroupCount]
    hidden_groups: int


def _module_done(course: Course) -> dict[int, set[int]]:
    """Module id → the enrolments that read all its lessons (and passed its quiz, if any)."""
    enrolments = list(course.enrolments.prefetch_related("progress", "attempts"))
    with_quiz = modules_with_quiz(course)
    lessons_of: dict[int, set[int]] = {}
    for lesson in Lesson.objects.filter(module__course=course).values("pk", "module_id"):
        lessons_of.setdefault(lesson["module_id"], set()).add(lesson["pk"])
    done: dict[int, set[int]] = {}
    for module in ordered_modules(course):
        needed = lessons_of.get(module.pk, set())
        done[module.pk] = set()
        for enrolment in enrolments:
            read = {p.lesson_id for p in enrolment.progress.all()}
            passed = any(a.passed and a.module_id == module.pk for a in enrolment.attempts.all())
            if needed <= read and (module.pk not in with_quiz or passed):
                done[module.pk].add(enrolment.pk)
    return done


def _grouped(counter: Counter[str]) -> tuple[list[GroupCount], int]:
    """Groups of at least MIN_LEARNERS people; the smaller ones are pooled, and the pool is only
    shown when it reaches the threshold too."""
    shown = [
        GroupCount(group=name, learners=n) for name, n in counter.most_common() if n >= MIN_LEARNERS
    ]
    small = [n for n in counter.values() if 0 < n < MIN_LEARNERS]
    if sum(small) >= MIN_LEARNERS:
        shown.append(GroupCount(group=POOLED, learners=sum(small)))
    return shown, len(small)


def get_course_analytics(course: Course) -> CourseAnalytics:
    enrolments = Enrolment.objects.filter(course=course).select_related("learner__country")
    total = enrolments.count()
    done = _module_done(course)
    funnel = [FunnelStep(step=gettext("Enrolled"), learners=total)]
    reached: set[int] | None = None
    for module in ordered_modules(course):
        reached = done[module.pk] if reached is None else reached & done[module.pk]
        funnel.append(FunnelStep(step=str(module), learners=len(reached)))
    records = (
        AnswerRecord.objects.filter(attempt__enrolment__course=course)
        .values("question_id", "question__prompt", "question__module__title")
        .annotate(answers=Count("id"), failed=Count("id", filter=Q(correct=False)))
        .order_by("-failed", "question_id")
    )
    most_failed = [
        FailedItem(
            module=row["question__module__title"] or "",
            question=row["question__prompt"] or "",
            answers=row["answers"],
            failed=row["failed"],
            failed_share=round(100 * row["failed"] / row["answers"]),
        )
        for row in records[:10]
        if row["failed"]
    ]
    countries: Counter[str] = Counter()
    organisations: Counter[str] = Counter()
    for enrolment in enrolments:
        learner = enrolment.learner
        countries[learner.country.name if learner.country else NOT_GIVEN] += 1
        organisations[learner.organisation.strip() or NOT_GIVEN] += 1
    by_country, hidden_c = _grouped(countries)
    by_organisation, hidden_o = _grouped(organisations)
    return CourseAnalytics(
        enrolments=total,
        completed=enrolments.filter(completed_at__isnull=False).count(),
        certificates=Certificate.objects.filter(enrolment__course=course).count(),
        funnel=funnel,
        most_failed=most_failed,
        by_country=by_country,
        by_organisation=by_organisation,
        hidden_groups=hidden_c + hidden_o,
    )
