import shutil
from pathlib import Path

import pytest
from django.conf import settings

from vigie.core.errors import DataFileError
from vigie.learning import loaders
from vigie.learning.models import Course, Lesson, QuizQuestion
from vigie.learning.services import course_languages

pytestmark = pytest.mark.django_db


def test_the_bundled_course_loads_as_a_draft_in_three_languages_and_twice_changes_nothing() -> None:
    first = loaders.load_bundled()
    assert first["lessons"].created == 12
    course = Course.objects.get(slug="drug-decriminalisation")
    assert course.status == "draft"
    assert course_languages(course) == ["en", "fr", "es"]
    assert all(lesson.draft_for_review and lesson.source_list for lesson in Lesson.objects.all())
    c1 = Lesson.objects.get(title_en__startswith="C1.")
    assert "administrative fines" in c1.body_en  # the atlas criterion's own words
    course.status = "published"
    course.save()
    again = loaders.load_bundled()
    assert all(report.created == report.updated == 0 for report in again.values())
    assert Course.objects.get().status == "published"  # a load never unpublishes


def test_a_bad_row_names_its_file_line_and_field_and_writes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "learning"
    shutil.copytree(Path(settings.DATA_DIR) / "learning", folder)
    lessons = (folder / "modules.csv").read_text().replace(",70\n", ",170\n", 1)
    (folder / "modules.csv").write_text(lessons)
    with pytest.raises(DataFileError) as error:
        loaders.load_courses(folder)
    assert "modules.csv" in str(error.value) and "line 2" in str(error.value)
    assert "pass_mark" in str(error.value)
    assert not Course.objects.exists() and not QuizQuestion.objects.exists()
