"""Index editions: a spec, its indicator data and every computed result, or published scores.

An edition is immutable once published: a new upload after publication makes a new version of
the same family, and the old version stays readable. Computed results are stored (per unit,
and every stage of the pipeline as JSON) so that pages never recompute on read.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from vigie.core.i18n import from_mapping
from vigie.core.models import Sourced, optional_country, optional_user


class Edition(Sourced):
    class Kind(models.TextChoices):
        COMPUTED = "computed", _("computed from indicator data")
        PUBLISHED = "published", _("published scores only")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        QUEUED = "queued", _("waiting to be computed")
        COMPUTING = "computing", _("computing")
        COMPUTED = "computed", _("computed, not published")
        FAILED = "failed", _("computation failed")
        PUBLISHED = "published", _("published")

    family = models.SlugField(_("family"), max_length=60)
    version = models.PositiveIntegerField(_("version"), default=1)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    is_demonstration = models.BooleanField(
        _("methodology demonstration"),
        default=False,
        help_text=_("Not drug-policy data: shown with a notice on every page."),
    )
    # Translated (translation.py): title_en, title_fr, title_es…
    title = models.CharField(_("title"), max_length=200, default="")
    description = models.TextField(_("description"), blank=True, default="")
    licence = models.CharField(_("licence"), max_length=200, blank=True)
    spec_toml = models.TextField(_("specification (TOML)"), blank=True)
    input_csv = models.TextField(_("indicator data (CSV)"), blank=True)
    inputs_are_open = models.BooleanField(_("indicator data may be published"), default=False)
    dimensions = models.JSONField(
        _("dimensions"),
        default=list,
        blank=True,
        help_text=_("Top-level components: code and names in English, French and Spanish."),
    )
    index_method = models.CharField(_("index aggregation"), max_length=20, default="arithmetic")
    dimension_weights = models.JSONField(_("dimension weights"), default=dict, blank=True)
    stages = models.JSONField(_("computed stages"), default=dict, blank=True)
    uncertainty_replications = models.PositiveIntegerField(_("uncertainty replications"), default=0)
    indistinguishable = models.JSONField(_("indistinguishable ranks"), default=list, blank=True)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    progress_message = models.CharField(_("progress"), max_length=200, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    computed_at = models.DateTimeField(_("computed at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_by = optional_user(_("created by"), related_name=None)

    class Meta:
        verbose_name = _("index edition")
        verbose_name_plural = _("index editions")
        ordering = ["-year", "family", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["family", "version"], name="index_edition_version"),
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="index_edition_progress_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"

    @property
    def is_frozen(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def dimension_name(self, code: str) -> str:
        for dimension in self.dimensions:
            if dimension["code"] == code:
                return from_mapping(dimension, "name")
        return code

    def get_absolute_url(self) -> str:
        return reverse("index:edition", args=[self.slug])


class UnitResult(Sourced):
    """One unit's (country's) result in an edition, with the status of published figures."""

    class Status(models.TextChoices):
        COMPUTED = "computed", _("computed")
        VERIFIED = "verified", _("verified")
        RANK_CONFLICT = "rank_conflict", _("rank conflict")
        SCORE_CONFLICT = "score_conflict", _("score conflict")
        UNVERIFIED = "unverified", _("unverified")
        INCLUDED_NO_SCORE = "included_no_score", _("no score found")

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="units", verbose_name=_("edition")
    )
    unit_code = models.CharField(_("unit code"), max_length=20)
    name = models.CharField(_("name"), max_length=200)
    country = optional_country(
        _("country"), related_name="index_results", on_delete=models.SET_NULL
    )
    score = models.FloatField(_("score"), null=True, blank=True)
    rank = models.PositiveIntegerField(_("rank"), null=True, blank=True)
    dimension_scores = models.JSONField(_("dimension scores"), default=dict, blank=True)
    rank_median = models.FloatField(_("median rank"), null=True, blank=True)
    rank_q05 = models.FloatField(_("rank, 5th percentile"), null=True, blank=True)
    rank_q95 = models.FloatField(_("rank, 95th percentile"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.COMPUTED
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("unit result")
        verbose_name_plural = _("unit results")
        ordering = ["rank", "name"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "unit_code"], name="index_unit_once"),
        ]

    def __str__(self) -> str:
        return f"{self.name} — {self.edition}"

    @property
    def has_interval(self) -> bool:
        return self.rank_q05 is not None and self.rank_q95 is not None
