"""Support. Don't Punish: the Global Day of Action's sourced history, its yearly calls, the
applications partners send, their assessment and the grants that follow.

Learnt from grant managers such as Hypha (applications, reviews with a rubric, determinations),
written for partners with poor connections: an application can be filled offline and uploaded.
"""

import datetime
import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from vigie.core.models import HashedLink, Source, optional_country


class Qualifier(models.TextChoices):
    EXACT = "exact", _("exactly")
    AT_LEAST = "at_least", _("at least")
    MORE_THAN = "more_than", _("more than")


class FigureScope(models.TextChoices):
    EDITION = "edition", _("that year's Day of Action")
    SINCE_2013 = "since_2013", _("all Days of Action since 2013")


class DayFigure(models.Model):
    """Figures of the Global Day of Action as a public page states them (blank when not stated)."""

    year = models.PositiveSmallIntegerField(_("year"))
    scope = models.CharField(_("scope"), max_length=12, choices=FigureScope.choices)
    cities = models.PositiveIntegerField(_("cities"), null=True, blank=True)
    countries = models.PositiveIntegerField(_("countries"), null=True, blank=True)
    activities = models.PositiveIntegerField(_("activities"), null=True, blank=True)
    qualifier = models.CharField(_("qualifier"), max_length=10, choices=Qualifier.choices)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, verbose_name=_("source"))
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["year", "scope"]
        verbose_name = _("Day of Action figure")
        verbose_name_plural = _("Day of Action figures")
        constraints = [
            models.UniqueConstraint(fields=["year", "scope"], name="campaign_one_figure_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.year} ({self.scope})"


class Programme(models.TextChoices):
    SMALL_GRANTS = "small_grants", _("Small Grants Programme")
    INITIATIVES = "initiatives", _("Initiatives Programme")


@dataclass(frozen=True)
class ProgrammeRules:
    """What one award and one call of a programme may be, beyond the call's envelope."""

    min_award_usd: Decimal | None = None
    max_award_usd: Decimal | None = None
    max_grants: int | None = None


# The Initiatives Programme funds up to 7 partners with US$4,000–5,000 each (the campaign's call
# for expressions of interest, supportdontpunish.org; see data/campaign/SOURCES.md). Small grants
# are bounded by the envelope alone (about US$450 on average, not a rule).
PROGRAMME_RULES: dict[str, ProgrammeRules] = {
    Programme.SMALL_GRANTS: ProgrammeRules(),
    Programme.INITIATIVES: ProgrammeRules(
        min_award_usd=Decimal(4000), max_award_usd=Decimal(5000), max_grants=7
    ),
}


class Call(models.Model):
    """A yearly call for expressions of interest of one programme, with its phases and envelope.

    The questions beyond the fixed ones (plans, activities, contingency, cost, city) come from a
    survey version (the surveys app's questions, skip logic and translations).
    """

    year = models.PositiveSmallIntegerField(_("year"))
    programme = models.CharField(_("programme"), max_length=20, choices=Programme.choices)
    title = models.CharField(_("title"), max_length=200, default="")  # translated
    introduction = models.TextField(_("introduction"), blank=True, default="")  # translated
    questions_version_id = models.PositiveIntegerField(
        _("survey version of the extra questions"), null=True, blank=True
    )
    opens_at = models.DateTimeField(_("submissions open"))
    closes_at = models.DateTimeField(_("submission deadline"))
    assessment_starts_on = models.DateField(_("assessment starts"))
    assessment_ends_on = models.DateField(_("assessment ends"))
    notification_on = models.DateField(_("notification of support"))
    disbursement_starts_on = models.DateField(_("disbursement starts"))
    disbursement_ends_on = models.DateField(_("disbursement ends"))
    day_on = models.DateField(_("Global Day of Action"))
    feedback_starts_on = models.DateField(_("feedback starts"))
    feedback_ends_on = models.DateField(_("feedback ends"))
    envelope_usd = models.DecimalField(
        _("budget envelope (USD)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
    )

    class Meta:
        ordering = ["-year", "programme"]
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        constraints = [
            models.UniqueConstraint(fields=["year", "programme"], name="campaign_one_call"),
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="campaign_call_closes_after_opening",
            ),
            models.CheckConstraint(
                condition=models.Q(envelope_usd__gte=0), name="campaign_envelope_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} · {self.get_programme_display()}"

    def is_open(self, now: datetime.datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now <= self.closes_at


class CurrencyRate(models.Model):
    """The rate staff set for a call: how many units of a local currency make one US dollar."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="rates")
    currency = models.CharField(_("currency (ISO 4217)"), max_length=3)
    units_per_usd = models.DecimalField(
        _("units per US dollar"),
        max_digits=14,
        decimal_places=4,
        validators=[MinValueValidator(Decimal("0.0001"))],
    )

    class Meta:
        ordering = ["call", "currency"]
        verbose_name = _("currency rate")
        verbose_name_plural = _("currency rates")
        constraints = [
            models.UniqueConstraint(fields=["call", "currency"], name="campaign_one_rate"),
            models.CheckConstraint(
                condition=models.Q(units_per_usd__gt=0), name="campaign_rate_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.currency} {self.units_per_usd}/USD"


class ActionKind(models.TextChoices):
    DEMONSTRATION = "demonstration", _("Demonstration or march")
    DISCUSSION = "discussion", _("Panel or public discussion")
    ADVOCACY = "advocacy", _("Meeting with policy makers")
    SCREENING = "screening", _("Film screening")
    ARTS = "arts", _("Arts, music or theatre")
    SPORTS = "sports", _("Sports event")
    MEDIA = "media", _("Media work")
    ONLINE = "online", _("Online action")
    SERVICE = "service", _("Harm reduction outreach")
    OTHER = "other", _("Other")


class Application(models.Model):
    """An expression of interest: by a member organisation's person or by anyone with an email.

    Private to staff, to its two reviewers (unless conflicted) and to the applicant.
    """

    # In context: other apps say "Submitted" of other things ("Enviadas", of survey answers).
    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("application", "Draft")
        SUBMITTED = "submitted", pgettext_lazy("application", "Submitted")
        APPROVED = "approved", pgettext_lazy("application", "Approved")
        DECLINED = "declined", pgettext_lazy("application", "Declined")

    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="applications")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="campaign_applications",
    )
    contact_name = models.CharField(_("your name"), max_length=200)
    email = models.EmailField(_("email"))
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    time_zone = models.CharField(_("time zone"), max_length=60, default="UTC")
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    publish_organisation = models.BooleanField(
        _("the organisation's name may be published with the action"), default=False
    )
    title = models.CharField(_("name of the activities"), max_length=200, blank=True)
    plans = models.TextField(_("plans (about 150 words)"), blank=True)
    kind = models.CharField(
        _("kind of action"), max_length=20, choices=ActionKind.choices, blank=True
    )
    contingency = models.TextField(_("contingency plan"), blank=True)
    country = optional_country(_("country"), related_name=None)
    city_geonameid = models.PositiveIntegerField(
        _("GeoNames id of the city"), null=True, blank=True
    )
    city_name = models.CharField(_("city"), max_length=200, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    currency = models.CharField(_("currency (ISO 4217)"), max_length=3, blank=True)
    amount_local = models.DecimalField(
        _("rough cost in local currency"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    amount_usd = models.DecimalField(
        _("rough cost in US dollars"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    answers = models.JSONField(_("answers to the call's questions"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    received_offline = models.BooleanField(_("received as an offline form"), default=False)
    awarded_usd = models.DecimalField(
        _("amount awarded (USD)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    feedback_reminded_on = models.DateField(_("last reminded of the report"), null=True, blank=True)

    class Meta:
        ordering = ["call", "created_at"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="approved") | models.Q(awarded_usd__gt=0),
                name="campaign_approved_has_amount",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.call} · {self.title or self.pk}"


class ApplicationLink(HashedLink):
    """A magic link to an application: only the SHA-256 hash of its token is kept."""

    opens = "application_id"
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="links")

    class Meta:
        verbose_name = _("application link")
        verbose_name_plural = _("application links")


class ApplicationReview(models.Model):
    """One reviewer's assessment of one application: rubric scores and notes, or a conflict."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="campaign_reviews"
    )
    conflict_declared = models.BooleanField(_("conflict of interest declared"), default=False)
    conflict_reason = models.TextField(_("nature of the conflict"), blank=True)
    scores = models.JSONField(_("scores"), default=dict, blank=True)
    notes = models.TextField(_("reviewer's notes"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        ordering = ["application", "pk"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"], name="campaign_one_review_per_reviewer"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application_id} · {self.reviewer_id}"


class DisbursementMethod(models.TextChoices):
    BANK = "bank", _("Bank transfer")
    MOBILE = "mobile", _("Mobile money")
    TRANSFER_SERVICE = "transfer_service", _("Money transfer service")
    PARTNER = "partner", _("Through a partner organisation")


class Disbursement(models.Model):
    """A payment of an approved grant (a grant may be paid in several instalments)."""

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="disbursements"
    )
    amount_usd = models.DecimalField(_("amount (USD)"), max_digits=12, decimal_places=2)
    paid_on = models.DateField(_("paid on"))
    method = models.CharField(_("method"), max_length=20, choices=DisbursementMethod.choices)
    reference = models.CharField(_("reference"), max_length=100, blank=True)

    class Meta:
        ordering = ["application", "paid_on"]
        verbose_name = _("disbursement")
        verbose_name_plural = _("disbursements")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_usd__gt=0), name="campaign_disbursement_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application_id} · {self.amount_usd} · {self.paid_on}"


class FeedbackReport(models.Model):
    """What the partner tells after the Day: what happened, how many took part."""

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="feedback"
    )
    narrative = models.TextField(_("what happened"))
    participants = models.PositiveIntegerField(_("participants"))
    submitted_at = models.DateTimeField(_("submitted at"), auto_now=True)

    class Meta:
        verbose_name = _("feedback report")
        verbose_name_plural = _("feedback reports")

    def __str__(self) -> str:
        return str(self.application)


def _photo_path(instance: "ActionPhoto", filename: str) -> str:
    """A random name: a photo not cleared for publication cannot be guessed from its title."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"campaign/photos/{uuid.uuid4().hex}.{extension}"


class ActionPhoto(models.Model):
    report = models.ForeignKey(FeedbackReport, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(_("photo"), upload_to=_photo_path)
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    consent_to_publish = models.BooleanField(
        _("the people shown agreed to its publication"), default=False
    )

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self) -> str:
        return self.caption or self.image.name


class CoverageLink(models.Model):
    """Media coverage of the action, as the partner reports it; staff add it to the network's
    coverage log (with the tone they judge) from the grant's page."""

    report = models.ForeignKey(FeedbackReport, on_delete=models.CASCADE, related_name="coverage")
    url = models.URLField(_("link"), max_length=1000)
    outlet = models.CharField(_("media outlet"), max_length=200)
    published_on = models.DateField(_("published on"))
    logged_at = models.DateTimeField(_("added to the coverage log"), null=True, blank=True)

    class Meta:
        verbose_name = _("coverage link")
        verbose_name_plural = _("coverage links")

    def __str__(self) -> str:
        return self.url
