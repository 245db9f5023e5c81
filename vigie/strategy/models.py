"""The network's strategic plan as data: objectives, pillars, the activity matrix and measures.

A plan is a period with its vision and mission; the next plan (2028–) sits beside the current
one as another row, so history is never overwritten. Measures of success are either computed
live by a function of the registry (``vigie.strategy.computations``) or entered by hand with
evidence, for milestones that no table records.
"""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from vigie.core.models import Source, Sourced


class Plan(Sourced):
    code = models.SlugField(_("code"), max_length=20, unique=True)
    title = models.CharField(_("title"), max_length=200, default="")
    starts_year = models.PositiveSmallIntegerField(_("first year"))
    ends_year = models.PositiveSmallIntegerField(_("last year"))
    vision = models.TextField(_("vision"), blank=True, default="")
    mission = models.TextField(_("mission"), blank=True, default="")

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
        return self.title


class PlanPart(models.Model):
    """A numbered part of a plan (a pillar, an objective), its number unique in the plan.

    Each part declares its own ``plan`` link, for its related name (``plan.pillars``…).
    """

    number = models.PositiveSmallIntegerField(_("number"))

    class Meta:
        abstract = True
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"], name="%(app_label)s_%(class)s_unique"
            ),
        ]


class Pillar(PlanPart):
    """A pillar of work: a way the secretariat works, across every priority."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="pillars")
    name = models.CharField(_("name"), max_length=200, default="")
    description = models.TextField(_("description"), blank=True, default="")

    class Meta(PlanPart.Meta):
        verbose_name = _("pillar of work")
        verbose_name_plural = _("pillars of work")

    def __str__(self) -> str:
        return self.name


class Objective(PlanPart):
    """One objective of the plan and its priority area (the plan pairs them one to one)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="objectives")
    priority = models.CharField(_("priority area"), max_length=300, default="")
    goal = models.TextField(_("objective"), default="")

    class Meta(PlanPart.Meta):
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")

    def __str__(self) -> str:
        return self.priority


class Activity(models.Model):
    """A cell of the pillar × priority matrix: what one pillar plans for one priority."""

    pillar = models.ForeignKey(Pillar, on_delete=models.CASCADE, related_name="activities")
    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="activities")
    text = models.TextField(_("planned activities"), default="")

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
    name = models.CharField(_("name"), max_length=300, default="")
    definition = models.TextField(_("measure of success in the plan"), blank=True, default="")
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
        return self.name


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
    note = models.CharField(_("what happened"), max_length=300, default="")
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
