"""Test courses: a published course with modules, lessons and a quiz, in the languages asked."""

from typing import Any

from vigie.learning.models import Course, Learner, Lesson, Module, QuizOption, QuizQuestion

LANGS = ("en", "fr")


def _texts(field: str, text: str, languages: tuple[str, ...]) -> dict[str, str]:
    return {f"{field}_{code}": f"{text} ({code})" for code in languages}


def make_course(
    slug: str = "decrim-101",
    *,
    modules: int = 2,
    lessons: int = 2,
    languages: tuple[str, ...] = LANGS,
    published: bool = True,
    **fields: Any,
) -> Course:
    course = Course.objects.create(
        slug=slug,
        status=Course.Status.PUBLISHED if published else Course.Status.DRAFT,
        **_texts("title", f"Course {slug}", languages),
        **_texts("summary", "Summary", languages),
        **fields,
    )
    for m in range(1, modules + 1):
        module = Module.objects.create(
            course=course, position=m, pass_mark=50, **_texts("title", f"Module {m}", languages)
        )
        for n in range(1, lessons + 1):
            Lesson.objects.create(
                module=module,
                position=n,
                **_texts("title", f"Lesson {m}.{n}", languages),
                **_texts("body", f"Text of lesson {m}.{n}", languages),
            )
    return course


def add_quiz(module: Module) -> list[QuizQuestion]:
    """Two questions: a single choice (the second option is right) and a short answer."""
    single = QuizQuestion.objects.create(
        module=module, position=1, kind="single", prompt_en="Which?", prompt_fr="Laquelle ?"
    )
    QuizOption.objects.create(
        question=single, position=1, text_en="Wrong", text_fr="Faux", feedback_en="No: see 1.1",
        feedback_fr="Non : voir 1.1",
    )  # fmt: skip
    QuizOption.objects.create(
        question=single, position=2, text_en="Right", text_fr="Juste", is_correct=True,
        feedback_en="Yes", feedback_fr="Oui",
    )  # fmt: skip
    short = QuizQuestion.objects.create(
        module=module,
        position=2,
        kind="short",
        prompt_en="Which country decriminalised in 2001?",
        prompt_fr="Quel pays a décriminalisé en 2001 ?",
        accepted_answers_en="Portugal",
        accepted_answers_fr="Portugal",
    )
    return [single, short]


def make_learner(email: str = "ana@example.org", **fields: Any) -> Learner:
    return Learner.objects.create(email=email, name=fields.pop("name", "Ana Example"), **fields)
