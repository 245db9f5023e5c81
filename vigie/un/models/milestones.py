"""UN documents and decisions bearing on a human-rights mechanism on drugs."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from vigie.core.models import Sourced


class Milestone(Sourced):
    """A UN document or decision that bears on a dedicated human-rights mechanism on drugs."""

    code = models.CharField(_("identifier"), max_length=80, unique=True)
    date = models.DateField(_("date"))
    date_is_approximate = models.BooleanField(_("only the month is known"), default=False)
    body = models.CharField(_("body"), max_length=120)
    symbol = models.CharField(_("symbol"), max_length=120, blank=True)
    title = models.CharField(_("title"), max_length=400)
    summary = models.TextField(_("what it is"))
    is_dedicated_mechanism = models.BooleanField(
        _("is a dedicated mechanism reporting on human rights and drug policy"), default=False
    )
    why_not_mechanism = models.TextField(_("why it is not such a mechanism"), blank=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["date"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("un:milestone", args=[self.code])
