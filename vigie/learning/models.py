"""Online courses: courses → modules → lessons, quizzes per module, learners and their progress,
certificates, cohorts.

Texts are translated with django-modeltranslation (``translation.py``); a course is offered in a
language only when the course and every one of its lessons have that language
(``services.course_languages``). Lesson bodies are Markdown, rendered and sanitised on display
(``vigie.learning.markup``). A learner is a person, with an account or only an email address
(reached by a personal link); progress is kept per lesson.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from vigie.core.models import HashedLink, optional_country
from vigie.core.uploads import validate_document


class Course(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    sources = models.TextField(
        _("sources"),
        blank=True,
        help_text=_("One address per line: the materials it is written from."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def __str__(self) -> str:
        return self.title or self.slug

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class Module(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="modules")
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    title = models.CharField(_("title"), max_length=200, blank=True)
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"), default=70, help_text=_("Share of quiz questions to answer right.")
    )
    webinar_event = models.SlugField(
        _("live webinar (event slug)"),
        max_length=80,
        blank=True,
        help_text=_("An event of the events app held as this module's live session."),
    )

    class Meta:
        ordering = ["course", "position", "pk"]
        verbose_name = _("module")
        verbose_name_plural = _("modules")

    def __str__(self) -> str:
        return self.title or f"{self.course.slug} #{self.position}"


class Lesson(models.Model):
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="lessons")
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    title = models.CharField(_("title"), max_length=200, blank=True)
    body = models.TextField(_("text (Markdown)"), blank=True)
    video_url = models.URLField(_("video link"), blank=True)
    transcript = models.TextField(_("video transcript"), blank=True)
    sources = models.TextField(_("sources"), blank=True, help_text=_("One address per line."))
    draft_for_review = models.BooleanField(
        _("text is a draft for review"),
        default=False,
        help_text=_("Shown to readers until the secretariat has reviewed the text."),
    )

    class Meta:
        ordering = ["module__position", "position", "pk"]
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    def __str__(self) -> str:
        return self.title or f"{self.module} · {self.position}"

    @property
    def source_list(self) -> list[str]:
        return [line.strip() for line in self.sources.splitlines() if line.strip()]


class LessonMaterial(models.Model):
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(_("title"), max_length=200)
    language = models.CharField(_("language"), max_length=2, blank=True, choices=settings.LANGUAGES)
    file = models.FileField(
        _("file"), upload_to="learning/materials/", validators=[validate_document]
    )

    class Meta:
        ordering = ["lesson", "title"]
        verbose_name = _("material")
        verbose_name_plural = _("materials")

    def __str__(self) -> str:
        return self.title


class QuizQuestion(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        SHORT = "short", _("Short answer")

    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.SINGLE)
    prompt = models.TextField(_("question"), blank=True)
    accepted_answers = models.TextField(
        _("accepted answers"),
        blank=True,
        help_text=_("Short answer: the accepted answers, one a line (case and accents ignored)."),
    )
    feedback = models.TextField(_("feedback"), blank=True)

    class Meta:
        ordering = ["module", "position", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.prompt[:60] or f"#{self.pk}"


class QuizOption(models.Model):
    question = models.ForeignKey(QuizQuestion, on_delete=models.CASCADE, related_name="options")
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    text = models.CharField(_("answer"), max_length=300, blank=True)
    is_correct = models.BooleanField(_("correct"), default=False)
    feedback = models.TextField(_("feedback"), blank=True)

    class Meta:
        ordering = ["question", "position", "pk"]
        verbose_name = _("option")
        verbose_name_plural = _("options")

    def __str__(self) -> str:
        return self.text


class Cohort(models.Model):
    """A dated run of a course: one module unlocks each week from the start date."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="cohorts")
    name = models.CharField(_("name"), max_length=120)
    starts_on = models.DateField(_("start date"))

    class Meta:
        ordering = ["course", "starts_on"]
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")

    def __str__(self) -> str:
        return f"{self.name} ({self.starts_on})"


class Learner(models.Model):
    """A person following courses: with an account, or only an email address."""

    email = models.EmailField(_("email"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="learner",
    )
    country = optional_country(_("country"), related_name=None, on_delete=models.SET_NULL)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("learner")
        verbose_name_plural = _("learners")

    def __str__(self) -> str:
        return self.name


class LearnerLink(HashedLink):
    """A personal link (magic link) by email: the token's hash only (core.tokens)."""

    learner = models.ForeignKey(Learner, on_delete=models.CASCADE, related_name="links")
    expires_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"link of {self.learner_id} until {self.expires_at:%Y-%m-%d}"


class Enrolment(models.Model):
    learner = models.ForeignKey(Learner, on_delete=models.CASCADE, related_name="enrolments")
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="enrolments")
    cohort = models.ForeignKey(
        Cohort, on_delete=models.SET_NULL, null=True, blank=True, related_name="enrolments"
    )
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    enrolled_at = models.DateTimeField(auto_now_add=True)
    last_lesson = models.ForeignKey(
        Lesson, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["learner", "course"], name="learning_one_enrolment")
        ]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")

    def __str__(self) -> str:
        return f"{self.learner} · {self.course}"


class LessonProgress(models.Model):
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="progress")
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="+")
    completed_at = models.DateTimeField()
    offline = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "lesson"], name="learning_progress_once")
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id} · lesson {self.lesson_id}"


class QuizAttempt(models.Model):
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attempts")
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="attempts")
    score = models.PositiveSmallIntegerField()
    passed = models.BooleanField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.module_id}: {self.score}%"


class AnswerRecord(models.Model):
    """One question of one attempt: what was given and whether it was right."""

    attempt = models.ForeignKey(QuizAttempt, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(QuizQuestion, on_delete=models.CASCADE, related_name="+")
    given = models.TextField(blank=True)
    correct = models.BooleanField()

    def __str__(self) -> str:
        return f"{self.question_id}: {'right' if self.correct else 'wrong'}"


class Certificate(models.Model):
    enrolment = models.OneToOneField(
        Enrolment, on_delete=models.CASCADE, related_name="certificate"
    )
    code = models.CharField(max_length=20, unique=True)
    language = models.CharField(max_length=2, choices=settings.LANGUAGES)
    learner_name = models.CharField(max_length=200)
    course_title = models.CharField(max_length=200)
    issued_on = models.DateField()

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self) -> str:
        return self.code
