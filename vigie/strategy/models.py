"""The network's strategic plan as data: objectives, pillars, the activity matrix and measures.

A plan is a period with its vision and mission; the next plan (2028–) sits beside the current
one as another row, so history is never overwritten. Measures of success are either computed
live by a function of the registry (``vigie.strategy.computations``) or entered by hand with
evidence, for milestones that no table records.
"""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from vigie.core.i18n import localized
from vigie.core.models import Source, Sourced


class Plan(Sourced):
    code = models.SlugField(_("code"), max_length=20, unique=True)
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_fr = models.CharField(_("title (French)"), max_length=200, blank=True)
    title_es = models.CharField(_("title (Spanish)"), max_length=200, blank=True)
    starts_year = models.PositiveSmallIntegerField(_("first year"))
    ends_year = models.PositiveSmallIntegerField(_("last year"))
    vision_en = models.TextField(_("vision (English)"), blank=True)
    vision_fr = models.TextField(_("vision (French)"), blank=True)
    vision_es = models.TextField(_("vision (Spanish)"), blank=True)
    mission_en = models.TextField(_("mission (English)"), blank=True)
    mission_fr = models.TextField(_("mission (French)"), blank=True)
    mission_es = models.TextField(_("mission (Spanish)"), blank=True)

    class Meta:
        verbose_name = _("strategic plan")
        verbose_name_plural = _("strategic plans")
        ordering = ["-starts_year"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_year__gte=models.F("starts_year")),
                name="strategy_plan_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return localized(self, "title")


class Pillar(models.Model):
    """A pillar of work: a way the secretariat works, across every priority."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="pillars")
    number = models.PositiveSmallIntegerField(_("number"))
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_fr = models.CharField(_("name (French)"), max_length=200, blank=True)
    name_es = models.CharField(_("name (Spanish)"), max_length=200, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    description_es = models.TextField(_("description (Spanish)"), blank=True)

    class Meta:
        verbose_name = _("pillar of work")
        verbose_name_plural = _("pillars of work")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="strategy_pillar_unique"),
        ]

    def __str__(self) -> str:
        return localized(self, "name")


class Objective(models.Model):
    """One objective of the plan and its priority area (the plan pairs them one to one)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="objectives")
    number = models.PositiveSmallIntegerField(_("number"))
    priority_en = models.CharField(_("priority area (English)"), max_length=300)
    priority_fr = models.CharField(_("priority area (French)"), max_length=300, blank=True)
    priority_es = models.CharField(_("priority area (Spanish)"), max_length=300, blank=True)
    goal_en = models.TextField(_("objective (English)"))
    goal_fr = models.TextField(_("objective (French)"), blank=True)
    goal_es = models.TextField(_("objective (Spanish)"), blank=True)

    class Meta:
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="strategy_objective_unique"),
        ]

    def __str__(self) -> str:
        return localized(self, "priority")


class Activity(models.Model):
    """A cell of the pillar × priority matrix: what one pillar plans for one priority."""

    pillar = models.ForeignKey(Pillar, on_delete=models.CASCADE, related_name="activities")
    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="activities")
    text_en = models.TextField(_("planned activities (English)"))
    text_fr = models.TextField(_("planned activities (French)"), blank=True)
    text_es = models.TextField(_("planned activities (Spanish)"), blank=True)

    class Meta:
        verbose_name = _("planned activity")
        verbose_name_plural = _("planned activities")
        ordering = ["objective__number", "pillar__number"]
        constraints = [
            models.UniqueConstraint(fields=["pillar", "objective"], name="strategy_activity_cell"),
        ]

    def __str__(self) -> str:
        return f"{self.objective.number}.{self.pillar.number}"


class SuccessMeasure(models.Model):
    """A measure of success: a baseline, targets by year, and how its value is obtained."""

    class Unit(models.TextChoices):
        COUNT = "count", _("count")
        PERCENT = "percent", _("percentage")
        MILESTONE = "milestone", _("milestone (0 = not reached, 1 = reached)")

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="measures")
    code = models.SlugField(_("code"), max_length=60, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name_en = models.CharField(_("name (English)"), max_length=300)
    name_fr = models.CharField(_("name (French)"), max_length=300, blank=True)
    name_es = models.CharField(_("name (Spanish)"), max_length=300, blank=True)
    definition_en = models.TextField(_("measure of success in the plan (English)"), blank=True)
    definition_fr = models.TextField(_("measure of success in the plan (French)"), blank=True)
    definition_es = models.TextField(_("measure of success in the plan (Spanish)"), blank=True)
    computation = models.CharField(
        _("computation"),
        max_length=60,
        blank=True,
        help_text=_("A function of the registry; leave empty to enter values by hand."),
    )
    unit = models.CharField(_("unit"), max_length=12, choices=Unit.choices, default=Unit.COUNT)
    baseline_date = models.DateField(_("baseline date"))
    baseline_value = models.FloatField(
        _("baseline value"),
        null=True,
        blank=True,
        help_text=_("Leave empty when the computation gives the baseline (e.g. a survey round)."),
    )
    is_public = models.BooleanField(_("shown on the public dashboard"), default=False)

    class Meta:
        verbose_name = _("measure of success")
        verbose_name_plural = _("measures of success")
        ordering = ["objective__plan", "objective__number", "order"]

    def __str__(self) -> str:
        return localized(self, "name")


class Target(models.Model):
    measure = models.ForeignKey(SuccessMeasure, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.FloatField(_("target value"), validators=[MinValueValidator(0)])

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["measure", "year"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "year"], name="strategy_target_unique"),
            models.CheckConstraint(condition=models.Q(value__gte=0), name="strategy_target_gte0"),
        ]

    def __str__(self) -> str:
        return f"{self.measure.code} {self.year}: {self.value:g}"


class ManualValue(models.Model):
    """A value entered by hand with its evidence (e.g. the date a UN mechanism was created)."""

    measure = models.ForeignKey(
        SuccessMeasure, on_delete=models.CASCADE, related_name="manual_values"
    )
    date = models.DateField(_("date"))
    value = models.FloatField(_("value"))
    note_en = models.CharField(_("what happened (English)"), max_length=300)
    note_fr = models.CharField(_("what happened (French)"), max_length=300, blank=True)
    note_es = models.CharField(_("what happened (Spanish)"), max_length=300, blank=True)
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="+", verbose_name=_("evidence")
    )

    class Meta:
        verbose_name = _("value entered by hand")
        verbose_name_plural = _("values entered by hand")
        ordering = ["measure", "date"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "date"], name="strategy_manual_value_day"),
        ]

    def __str__(self) -> str:
        return f"{self.measure.code} {self.date}: {self.value:g}"
