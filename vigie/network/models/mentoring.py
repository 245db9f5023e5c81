"""Mentoring between member organisations and the check-ins of each pair."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from vigie.network.models.directory import Organisation


class MentoringPair(models.Model):
    mentor = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="mentoring")
    mentee = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="mentored")
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
