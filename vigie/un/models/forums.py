"""UN forums, their sessions (with the members of the body) and the meetings of each session."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from vigie.core.models import Country, Sourced


class Forum(models.Model):
    """A UN body where states speak and vote (CND, Human Rights Council, General Assembly…)."""

    code = models.SlugField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200, default="")
    abbreviation = models.CharField(_("abbreviation"), max_length=20)

    class Meta:
        verbose_name = _("forum")
        verbose_name_plural = _("forums")
        ordering = ["abbreviation"]

    def __str__(self) -> str:
        return self.abbreviation


class Session(Sourced):
    """One session of a forum (e.g. the CND 68th session), with its members where known.

    ``membership_known`` is true only when the full list of members of the body for this session
    is loaded with a source; otherwise the membership check reports "unknown" rather than guess.
    """

    forum = models.ForeignKey(
        Forum, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("forum")
    )
    label = models.CharField(_("label"), max_length=120)
    number = models.PositiveSmallIntegerField(_("number"), null=True, blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    place = models.CharField(_("place"), max_length=120, blank=True)
    membership_known = models.BooleanField(_("full membership known"), default=False)
    members = models.ManyToManyField(
        Country, blank=True, related_name="un_sessions", verbose_name=_("members of the body")
    )

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["-start_date", "label"]
        constraints = [
            models.UniqueConstraint(fields=["forum", "label"], name="un_session_unique_label"),
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="un_session_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    def get_absolute_url(self) -> str:
        return reverse("un:session", args=[self.pk])


class Meeting(models.Model):
    """One meeting slot of a session: a date and an agenda item."""

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("session")
    )
    date = models.DateField(_("date"))
    agenda_item = models.CharField(_("agenda item"), max_length=300)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["date", "agenda_item"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "date", "agenda_item"], name="un_meeting_unique_slot"
            )
        ]

    def __str__(self) -> str:
        return f"{self.session} · {self.date} · {self.agenda_item}"
