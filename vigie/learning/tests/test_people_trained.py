"""The strategy's "people trained" output counts event attendees and certified learners, each
person once, with the courses' certificates as evidence rows."""

import datetime

import pytest
from django.utils import timezone

from vigie.core.freshness import data_version
from vigie.events.tests.factories import make_event, make_registration
from vigie.learning import queries, services
from vigie.learning.tests.factories import make_course, make_learner
from vigie.strategy import outputs

pytestmark = pytest.mark.django_db


def _certify(email: str, course_slug: str) -> None:
    course = make_course(course_slug, modules=1, lessons=1)
    learner = make_learner(email, name=email)
    enrolment = services.enrol(learner, course, "en")
    services.mark_lesson_done(enrolment, services.ordered_lessons(course)[0])


def test_people_trained_counts_attendees_and_certified_learners_once_each() -> None:
    event = make_event(starts_at=timezone.now() - datetime.timedelta(days=2))
    make_registration(event, "Ana Example", attended=True)  # ana.example@example.org
    make_registration(event, "Ben Example", attended=True)
    course = make_course("second", modules=1, lessons=1)
    _certify("ANA.example@example.org", "first")  # also at the event: counts once
    _certify("cy@example.org", "third")
    # Cy earns a second certificate: still one person
    enrolment = services.enrol(make_learner("cy2@example.org"), course, "en")
    enrolment.learner.email = "dee@example.org"
    enrolment.learner.save()
    services.mark_lesson_done(enrolment, services.ordered_lessons(course)[0])

    today = timezone.localdate()
    start, end = today - datetime.timedelta(days=30), today
    certificates = queries.count_certificates_issued(start, end)
    assert certificates.value == 3
    assert {row.detail for row in certificates.evidence} == {"1 certificates issued"}
    assert len(certificates.evidence) == 3
    people = outputs.count_people_trained_or_certified(start, end)
    assert people.value == 4  # Ana, Ben, Cy, Dee
    assert len(people.evidence) == 1 + 3  # the event's row and the courses' rows
    (definition,) = [o for o in outputs.OUTPUTS if o.key == "people_trained"]
    assert outputs.count_output(definition, start, end).value == 4
    before = outputs.count_people_trained_or_certified(start - datetime.timedelta(days=400), start)
    assert before.value == 0


def test_a_certificate_or_a_course_published_records_a_change_of_facts() -> None:
    """The people trained are public figures: cached pages computed before a certificate must
    not be served after it (vigie.core.freshness). A lesson that completes nothing changes none."""
    course = make_course("two-lessons", modules=1, lessons=2, published=False)
    before = data_version()
    services.set_published(course, True)
    assert data_version() > before
    enrolment = services.enrol(make_learner("eve@example.org"), course, "en")
    first, second = services.ordered_lessons(course)
    before = data_version()
    services.mark_lesson_done(enrolment, first)
    assert data_version() == before
    services.mark_lesson_done(enrolment, second)
    assert enrolment.certificate is not None
    assert data_version() > before
