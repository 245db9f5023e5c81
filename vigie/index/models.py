"""Index editions, their framework dimensions and one result row per unit.

An edition keeps everything a page needs (the spec text, the uploaded indicator data, every
computed stage and the uncertainty intervals) so that reading a page never recomputes anything.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from vigie.core.i18n import localized
from vigie.core.models import Country, Source


class Dimension(models.Model):
    """A dimension of a framework (the GDPI has five), with its names in every language."""

    framework = models.CharField(_("framework"), max_length=20)
    code = models.SlugField(_("code"), max_length=60)
    order = models.PositiveSmallIntegerField(_("order"))
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_fr = models.CharField(_("name (French)"), max_length=200)
    name_es = models.CharField(_("name (Spanish)"), max_length=200)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    description_es = models.TextField(_("description (Spanish)"), blank=True)
    sources = models.ManyToManyField(Source, blank=True, related_name="+")

    class Meta:
        ordering = ["framework", "order"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="index_dimension_code")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name")


class Edition(models.Model):
    """One version of an index edition: draft → computed → published (then frozen)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        COMPUTING = "computing", _("Computing")
        COMPUTED = "computed", _("Computed")
        FAILED = "failed", _("Computation failed")
        PUBLISHED = "published", _("Published")

    class Kind(models.TextChoices):
        PUBLISHED_SCORES = "published_scores", _("Published scores only")
        COMPUTED = "computed", _("Computed from indicator data")

    slug = models.SlugField(_("slug"), max_length=80)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    is_demonstration = models.BooleanField(_("methodology demonstration"), default=False)
    framework = models.CharField(_("framework"), max_length=20, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_fr = models.CharField(_("title (French)"), max_length=200)
    title_es = models.CharField(_("title (Spanish)"), max_length=200)
    methodology_en = models.TextField(_("methodology (English)"), blank=True)
    methodology_fr = models.TextField(_("methodology (French)"), blank=True)
    methodology_es = models.TextField(_("methodology (Spanish)"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    spec_toml = models.TextField(_("specification (TOML)"), blank=True)
    inputs_csv = models.TextField(_("indicator data (CSV)"), blank=True)
    inputs_licensed = models.BooleanField(_("indicator data may be redistributed"), default=False)
    # The top-level aggregates shown as dimensions: [{"code", "name_en", "name_fr", "name_es"}].
    dimensions = models.JSONField(_("dimensions"), default=list, blank=True)
    # Every computed stage: {stage: {unit code: {column: value}}}; written once per computation.
    stages = models.JSONField(_("computed stages"), default=dict, blank=True)
    # Weights and aggregation method of the top level, so reweighting needs no recomputation.
    top_level = models.JSONField(_("top-level aggregation"), default=dict, blank=True)
    uncertainty = models.JSONField(_("uncertainty analysis"), default=dict, blank=True)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    progress_message = models.CharField(_("progress message"), max_length=200, blank=True)
    error = models.TextField(_("error"), blank=True)
    computed_at = models.DateTimeField(_("computed at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    previous = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="next_versions"
    )
    sources = models.ManyToManyField(Source, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "slug", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "version"], name="index_edition_version"),
            models.CheckConstraint(condition=Q(progress__lte=100), name="index_progress_max"),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="index_published_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"

    @property
    def title(self) -> str:
        return localized(self, "title")

    @property
    def methodology(self) -> str:
        return localized(self, "methodology")

    @property
    def is_frozen(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def has_uncertainty(self) -> bool:
        return bool(self.uncertainty)


class Result(models.Model):
    """One unit's scores and rank in one edition, with its status and sources."""

    class Status(models.TextChoices):
        VERIFIED = "verified", _("Verified")
        RANK_CONFLICT = "rank_conflict", _("Rank conflict")
        SCORE_CONFLICT = "score_conflict", _("Score conflict")
        UNVERIFIED = "unverified", _("Unverified")
        INCLUDED_NO_SCORE = "included_no_score", _("Included, no score found")
        COMPUTED = "computed", _("Computed")

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="results")
    unit_code = models.CharField(_("unit code"), max_length=20)
    unit_name = models.CharField(_("unit name"), max_length=200)
    country = models.ForeignKey(
        Country, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    rank = models.PositiveSmallIntegerField(_("rank"), null=True, blank=True)
    overall = models.FloatField(_("overall score"), null=True, blank=True)
    scores = models.JSONField(_("dimension scores"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    notes = models.TextField(_("notes"), blank=True)
    rank_low = models.FloatField(_("rank, 5th percentile"), null=True, blank=True)
    rank_median = models.FloatField(_("rank, median"), null=True, blank=True)
    rank_high = models.FloatField(_("rank, 95th percentile"), null=True, blank=True)
    sources = models.ManyToManyField(Source, blank=True, related_name="+")

    class Meta:
        ordering = ["edition", "rank", "unit_name"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "unit_code"], name="index_result_unit"),
            models.CheckConstraint(
                condition=Q(rank__isnull=True) | Q(rank__gte=1), name="index_rank_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit_name}: {self.overall}"

    @property
    def is_settled(self) -> bool:
        return self.status in (self.Status.VERIFIED, self.Status.COMPUTED)
