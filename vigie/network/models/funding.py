"""The funding register: funders of the sector and their grants."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from vigie.network.models.directory import Organisation


class FunderKind(models.TextChoices):
    GOVERNMENT = "government", _("Government")
    FOUNDATION = "foundation", _("Foundation")
    MULTILATERAL = "multilateral", _("Multilateral")
    PRIVATE = "private", _("Private")


class SizeBand(models.TextChoices):
    SMALL = "small", _("Under 50,000 USD a year")
    MEDIUM = "medium", _("50,000–250,000 USD a year")
    MAJOR = "major", _("Over 250,000 USD a year")


class Funder(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=FunderKind.choices)
    first_seen_on = models.DateField(
        _("first seen on"),
        help_text=_("When the network first recorded support from this funder to the sector"),
    )
    in_baseline = models.BooleanField(
        _("in the 2024 baseline"),
        default=False,
        help_text=_("Reported by members in the 2024 funding baseline"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("funder")
        verbose_name_plural = _("funders")

    def __str__(self) -> str:
        return self.name


class SupportKind(models.TextChoices):
    CORE = "core", _("Core funding")
    PROJECT = "project", _("Project funding")
    IN_KIND = "in_kind", _("In-kind support")


class Grant(models.Model):
    funder = models.ForeignKey(Funder, on_delete=models.CASCADE, related_name="grants")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="grants"
    )
    programme = models.CharField(_("programme"), max_length=200, blank=True)
    kind = models.CharField(_("kind of support"), max_length=20, choices=SupportKind.choices)
    size_band = models.CharField(_("size band"), max_length=20, choices=SizeBand.choices)
    started_on = models.DateField(_("started on"))
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["-started_on"]
        verbose_name = _("grant")
        verbose_name_plural = _("grants")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(organisation__isnull=False) | ~models.Q(programme=""),
                name="network_grant_has_recipient",
            )
        ]

    def __str__(self) -> str:
        return f"{self.funder} → {self.organisation or self.programme}"
