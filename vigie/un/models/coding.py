"""The codebook (position codes, issue tags) and the coding of each statement."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from vigie.core.models import optional_link, optional_user
from vigie.un.models.statements import JointStatement, Statement


class PositionCode(models.Model):
    """One step of the ordinal codebook scale: a higher rank is stronger support for reform."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    rank = models.SmallIntegerField(_("rank"), unique=True)
    label = models.CharField(_("label"), max_length=200, default="")
    description = models.TextField(_("description"), default="")

    class Meta:
        verbose_name = _("position code")
        verbose_name_plural = _("position codes")
        ordering = ["-rank"]

    def __str__(self) -> str:
        return self.label


class IssueTag(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    label = models.CharField(_("label"), max_length=200, default="")

    class Meta:
        verbose_name = _("issue tag")
        verbose_name_plural = _("issue tags")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.label


class ReviewVerdict(models.TextChoices):
    PENDING = "pending", _("Awaiting a second coder")
    CONFIRMED = "confirmed", _("Confirmed")
    DISPUTED = "disputed", _("Disputed")


class Coding(models.Model):
    """A position code given to a statement or a joint statement, with the passage behind it.

    A second coder confirms the code or disputes it with a code of their own; the pair of codes
    feeds the agreement statistic (Cohen's kappa) of the session.
    """

    statement = models.OneToOneField(
        Statement,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="coding",
        verbose_name=_("statement"),
    )
    joint_statement = models.OneToOneField(
        JointStatement,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="coding",
        verbose_name=_("joint statement"),
    )
    position = models.ForeignKey(
        PositionCode, on_delete=models.PROTECT, related_name="+", verbose_name=_("position")
    )
    tags = models.ManyToManyField(IssueTag, blank=True, verbose_name=_("issues"))
    evidence = models.TextField(_("quoted evidence"))
    coder = optional_user(_("coder"))
    coder_name = models.CharField(_("coder (as shipped)"), max_length=120, blank=True)
    verdict = models.CharField(
        _("second coding"),
        max_length=10,
        choices=ReviewVerdict.choices,
        default=ReviewVerdict.PENDING,
    )
    reviewer = optional_user(_("second coder"))
    reviewer_position = optional_link(PositionCode, _("second coder's position"))
    review_note = models.TextField(_("second coder's note"), blank=True)

    class Meta:
        verbose_name = _("coding")
        verbose_name_plural = _("codings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(statement__isnull=False, joint_statement__isnull=True)
                | models.Q(statement__isnull=True, joint_statement__isnull=False),
                name="un_coding_one_target",
            ),
            models.CheckConstraint(
                condition=models.Q(verdict="pending") | models.Q(reviewer_position__isnull=False),
                name="un_coding_review_has_position",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position.code}: {self.statement or self.joint_statement}"
