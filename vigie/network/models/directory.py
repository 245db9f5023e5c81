"""Member organisations and who belongs to them.

Public profile fields are the only ones shown to readers (directory, profile pages, API); every
other field is private to the organisation's own members and the secretariat.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from vigie.core.models import Archivable, Country
from vigie.core.regions import Region

PUBLIC_ORGANISATION_FIELDS = (
    "id",
    "name",
    "slug",
    "org_type",
    "region",
    "website",
    "focus_areas",
    "languages",
    "summary_en",
    "summary_fr",
    "summary_es",
)


class OrganisationType(models.TextChoices):
    GRASSROOTS = "grassroots", _("Grassroots organisation")
    COMMUNITY_NETWORK = "community", _("Community-led network")
    NGO = "ngo", _("NGO")
    RESEARCH = "research", _("Research institution")
    INTERNATIONAL = "international", _("International organisation")


class MembershipStatus(models.TextChoices):
    APPLIED = "applied", _("Applied")
    MEMBER = "member", _("Member")
    LAPSED = "lapsed", _("Lapsed")


class Organisation(Archivable):
    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    org_type = models.CharField(_("type"), max_length=20, choices=OrganisationType.choices)
    focus_areas = models.CharField(
        _("focus areas"), max_length=300, blank=True, help_text=_("Comma-separated")
    )
    countries = models.ManyToManyField(
        Country,
        related_name="network_organisations",
        blank=True,
        verbose_name=_("countries of work"),
    )
    headquarters = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        related_name="network_headquartered",
        verbose_name=_("headquarters country"),
    )
    region = models.CharField(_("region"), max_length=3, choices=Region.choices)
    languages = models.CharField(
        _("working languages"), max_length=100, blank=True, help_text=_("Comma-separated")
    )
    website = models.URLField(_("website"), blank=True)
    summary = models.TextField(_("public summary"), blank=True, default="")
    status = models.CharField(
        _("membership status"), max_length=10, choices=MembershipStatus.choices
    )
    applied_on = models.DateField(_("applied on"))
    admitted_on = models.DateField(_("admitted on"), null=True, blank=True)
    lapsed_on = models.DateField(_("lapsed on"), null=True, blank=True)
    # Private fields: never in the directory, profile pages or API.
    annual_budget_band = models.CharField(_("annual budget band"), max_length=50, blank=True)
    private_notes = models.TextField(_("private notes"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="member") | models.Q(admitted_on__isnull=False),
                name="network_member_has_admission_date",
            ),
        ]
        indexes = [
            # The current members (directory, API): their page by name and count read the
            # index alone, as does the map's count per headquarters.
            models.Index(
                fields=["status", "archived_at", "name"], name="network_org_current_name_idx"
            ),
            models.Index(
                fields=["status", "archived_at", "headquarters"],
                name="network_org_current_hq_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def focus_list(self) -> list[str]:
        return [item.strip() for item in self.focus_areas.split(",") if item.strip()]


class Membership(models.Model):
    """The hook `vigie.core.roles.get_member_organisation_id` reads: one user, one organisation."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} → {self.organisation}"
