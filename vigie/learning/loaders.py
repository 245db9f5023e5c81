"""Load the bundled course structure from ``data/learning/`` (see data/learning/SOURCES.md).

Five files, read and checked row by row before anything is written; the whole load is one
transaction, so a bad row names its file, line and field and leaves the database untouched.
Rows are matched on their natural keys (course slug; module, lesson, question and option
positions), so loading twice changes nothing. A course is created as a draft; its status is
never changed by a later load (publishing is the secretariat's decision).
"""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from vigie.core.csvfiles import CsvRow, iter_csv_file
from vigie.core.i18n import language_codes
from vigie.core.loading import LoadReport, upsert
from vigie.learning.models import Course, Lesson, Module, QuizOption, QuizQuestion


def learning_data_dir() -> Path:
    return Path(settings.DATA_DIR) / "learning"


def _texts(row: CsvRow, *fields: str, required: bool = False) -> dict[str, str]:
    return {
        f"{field}_{code}": row.required(f"{field}_{code}")
        if required
        else row.get(f"{field}_{code}")
        for field in fields
        for code in language_codes()
    }


def _rows(folder: Path, name: str, columns: tuple[str, ...]) -> list[CsvRow]:
    return list(iter_csv_file(folder / name, required_columns=columns))


def _unique(rows: list[tuple[CsvRow, tuple[Any, ...]]], field: str) -> None:
    seen: dict[tuple[Any, ...], int] = {}
    for row, key in rows:
        if key in seen:
            raise row.error(field, f"{key!r} already appears on line {seen[key]}")
        seen[key] = row.line


@transaction.atomic
def load_courses(data_dir: Path | None = None) -> dict[str, LoadReport]:
    folder = data_dir or learning_data_dir()
    langs = [f"title_{code}" for code in language_codes()]
    course_rows = _rows(folder, "courses.csv", ("slug", *langs, "status", "sources"))
    module_rows = _rows(folder, "modules.csv", ("course", "position", *langs, "pass_mark"))
    lesson_rows = _rows(
        folder, "lessons.csv", ("course", "module", "position", "status", *langs, "sources")
    )
    question_rows = _rows(folder, "questions.csv", ("course", "module", "position", "kind"))
    option_rows = _rows(
        folder, "options.csv", ("course", "module", "question", "position", "correct")
    )
    reports = {name: LoadReport() for name in ("courses", "modules", "lessons", "questions")}
    reports["options"] = LoadReport()

    courses: dict[str, Course] = {}
    for row in course_rows:
        slug = row.required("slug")
        status = row.choice("status", Course.Status.values)
        values: dict[str, Any] = {
            **_texts(row, "title", "summary"),
            "sources": "\n".join(row.sources(unaddressed_allowed=True)),
        }
        existing = Course.objects.filter(slug=slug).first()
        if existing is None:
            values["status"] = status
        courses[slug] = upsert(
            reports["courses"], Course, {"slug": slug}, values, existing=existing
        )

    def course_of(row: CsvRow) -> Course:
        return row.listed("course", courses.get(row.get("course")), "courses.csv")

    modules: dict[tuple[str, int], Module] = {}
    _unique([(r, (r.get("course"), r.get("position"))) for r in module_rows], "position")
    for row in module_rows:
        course = course_of(row)
        position = row.integer("position") or 0
        pass_mark = row.integer("pass_mark") or 0
        if not 0 <= pass_mark <= 100:
            raise row.error("pass_mark", f"{pass_mark} is not a percentage (0 to 100)")
        modules[(course.slug, position)] = upsert(
            reports["modules"],
            Module,
            {"course": course, "position": position},
            {**_texts(row, "title", required=True), "pass_mark": pass_mark},
        )

    def module_of(row: CsvRow) -> Module:
        key = (row.get("course"), row.integer("module") or 0)
        return row.listed("module", modules.get(key), "modules.csv")

    _unique(
        [(r, (r.get("course"), r.get("module"), r.get("position"))) for r in lesson_rows],
        "position",
    )
    for row in lesson_rows:
        status = row.choice("status", ("draft", "reviewed"))
        upsert(
            reports["lessons"],
            Lesson,
            {"module": module_of(row), "position": row.integer("position")},
            {
                **_texts(row, "title", required=True),
                **_texts(row, "body"),
                "sources": "\n".join(row.sources()),
                "draft_for_review": status == "draft",
            },
        )

    questions: dict[tuple[str, int, int], QuizQuestion] = {}
    for row in question_rows:
        module = module_of(row)
        position = row.integer("position") or 0
        kind = row.choice("kind", QuizQuestion.Kind.values)
        texts = _texts(row, "prompt", "accepted_answers", "feedback")
        if kind == QuizQuestion.Kind.SHORT and not texts["accepted_answers_en"]:
            raise row.error("accepted_answers_en", "a short-answer question needs accepted answers")
        questions[(row.get("course"), module.position, position)] = upsert(
            reports["questions"],
            QuizQuestion,
            {"module": module, "position": position},
            {"kind": kind, **texts},
        )

    for row in option_rows:
        key = (row.get("course"), row.integer("module") or 0, row.integer("question") or 0)
        question = row.listed("question", questions.get(key), "questions.csv")
        upsert(
            reports["options"],
            QuizOption,
            {"question": question, "position": row.integer("position")},
            {**_texts(row, "text", "feedback"), "is_correct": row.boolean("correct")},
        )
    for row in question_rows:
        question = questions[
            (row.get("course"), row.integer("module") or 0, row.integer("position") or 0)
        ]
        if question.kind != QuizQuestion.Kind.SHORT and not question.options.filter(
            is_correct=True
        ):
            raise row.error("kind", "a choice question needs one right option in options.csv")
    return reports


def load_bundled() -> dict[str, LoadReport]:
    """Entry point used by ``manage.py load_data``."""
    return load_courses()
