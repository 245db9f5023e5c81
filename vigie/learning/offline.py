"""The offline package of a course: one zip of static HTML pages and the lesson materials.

Every link inside is relative, so the package opens from disk (``file://``) with no server and
no script: ``index.html`` lists the modules and lessons; each lesson page links the previous and
next ones and its materials (``materials/``). Each lesson page ends with a completion code,
signed for this enrolment (``services.offline_code``): it covers that lesson and every lesson
before it, and the learner types it back online to record their progress.
"""

import io
import posixpath
import zipfile

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString
from django.utils.text import slugify

from vigie.learning import services
from vigie.learning.markup import render_markdown
from vigie.learning.models import Enrolment, Lesson, LessonMaterial

STYLE = """body{font:1rem/1.5 system-ui,sans-serif;max-width:42rem;margin:0 auto;padding:1rem;color:#1b1b1b}
a{color:#1f5f8b}nav{display:flex;justify-content:space-between;margin:1.5rem 0}
.code{font-family:monospace;word-break:break-all;background:#f3f3f3;padding:.5rem}
.draft{border-left:4px solid #b5472d;padding-left:.75rem}"""


def lesson_file(lesson: Lesson, index: int) -> str:
    return f"lesson-{index:02d}.html"


def material_file(material: LessonMaterial) -> str:
    base = posixpath.basename(material.file.name)
    return f"materials/{material.pk}-{slugify(base.rsplit('.', 1)[0])}.{base.rsplit('.', 1)[-1]}"


def _local(html: SafeString, materials: list[tuple[LessonMaterial, str]]) -> SafeString:
    """Point the lesson's images and links to its uploaded materials at their copies here."""
    for material, path in materials:
        html = SafeString(html.replace(f'"{material.file.url}"', f'"{path}"'))
    return html


def build_package(enrolment: Enrolment) -> bytes:
    """The package in the enrolment's language."""
    with translation.override(enrolment.language):
        return _build(enrolment)


def _build(enrolment: Enrolment) -> bytes:
    course = enrolment.course
    lessons = services.ordered_lessons(course)
    modules = services.ordered_modules(course)
    names = {lesson.pk: lesson_file(lesson, n) for n, lesson in enumerate(lessons, start=1)}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("style.css", STYLE)
        archive.writestr(
            "index.html",
            render_to_string(
                "learning/offline/index.html",
                {
                    "course": course,
                    "LANGUAGE_CODE": enrolment.language,
                    "modules": [
                        {
                            "module": module,
                            "lessons": [
                                (lesson, names[lesson.pk])
                                for lesson in lessons
                                if lesson.module_id == module.pk
                            ],
                            "has_quiz": module.questions.exists(),
                        }
                        for module in modules
                    ],
                },
            ),
        )
        for n, lesson in enumerate(lessons):
            materials = []
            for material in lesson.materials.all():
                if not material.file or not material.file.storage.exists(material.file.name):
                    continue
                path = material_file(material)
                with material.file.open("rb") as handle:
                    archive.writestr(path, handle.read())
                materials.append((material, path))
            archive.writestr(
                names[lesson.pk],
                render_to_string(
                    "learning/offline/lesson.html",
                    {
                        "course": course,
                        "LANGUAGE_CODE": enrolment.language,
                        "lesson": lesson,
                        "body": _local(render_markdown(lesson.body), materials),
                        "materials": materials,
                        "previous": names[lessons[n - 1].pk] if n > 0 else None,
                        "next": names[lessons[n + 1].pk] if n + 1 < len(lessons) else None,
                        "code": services.offline_code(enrolment, lessons[: n + 1]),
                    },
                ),
            )
    return buffer.getvalue()
