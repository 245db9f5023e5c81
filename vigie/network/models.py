"""Member organisations and the network's working registers: contacts, media, funding, mentoring.

Public profile fields are the only ones shown to readers (directory, profile pages, API); every
other field is private to the organisation's own members and the secretariat.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from vigie.core.models import Country
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


class Organisation(models.Model):
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
    summary_en = models.TextField(_("public summary (English)"), blank=True)
    summary_fr = models.TextField(_("public summary (French)"), blank=True)
    summary_es = models.TextField(_("public summary (Spanish)"), blank=True)
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


class Contact(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="contacts"
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    role_title = models.CharField(_("role"), max_length=200, blank=True)
    erased_on = models.DateField(_("erased on"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self) -> str:
        return self.name


class ConsentPurpose(models.TextChoices):
    NEWSLETTER = "newsletter", _("Newsletter")
    SURVEYS = "surveys", _("Member surveys")
    DIRECTORY = "directory", _("Listing in the staff directory")
    EVENTS = "events", _("Event invitations")


class ConsentRecord(models.Model):
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=20, choices=ConsentPurpose.choices)
    granted = models.BooleanField(_("granted"))
    recorded_on = models.DateField(_("recorded on"))
    wording = models.TextField(_("wording agreed to"), blank=True)

    class Meta:
        ordering = ["-recorded_on"]
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")

    def __str__(self) -> str:
        return f"{self.contact} · {self.purpose}"


class Outlet(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, null=True, blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("media outlet")
        verbose_name_plural = _("media outlets")

    def __str__(self) -> str:
        return self.name


class Journalist(models.Model):
    name = models.CharField(_("name"), max_length=200)
    outlet = models.ForeignKey(Outlet, on_delete=models.SET_NULL, null=True, blank=True)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, null=True, blank=True)
    languages = models.CharField(_("languages"), max_length=100, blank=True)
    beats = models.CharField(_("beats"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)
    stance_notes = models.TextField(_("notes on stance"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("journalist")
        verbose_name_plural = _("journalists")

    def __str__(self) -> str:
        return self.name


class InteractionKind(models.TextChoices):
    CONTACTED = "contacted", _("Contacted")
    BRIEFED = "briefed", _("Briefed")
    PUBLISHED = "published", _("Published")


class Interaction(models.Model):
    journalist = models.ForeignKey(
        Journalist, on_delete=models.CASCADE, related_name="interactions"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=InteractionKind.choices)
    happened_on = models.DateField(_("date"))
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["-happened_on"]
        verbose_name = _("interaction")
        verbose_name_plural = _("interactions")

    def __str__(self) -> str:
        return f"{self.journalist} · {self.kind}"


class Tone(models.TextChoices):
    SUPPORTIVE = "supportive", _("Supportive")
    NEUTRAL = "neutral", _("Neutral")
    HOSTILE = "hostile", _("Hostile")


class Coverage(models.Model):
    journalist = models.ForeignKey(
        Journalist, on_delete=models.SET_NULL, null=True, blank=True, related_name="coverage"
    )
    outlet = models.ForeignKey(Outlet, on_delete=models.PROTECT, related_name="coverage")
    url = models.URLField(_("link"))
    published_on = models.DateField(_("published on"))
    tone = models.CharField(_("tone"), max_length=20, choices=Tone.choices)

    class Meta:
        ordering = ["-published_on"]
        verbose_name = _("coverage")
        verbose_name_plural = _("coverage")

    def __str__(self) -> str:
        return self.url


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
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="grants"
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


class MentoringPair(models.Model):
    mentor = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="mentoring")
    mentee = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="mentored")
    topics = models.CharField(_("topics"), max_length=300, help_text=_("e.g. fundraising"))
    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)

    class Meta:
        ordering = ["-started_on"]
        verbose_name = _("mentoring pair")
        verbose_name_plural = _("mentoring pairs")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(mentor=models.F("mentee")), name="network_mentor_not_mentee"
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="network_mentoring_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentor} → {self.mentee}"


class CheckIn(models.Model):
    pair = models.ForeignKey(MentoringPair, on_delete=models.CASCADE, related_name="check_ins")
    held_on = models.DateField(_("held on"))
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["-held_on"]
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")

    def __str__(self) -> str:
        return f"{self.pair} · {self.held_on}"


class Election(models.Model):
    title = models.CharField(_("title"), max_length=200)
    seats = models.PositiveSmallIntegerField(_("seats"))
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    term_starts_on = models.DateField(_("term starts on"))
    term_ends_on = models.DateField(_("term ends on"))

    class Meta:
        ordering = ["-opens_on"]
        verbose_name = _("council election")
        verbose_name_plural = _("council elections")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="network_election_closes_after_opening",
            )
        ]

    def __str__(self) -> str:
        return self.title


class Candidate(models.Model):
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="candidates")
    name = models.CharField(_("name"), max_length=200)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    statement_en = models.TextField(_("statement (English)"))
    statement_fr = models.TextField(_("statement (French)"), blank=True)
    statement_es = models.TextField(_("statement (Spanish)"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")

    def __str__(self) -> str:
        return self.name


class VoterRecord(models.Model):
    """That an organisation voted: no choice, no time, a random key so rows carry no order."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="voters")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)

    class Meta:
        verbose_name = _("voter record")
        verbose_name_plural = _("voter records")
        constraints = [
            models.UniqueConstraint(
                fields=["election", "organisation"], name="network_one_ballot_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.election}"


class Ballot(models.Model):
    """A secret ballot: choices and the hash of the voter's receipt, nothing that names the voter.

    The primary key is random and there is no timestamp, so neither insertion order nor time can
    be matched against the voter records.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="ballots")
    receipt_hash = models.CharField(max_length=64, unique=True)
    candidate_ids = models.JSONField(default=list)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")

    def __str__(self) -> str:
        return self.receipt_hash[:12]
