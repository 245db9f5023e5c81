"""The publications library: publications, their files per language, and dissemination plans.

A publication serves strategy priorities and pillars named by their number in the current plan
(``StrategyLink``), not by a key into the strategy's tables: apps read each other only through
their ``queries.py``. Journalists and coverage are likewise kept by the network's ids.
"""

import secrets

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from vigie.core.models import Country

LANGUAGES = (("en", "English"), ("fr", "Français"), ("es", "Español"))


def upload_path(instance: "PublicationFile", filename: str) -> str:
    """A folder no one can guess, so the file of a draft is not reachable by its name."""
    return f"library/{secrets.token_urlsafe(12)}/{filename}"


class PublicationKind(models.TextChoices):
    REPORT = "report", _("Report")
    BRIEFING_PAPER = "briefing_paper", _("Briefing paper")
    SHADOW_REPORT = "shadow_report", _("Shadow report")
    ADVOCACY_TOOLKIT = "advocacy_toolkit", _("Advocacy toolkit")
    STATEMENT = "statement", _("Statement")
    BLOG_POST = "blog_post", _("Blog post")
    ARTICLE = "article", _("Journal article")


class Publication(models.Model):
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=PublicationKind.choices)
    title = models.CharField(_("title"), max_length=400, default="")  # translated
    summary = models.TextField(_("summary"), blank=True, default="")  # translated
    # One author a line, "Family, Given" for a person, a plain name for an organisation.
    authors = models.TextField(_("authors"), blank=True)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    published_on = models.DateField(_("publication date"))
    url = models.URLField(_("web address"), max_length=500, blank=True)
    doi = models.CharField(_("DOI"), max_length=200, blank=True)
    source = models.URLField(_("source of this record"), max_length=500, blank=True)
    countries = models.ManyToManyField(
        Country, blank=True, related_name="library_publications", verbose_name=_("countries")
    )
    is_published = models.BooleanField(_("published"), default=False)
    is_key = models.BooleanField(_("key publication"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_on", "slug"]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")

    def __str__(self) -> str:
        return self.title or self.slug

    def get_absolute_url(self) -> str:
        return reverse("library:detail", kwargs={"slug": self.slug})

    @property
    def author_list(self) -> list[str]:
        return [line.strip() for line in self.authors.splitlines() if line.strip()]


class StrategyLinkKind(models.TextChoices):
    PRIORITY = "priority", _("Strategic priority")
    PILLAR = "pillar", _("Pillar of work")


class StrategyLink(models.Model):
    """A priority or pillar of the strategic plan that a publication serves, by its number."""

    publication = models.ForeignKey(
        Publication, on_delete=models.CASCADE, related_name="strategy_links"
    )
    kind = models.CharField(max_length=10, choices=StrategyLinkKind.choices)
    number = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["kind", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "kind", "number"], name="library_strategylink_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.number}"


class PublicationFile(models.Model):
    """One language version of a publication: its PDF and the text extracted from it."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="files")
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGES)
    file = models.FileField(_("file"), upload_to=upload_path, blank=True)
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    pages = models.PositiveIntegerField(_("pages"), default=0)
    text = models.TextField(_("extracted text"), blank=True)
    uploaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["language"]
        verbose_name = _("language version")
        verbose_name_plural = _("language versions")
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "language"], name="library_file_one_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.publication.slug} ({self.language})"


class DisseminationPlan(models.Model):
    """How a key publication reaches its audiences, and what coverage it won."""

    publication = models.OneToOneField(
        Publication, on_delete=models.CASCADE, related_name="dissemination_plan"
    )
    audiences = models.TextField(_("audiences"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    # Journalists of the network's media register, by id (read through network.queries).
    journalist_ids = models.JSONField(_("media contacts"), default=list, blank=True)
    # Entries of the network's coverage log won by the publication, by id.
    coverage_ids = models.JSONField(_("coverage won"), default=list, blank=True)

    class Meta:
        verbose_name = _("dissemination plan")
        verbose_name_plural = _("dissemination plans")

    def __str__(self) -> str:
        return f"{self.publication.slug}"


class Channel(models.TextChoices):
    LAUNCH_EVENT = "launch_event", _("Launch event or webinar")
    PRESS_RELEASE = "press_release", _("Press release")
    MEDIA_BRIEFING = "media_briefing", _("Media briefing")
    NEWSLETTER = "newsletter", _("Newsletter")
    SOCIAL_MEDIA = "social_media", _("Social media")
    WEBSITE = "website", _("Website")
    DIRECT_MAILING = "direct_mailing", _("Direct mailing to decision makers")
    UN_SIDE_EVENT = "un_side_event", _("UN side event")
    OTHER = "other", _("Other")


class DisseminationStep(models.Model):
    plan = models.ForeignKey(DisseminationPlan, on_delete=models.CASCADE, related_name="steps")
    planned_on = models.DateField(_("date"))
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    audience = models.CharField(_("audience"), max_length=200, blank=True)
    description = models.CharField(_("description"), max_length=400, blank=True)
    done = models.BooleanField(_("done"), default=False)

    class Meta:
        ordering = ["planned_on", "id"]
        verbose_name = _("dissemination step")
        verbose_name_plural = _("dissemination steps")

    def __str__(self) -> str:
        return f"{self.planned_on} {self.channel}"
