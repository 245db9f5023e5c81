"""What states say: statements in meetings, joint statements and their signatories."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from vigie.core.models import Country, Sourced, optional_country, optional_user
from vigie.un.models.forums import Meeting, Session


class SpeakerKind(models.TextChoices):
    STATE = "state", _("Member state")
    OBSERVER = "observer", _("Observer state")
    GROUP = "group", _("Group of states")
    UN_ENTITY = "un_entity", _("UN entity")
    NGO = "ngo", _("Non-governmental organisation")


class Statement(Sourced):
    """A statement made in a meeting, as a summary that is not a verbatim record."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="statements", verbose_name=_("meeting")
    )
    speaker_kind = models.CharField(
        _("speaker kind"), max_length=12, choices=SpeakerKind.choices, default=SpeakerKind.STATE
    )
    country = optional_country(_("country"), related_name="un_statements")
    speaker_name = models.CharField(_("speaker"), max_length=200, blank=True)
    on_behalf_of = models.CharField(_("on behalf of"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    summary = models.TextField(_("summary (not verbatim)"))
    source_url = models.URLField(_("source"), max_length=1000)
    video_url = models.URLField(_("video"), max_length=1000, blank=True)
    created_by = optional_user(_("entered by"))
    created_at = models.DateTimeField(_("entered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        ordering = ["meeting__date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(speaker_kind__in=["state", "observer"])
                | models.Q(country__isnull=False),
                name="un_statement_state_has_country",
            ),
            models.CheckConstraint(
                condition=models.Q(country__isnull=False) | ~models.Q(speaker_name=""),
                name="un_statement_has_speaker",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.speaker} · {self.meeting}"

    @property
    def speaker(self) -> str:
        return self.country.name if self.country else self.speaker_name


class JointStatement(Sourced):
    """A statement delivered on behalf of several states; each signatory is listed with a date."""

    session = models.ForeignKey(
        Session,
        on_delete=models.CASCADE,
        related_name="joint_statements",
        verbose_name=_("session"),
    )
    date = models.DateField(_("date"))
    code = models.CharField(_("identifier"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=300)
    delivered_by = optional_country(_("delivered by"))
    summary = models.TextField(_("summary (not verbatim)"))
    stated_signatories = models.PositiveSmallIntegerField(
        _("stated number of signatories"), null=True, blank=True
    )
    # When sources disagree on the number (60 vs 62), the highest stated; else empty.
    stated_signatories_max = models.PositiveSmallIntegerField(
        _("highest stated number of signatories"), null=True, blank=True
    )
    notes = models.TextField(_("notes"), blank=True)
    # Records that may be the same statement as this one, per conflicting sources (kept apart
    # until a source settles it).
    conflicts_with = models.ManyToManyField(
        "self", blank=True, symmetrical=True, verbose_name=_("conflicting records")
    )

    class Meta:
        verbose_name = _("joint statement")
        verbose_name_plural = _("joint statements")
        ordering = ["-date", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("un:joint_statement", args=[self.code])

    @property
    def stated_range(self) -> str:
        """The stated number of signatories, as a range when sources disagree ("60–62")."""
        if self.stated_signatories is None:
            return ""
        high = self.stated_signatories_max
        if high and high != self.stated_signatories:
            return f"{self.stated_signatories}–{high}"
        return str(self.stated_signatories)


class Signatory(models.Model):
    """A state that joined a joint statement, with the date it joined (late joiners count)."""

    joint_statement = models.ForeignKey(
        JointStatement,
        on_delete=models.CASCADE,
        related_name="signatories",
        verbose_name=_("joint statement"),
    )
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="+", verbose_name=_("country")
    )
    joined_on = models.DateField(_("joined on"))

    class Meta:
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")
        ordering = ["country__name_en"]
        constraints = [
            models.UniqueConstraint(fields=["joint_statement", "country"], name="un_signatory_once")
        ]

    def __str__(self) -> str:
        return f"{self.country} · {self.joint_statement}"
