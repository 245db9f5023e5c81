"""Policy measures of the atlas, the reference-model criteria, assessments and versions.

A measure is an event with a validity interval attached to one jurisdiction (a country, or a
sub-national unit of it). Reversals are measures too, so that history and net counts can be read
from the same table. Criteria are rows, not code, so the reference model can evolve with sources.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from vigie.core.models import Country, Sourced, Subdivision, optional_link, optional_user


class Kind(models.TextChoices):
    DECRIM_DE_JURE = "decrim_de_jure", _("De jure decriminalisation")
    DECRIM_DE_FACTO = "decrim_de_facto", _("De facto decriminalisation / depenalisation")
    COURT_RULING = "court_ruling", _("Court ruling")
    REGULATION_ADULT = "regulation_adult", _("Legal regulation for adult use")
    REGULATION_MEDICAL = "regulation_medical", _("Medical-only regulation")
    PILOT = "pilot", _("Pilot")
    REVERSAL = "reversal", _("Re-criminalisation / reversal")


#: Kinds that remove criminal punishment for personal use; they count as decriminalisation.
DECRIMINALISING_KINDS = (Kind.DECRIM_DE_JURE, Kind.DECRIM_DE_FACTO, Kind.COURT_RULING)
#: Kinds that set up a legal supply or possession regime for adults.
REGULATING_KINDS = (Kind.REGULATION_ADULT, Kind.PILOT)
#: Strength used to colour the map: the highest kind in force wins.
KIND_STRENGTH = {
    Kind.REVERSAL: 1,
    Kind.REGULATION_MEDICAL: 2,
    Kind.PILOT: 3,
    Kind.DECRIM_DE_FACTO: 4,
    Kind.COURT_RULING: 5,
    Kind.DECRIM_DE_JURE: 6,
    Kind.REGULATION_ADULT: 7,
}


class Status(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ADOPTED = "adopted", _("Adopted")
    IN_FORCE = "in_force", _("In force")
    SUSPENDED = "suspended", _("Suspended")
    REPEALED = "repealed", _("Repealed or ended")


class SubstanceScope(models.TextChoices):
    ALL = "all", _("All drugs")
    CANNABIS = "cannabis", _("Cannabis")
    NAMED = "named", _("Named substances")


class Sanction(models.TextChoices):
    NONE = "none", _("None")
    ADMINISTRATIVE = "administrative", _("Administrative")
    FINE = "fine", _("Fine")
    REFERRAL = "referral", _("Referral to health or social services")
    CRIMINAL = "criminal", _("Criminal")
    UNKNOWN = "unknown", _("Not recorded")


class Verification(models.TextChoices):
    VERIFIED = "verified", _("Sourced")
    PARTLY = "partly", _("Sourced, with UNVERIFIED parts")
    UNVERIFIED = "unverified", _("UNVERIFIED")


class Precision(models.TextChoices):
    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")


class PolicyMeasure(Sourced):
    """One policy measure in one jurisdiction, with its dates, model features and sources."""

    code = models.SlugField(_("code"), max_length=80, unique=True)
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="atlas_measures", verbose_name=_("country")
    )
    subdivision = optional_link(
        Subdivision, _("sub-national jurisdiction"), related_name="atlas_measures"
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    substance_scope = models.CharField(
        _("substances"), max_length=10, choices=SubstanceScope.choices
    )
    substances = models.CharField(_("substances covered"), max_length=300, blank=True)
    proposed_on = models.DateField(_("proposed on"), null=True, blank=True)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    in_force_on = models.DateField(_("in force from"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    date_precision = models.CharField(
        _("date precision"), max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    sanction = models.CharField(
        _("sanction"), max_length=16, choices=Sanction.choices, default=Sanction.UNKNOWN
    )
    # False for substances no UN drug convention schedules (kratom): see COUNTING_RULE.
    under_international_control = models.BooleanField(
        _("covers a substance under international control"), default=True
    )
    police_may_seize = models.BooleanField(
        _("police may still seize or record"), null=True, blank=True
    )
    thresholds = models.TextField(_("threshold quantities"), blank=True)
    expungement = models.BooleanField(_("expungement of past records"), default=False)
    equity_licensing = models.BooleanField(_("equity licensing"), default=False)
    community_reinvestment = models.BooleanField(_("community reinvestment"), default=False)
    corporate_capture_limits = models.BooleanField(_("limits on corporate capture"), default=False)
    reverses = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reversed_by",
        verbose_name=_("reverses"),
    )
    verification = models.CharField(_("verification"), max_length=10, choices=Verification.choices)
    summary = models.TextField(_("summary"), default="")
    notes = models.TextField(_("notes (original wording of the sources)"), blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("policy measure")
        verbose_name_plural = _("policy measures")
        ordering = ["country__name_en", "adopted_on", "code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(in_force_on__isnull=True)
                | models.Q(ended_on__gte=models.F("in_force_on")),
                name="atlas_measure_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(in_force_on__isnull=True)
                | models.Q(adopted_on__isnull=True)
                | models.Q(in_force_on__gte=models.F("adopted_on")),
                name="atlas_measure_in_force_after_adoption",
            ),
            models.CheckConstraint(
                condition=models.Q(adopted_on__isnull=True)
                | models.Q(proposed_on__isnull=True)
                | models.Q(adopted_on__gte=models.F("proposed_on")),
                name="atlas_measure_adopted_after_proposal",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.jurisdiction_name}: {self.title}"

    @property
    def jurisdiction_code(self) -> str:
        return self.subdivision.code if self.subdivision is not None else self.country.iso2

    @property
    def jurisdiction_name(self) -> str:
        return self.subdivision.name if self.subdivision is not None else self.country.name

    @property
    def has_social_justice_components(self) -> bool:
        return any(
            (
                self.expungement,
                self.equity_licensing,
                self.community_reinvestment,
                self.corporate_capture_limits,
            )
        )

    def get_absolute_url(self) -> str:
        return reverse("atlas:measure", args=[self.code])


class Criterion(models.Model):
    """One criterion of the network's reference model, stored as data with its sources."""

    class AppliesTo(models.TextChoices):
        DECRIMINALISATION = "decriminalisation", _("Decriminalisation")
        REGULATION = "regulation", _("Legal regulation")

    code = models.CharField(_("code"), max_length=10, unique=True)
    applies_to = models.CharField(_("applies to"), max_length=20, choices=AppliesTo.choices)
    title = models.CharField(_("title"), max_length=200, default="")
    description = models.TextField(_("description"), default="")
    verified = models.BooleanField(_("verified as a criterion of the network"), default=True)
    source_urls = models.TextField(_("sources (one address per line)"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("reference-model criterion")
        verbose_name_plural = _("reference-model criteria")
        ordering = ["applies_to", "position"]

    def __str__(self) -> str:
        return f"{self.code} {self.title_en}"

    @property
    def sources(self) -> list[str]:
        return [line.strip() for line in self.source_urls.splitlines() if line.strip()]


class Rating(models.TextChoices):
    MET = "met", _("Met")
    PARTLY = "partly", _("Partly met")
    NOT_MET = "not_met", _("Not met")
    UNKNOWN = "unknown", _("Unknown")


RATING_POINTS = {Rating.MET: 1.0, Rating.PARTLY: 0.5, Rating.NOT_MET: 0.0}


class Assessment(models.Model):
    """How one measure fares against one criterion, with the reason."""

    measure = models.ForeignKey(
        PolicyMeasure,
        on_delete=models.CASCADE,
        related_name="assessments",
        verbose_name=_("measure"),
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="assessments", verbose_name=_("criterion")
    )
    rating = models.CharField(_("rating"), max_length=8, choices=Rating.choices)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["criterion__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "criterion"], name="atlas_assessment_once_per_criterion"
            )
        ]

    def __str__(self) -> str:
        return f"{self.measure.code} {self.criterion.code}: {self.rating}"


class MeasureVersion(models.Model):
    """A snapshot of a measure after each change: who, when, what; the basis of revert.

    ``measure_code`` is kept as text so that the history of a deleted measure survives it.
    """

    measure_code = models.CharField(_("measure code"), max_length=80, db_index=True)
    number = models.PositiveIntegerField(_("version"))
    action = models.CharField(_("action"), max_length=20)
    actor = optional_user(_("changed by"), related_name=None)
    created_at = models.DateTimeField(_("changed at"), auto_now_add=True)
    snapshot = models.JSONField(_("snapshot"))
    changes = models.JSONField(_("changed fields"), default=dict)

    class Meta:
        verbose_name = _("measure version")
        verbose_name_plural = _("measure versions")
        ordering = ["measure_code", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure_code", "number"], name="atlas_version_number_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.measure_code} v{self.number}"


# The written rule on substances outside international control; shown on the atlas pages, stated
# in docs/atlas.md, applied by atlas.queries (counts and the map) through ``counted_measures``.
COUNTING_RULE = _(
    "Substances not under international control (for example kratom, which none of the 1961, "
    "1971 and 1988 UN conventions schedules): the atlas records and shows measures on them, "
    "marked “not under international control”, but does not count them. They are left out of "
    "the counts of decriminalising and regulating jurisdictions, of the strategy's measures of "
    "success and of the map's colours, because the atlas measures departures from the "
    "international control regime, and a substance the regime does not control has none. A "
    "measure that covers both controlled and uncontrolled substances counts for the controlled "
    "ones."
)
