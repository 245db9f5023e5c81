"""Member surveys: a survey has versions (its questions) and rounds (when it is run).

Answers belong to organisations through their invitation and are private; the public sees them
only as aggregates over at least five organisations (see ``results.py``).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from vigie.core import lifecycle
from vigie.core.lifecycle import Lifecycle
from vigie.core.models import HashedLink


class Survey(models.Model):
    slug = models.SlugField(_("slug"), unique=True)
    title = models.CharField(_("title"), max_length=200, default="")
    description = models.TextField(_("description"), blank=True, default="")

    class Meta:
        ordering = ["slug"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")

    def __str__(self) -> str:
        return self.title  # the reader's language (browser tabs, headings)


class SurveyVersion(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))

    class Meta:
        ordering = ["survey", "number"]
        verbose_name = _("survey version")
        verbose_name_plural = _("survey versions")
        constraints = [
            models.UniqueConstraint(fields=["survey", "number"], name="surveys_unique_version")
        ]

    def __str__(self) -> str:
        return f"{self.survey} v{self.number}"


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    LIKERT = "likert", _("Likert scale")
    NUMBER = "number", _("Number")
    TEXT = "text", _("Text")
    COUNTRY = "country", _("Country")


CHOICE_KINDS = (QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.LIKERT)


class SurveyQuestion(models.Model):
    version = models.ForeignKey(SurveyVersion, on_delete=models.CASCADE, related_name="questions")
    code = models.SlugField(_("code"), max_length=60)
    position = models.PositiveSmallIntegerField(_("position"))
    kind = models.CharField(_("kind"), max_length=10, choices=QuestionKind.choices)
    text = models.TextField(_("text"), default="")
    required = models.BooleanField(_("required"), default=True)
    show_if = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="dependants",
        verbose_name=_("show only if this question"),
    )
    show_if_values = models.CharField(
        _("has one of these answers"),
        max_length=200,
        blank=True,
        help_text=_("Comma-separated codes"),
    )
    min_value = models.IntegerField(_("minimum"), null=True, blank=True)
    max_value = models.IntegerField(_("maximum"), null=True, blank=True)

    class Meta:
        ordering = ["version", "position"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="surveys_unique_question_code")
        ]

    def __str__(self) -> str:
        return self.code

    def trigger_values(self) -> set[str]:
        return {value.strip() for value in self.show_if_values.split(",") if value.strip()}


class Choice(models.Model):
    question = models.ForeignKey(SurveyQuestion, on_delete=models.CASCADE, related_name="choices")
    code = models.SlugField(_("code"), max_length=60)
    position = models.PositiveSmallIntegerField(_("position"))
    label = models.CharField(_("label"), max_length=200, default="")

    class Meta:
        ordering = ["question", "position"]
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        constraints = [
            models.UniqueConstraint(fields=["question", "code"], name="surveys_unique_choice_code")
        ]

    def __str__(self) -> str:
        return self.code


# Where a round is in its life: draft → open → closed → published (``services`` moves it).
RoundStatus = Lifecycle


class Round(models.Model):
    version = models.ForeignKey(SurveyVersion, on_delete=models.PROTECT, related_name="rounds")
    name = models.CharField(_("name"), max_length=100)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    status = models.CharField(
        _("status"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.DATED
    )

    class Meta:
        ordering = ["version__survey", "opens_on"]
        verbose_name = _("round")
        verbose_name_plural = _("rounds")
        constraints = [
            models.UniqueConstraint(fields=["version", "name"], name="surveys_unique_round_name"),
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="surveys_round_closes_after_opening",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.version.survey} · {self.name}"

    @property
    def survey(self) -> Survey:
        return self.version.survey

    def is_open(self) -> bool:
        return lifecycle.is_open(self.status, self.opens_on, self.closes_on)

    def is_closed(self) -> bool:
        return lifecycle.is_closed(self.status, self.closes_on)

    def is_published(self) -> bool:
        """Whether its results may be public: never while answers may still come in."""
        return lifecycle.is_published(self.status, self.closes_on)


class Invitation(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="invitations")
    organisation = models.ForeignKey(
        "network.Organisation", on_delete=models.PROTECT, related_name="survey_invitations"
    )
    reminders_sent = models.PositiveSmallIntegerField(_("reminders sent"), default=0)
    last_reminded_on = models.DateField(_("last reminded on"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "organisation"], name="surveys_one_invitation_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.round} · {self.organisation_id}"


class InvitationLink(HashedLink):
    """A personal link to answer for an organisation: only the SHA-256 hash of its token is kept.

    The token itself is mailed (or shown once to staff) and never stored; it expires when the
    round closes (``Round.is_closed``), whatever the date it was issued.
    """

    opens = "invitation"
    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="links")

    class Meta:
        verbose_name = _("personal link")
        verbose_name_plural = _("personal links")


class Response(models.Model):
    """One organisation's answers in one round (one per invitation, so one per organisation)."""

    invitation = models.OneToOneField(Invitation, on_delete=models.CASCADE, related_name="response")
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")

    def __str__(self) -> str:
        return str(self.invitation)


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(SurveyQuestion, on_delete=models.CASCADE, related_name="answers")
    value = models.JSONField()

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="surveys_one_answer_per_question"
            )
        ]

    def __str__(self) -> str:
        return f"{self.question.code}={self.value}"
