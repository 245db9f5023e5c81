"""What states say and vote in UN forums, and how each statement is coded for support of reform.

Countries are always the core ``Country`` row (ISO 3166), never a name, so a renamed state
(Turkey → Türkiye) keeps one history. Stated totals are stored beside the per-country list so
that a disagreement between the two is kept and shown rather than silently corrected.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from vigie.core.i18n import localized
from vigie.core.models import Country, Sourced


class Forum(models.Model):
    """A UN body where states speak and vote (CND, Human Rights Council, General Assembly…)."""

    code = models.SlugField(_("code"), max_length=20, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_fr = models.CharField(_("name (French)"), max_length=200)
    name_es = models.CharField(_("name (Spanish)"), max_length=200)
    abbreviation = models.CharField(_("abbreviation"), max_length=20)

    class Meta:
        verbose_name = _("forum")
        verbose_name_plural = _("forums")
        ordering = ["abbreviation"]

    def __str__(self) -> str:
        return self.abbreviation

    @property
    def name(self) -> str:
        return localized(self, "name")


class Session(Sourced):
    """One session of a forum (e.g. the CND 68th session), with its members where known.

    ``membership_known`` is true only when the full list of members of the body for this session
    is loaded with a source; otherwise the membership check reports "unknown" rather than guess.
    """

    forum = models.ForeignKey(
        Forum, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("forum")
    )
    label = models.CharField(_("label"), max_length=120)
    number = models.PositiveSmallIntegerField(_("number"), null=True, blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    place = models.CharField(_("place"), max_length=120, blank=True)
    membership_known = models.BooleanField(_("full membership known"), default=False)
    members = models.ManyToManyField(
        Country, blank=True, related_name="un_sessions", verbose_name=_("members of the body")
    )

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["-start_date", "label"]
        constraints = [
            models.UniqueConstraint(fields=["forum", "label"], name="un_session_unique_label"),
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="un_session_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    def get_absolute_url(self) -> str:
        return reverse("un:session", args=[self.pk])


class Meeting(models.Model):
    """One meeting slot of a session: a date and an agenda item."""

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("session")
    )
    date = models.DateField(_("date"))
    agenda_item = models.CharField(_("agenda item"), max_length=300)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["date", "agenda_item"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "date", "agenda_item"], name="un_meeting_unique_slot"
            )
        ]

    def __str__(self) -> str:
        return f"{self.session} · {self.date} · {self.agenda_item}"


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
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="un_statements",
        verbose_name=_("country"),
    )
    speaker_name = models.CharField(_("speaker"), max_length=200, blank=True)
    on_behalf_of = models.CharField(_("on behalf of"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    summary = models.TextField(_("summary (not verbatim)"))
    source_url = models.URLField(_("source"), max_length=1000)
    video_url = models.URLField(_("video"), max_length=1000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
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
    delivered_by = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("delivered by"),
    )
    summary = models.TextField(_("summary (not verbatim)"))
    stated_signatories = models.PositiveSmallIntegerField(
        _("stated number of signatories"), null=True, blank=True
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("joint statement")
        verbose_name_plural = _("joint statements")
        ordering = ["-date", "title"]

    def __str__(self) -> str:
        return self.title


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


class VoteScope(models.TextChoices):
    WHOLE = "whole", _("Whole text")
    PARAGRAPH = "paragraph", _("Paragraph")
    AMENDMENT = "amendment", _("Amendment")


class Vote(Sourced):
    """A recorded vote, with the totals as stated by the chair or the report."""

    code = models.CharField(_("identifier"), max_length=80, unique=True)
    session = models.ForeignKey(
        Session, on_delete=models.PROTECT, related_name="votes", verbose_name=_("session")
    )
    date = models.DateField(_("date"))
    date_is_approximate = models.BooleanField(_("only the month is known"), default=False)
    kind = models.CharField(_("kind of decision"), max_length=80)
    scope = models.CharField(
        _("what was voted"), max_length=10, choices=VoteScope.choices, default=VoteScope.WHOLE
    )
    draft_symbol = models.CharField(_("draft symbol"), max_length=120, blank=True)
    adopted_symbol = models.CharField(_("adopted symbol"), max_length=120, blank=True)
    title = models.CharField(_("title"), max_length=400)
    requested_by = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vote requested by"),
    )
    stated_yes = models.PositiveSmallIntegerField(_("stated yes"))
    stated_no = models.PositiveSmallIntegerField(_("stated no"))
    stated_abstain = models.PositiveSmallIntegerField(_("stated abstentions"))
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("recorded vote")
        verbose_name_plural = _("recorded votes")
        ordering = ["-date", "code"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("un:vote", args=[self.pk])


class Ballot(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    ABSTAIN = "abstain", _("Abstain")
    ABSENT = "absent", _("Absent")
    NON_MEMBER = "non_member", _("Not a member of the body")


class CountryVote(models.Model):
    """How one country voted; a country appears at most once per vote (a database rule)."""

    vote = models.ForeignKey(
        Vote, on_delete=models.CASCADE, related_name="records", verbose_name=_("vote")
    )
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="un_votes", verbose_name=_("country")
    )
    ballot = models.CharField(_("vote"), max_length=10, choices=Ballot.choices)
    listed_name = models.CharField(_("name as listed"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("country vote")
        verbose_name_plural = _("country votes")
        ordering = ["country__name_en"]
        constraints = [
            models.UniqueConstraint(fields=["vote", "country"], name="un_country_votes_once")
        ]

    def __str__(self) -> str:
        return f"{self.country}: {self.ballot}"


class IssueSeverity(models.TextChoices):
    WARNING = "warning", _("Warning")
    UNKNOWN = "unknown", _("Cannot be checked")


class DataIssue(models.Model):
    """A problem found by the data-quality checks; recomputed whenever the vote changes."""

    vote = models.ForeignKey(
        Vote, on_delete=models.CASCADE, related_name="issues", verbose_name=_("vote")
    )
    rule = models.CharField(_("check"), max_length=40)
    severity = models.CharField(_("severity"), max_length=10, choices=IssueSeverity.choices)
    params = models.JSONField(_("details"), default=dict, blank=True)
    message = models.TextField(_("message (English)"))

    class Meta:
        verbose_name = _("data issue")
        verbose_name_plural = _("data issues")
        ordering = ["vote", "rule", "id"]

    def __str__(self) -> str:
        return self.message

    @property
    def text(self) -> str:
        """The issue in the active language."""
        from vigie.un.checks import describe

        return describe(self.rule, self.params)


class PositionCode(models.Model):
    """One step of the ordinal codebook scale: a higher rank is stronger support for reform."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    rank = models.SmallIntegerField(_("rank"), unique=True)
    label_en = models.CharField(_("label (English)"), max_length=200)
    label_fr = models.CharField(_("label (French)"), max_length=200)
    label_es = models.CharField(_("label (Spanish)"), max_length=200)
    description_en = models.TextField(_("description (English)"))
    description_fr = models.TextField(_("description (French)"))
    description_es = models.TextField(_("description (Spanish)"))

    class Meta:
        verbose_name = _("position code")
        verbose_name_plural = _("position codes")
        ordering = ["-rank"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return localized(self, "label")

    @property
    def description(self) -> str:
        return localized(self, "description")


class IssueTag(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    label_en = models.CharField(_("label (English)"), max_length=200)
    label_fr = models.CharField(_("label (French)"), max_length=200)
    label_es = models.CharField(_("label (Spanish)"), max_length=200)

    class Meta:
        verbose_name = _("issue tag")
        verbose_name_plural = _("issue tags")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return localized(self, "label")


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
    coder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("coder"),
    )
    coder_name = models.CharField(_("coder (as shipped)"), max_length=120, blank=True)
    verdict = models.CharField(
        _("second coding"),
        max_length=10,
        choices=ReviewVerdict.choices,
        default=ReviewVerdict.PENDING,
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("second coder"),
    )
    reviewer_position = models.ForeignKey(
        PositionCode,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("second coder's position"),
    )
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


class Milestone(Sourced):
    """A UN document or decision that bears on a dedicated human-rights mechanism on drugs."""

    code = models.CharField(_("identifier"), max_length=80, unique=True)
    date = models.DateField(_("date"))
    date_is_approximate = models.BooleanField(_("only the month is known"), default=False)
    body = models.CharField(_("body"), max_length=120)
    symbol = models.CharField(_("symbol"), max_length=120, blank=True)
    title = models.CharField(_("title"), max_length=400)
    summary = models.TextField(_("what it is"))
    is_dedicated_mechanism = models.BooleanField(
        _("is a dedicated mechanism reporting on human rights and drug policy"), default=False
    )
    why_not_mechanism = models.TextField(_("why it is not such a mechanism"), blank=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["date"]

    def __str__(self) -> str:
        return self.title
