"""Countries, sub-national jurisdictions, sources and the audit trail shared by every app."""

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from vigie.core.regions import Region, SubRegion

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise


def optional_user(
    verbose_name: "str | _StrPromise", *, related_name: str | None = "+"
) -> "models.ForeignKey[Any, Any]":
    """The account that did something (entered, coded, archived…): the row keeps its other
    fields, with this one emptied, when the account is deleted."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name=related_name,
        verbose_name=verbose_name,
    )


class Country(models.Model):
    """An ISO 3166-1 country or territory, with its UN M49 region and UN membership.

    Other apps refer to a country by this row (never by name), so a change of a country's
    name never splits its history.
    """

    iso2 = models.CharField(_("ISO alpha-2"), max_length=2, unique=True)
    iso3 = models.CharField(_("ISO alpha-3"), max_length=3, unique=True)
    numeric = models.CharField(_("ISO numeric"), max_length=3, unique=True)
    name = models.CharField(_("name"), max_length=120, default="")  # translated: name_en…
    official_name = models.CharField(_("official name"), max_length=200, blank=True)
    region = models.CharField(_("region"), max_length=3, choices=Region.choices, blank=True)
    subregion = models.CharField(
        _("sub-region"), max_length=3, choices=SubRegion.choices, blank=True
    )
    is_un_member = models.BooleanField(_("UN member state"), default=False)
    un_member_since = models.PositiveSmallIntegerField(_("UN member since"), null=True, blank=True)

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["name_en"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_un_member=False) | models.Q(un_member_since__isnull=False),
                name="core_country_un_member_has_year",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Subdivision(models.Model):
    """An ISO 3166-2 sub-national jurisdiction (e.g. ``US-OR``), always a child of a country."""

    code = models.CharField(_("ISO 3166-2 code"), max_length=10, unique=True)
    country = models.ForeignKey(
        Country, on_delete=models.CASCADE, related_name="subdivisions", verbose_name=_("country")
    )
    name = models.CharField(_("name"), max_length=200)
    category = models.CharField(_("category"), max_length=80, blank=True)

    class Meta:
        verbose_name = _("sub-national jurisdiction")
        verbose_name_plural = _("sub-national jurisdictions")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.country.iso2})"


class Source(models.Model):
    """Where a fact comes from: every shipped or entered fact cites one or more sources."""

    url = models.URLField(_("address"), max_length=1000, unique=True)
    title = models.CharField(_("title"), max_length=500, blank=True)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    accessed_on = models.DateField(_("accessed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["publisher", "title", "url"]

    def __str__(self) -> str:
        return self.title or self.url


class Sourced(models.Model):
    """Mixin for a fact that cites its sources (an abstract model: one join table per fact)."""

    sources = models.ManyToManyField(
        Source, related_name="%(app_label)s_%(class)s_facts", blank=True, verbose_name=_("sources")
    )

    class Meta:
        abstract = True


class Archivable(models.Model):
    """Mixin for a row that carries history (organisations, contacts, events): it is archived,
    leaving public lists, instead of deleted (``core.services.archive``/``restore``)."""

    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)
    archived_by = optional_user(_("archived by"))

    class Meta:
        abstract = True


class AuditEntry(models.Model):
    """One recorded change to shared facts: who did what, when, with the changed fields."""

    action = models.CharField(_("action"), max_length=80)
    actor = optional_user(_("actor"), related_name=None)
    object_type = models.CharField(_("object type"), max_length=80)
    object_id = models.CharField(_("object id"), max_length=64)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.action} {self.object_type}:{self.object_id}"
