"""The media register: outlets, journalists, interactions with them and the coverage won."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from vigie.core.models import Country


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
