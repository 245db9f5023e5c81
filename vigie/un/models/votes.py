"""Recorded votes, with the totals as stated, and how each country voted."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from vigie.core.models import Country, Sourced, optional_country
from vigie.un.models.forums import Session


class VoteScope(models.TextChoices):
    WHOLE = "whole", _("Whole text")
    PARAGRAPH = "paragraph", _("Paragraph")
    AMENDMENT = "amendment", _("Amendment")


class Vote(Sourced):
    """A recorded vote, with the totals as stated by the chair or the report."""

    code = models.CharField(_("identifier"), max_length=80, unique=True)
    session = models.ForeignKey(
        Session, on_delete=models.PROTECT, related_name="votes", verbose_name=_("session")
    )
    date = models.DateField(_("date"))
    date_is_approximate = models.BooleanField(_("only the month is known"), default=False)
    kind = models.CharField(_("kind of decision"), max_length=80)
    scope = models.CharField(
        _("what was voted"), max_length=10, choices=VoteScope.choices, default=VoteScope.WHOLE
    )
    draft_symbol = models.CharField(_("draft symbol"), max_length=120, blank=True)
    adopted_symbol = models.CharField(_("adopted symbol"), max_length=120, blank=True)
    title = models.CharField(_("title"), max_length=400, default="")  # translated
    requested_by = optional_country(_("vote requested by"))
    stated_yes = models.PositiveSmallIntegerField(_("stated yes"))
    stated_no = models.PositiveSmallIntegerField(_("stated no"))
    stated_abstain = models.PositiveSmallIntegerField(_("stated abstentions"))
    notes = models.TextField(_("notes"), blank=True, default="")  # translated

    class Meta:
        verbose_name = _("recorded vote")
        verbose_name_plural = _("recorded votes")
        ordering = ["-date", "code"]
        # The lists of votes (UN home, API) read their page newest first from this index, not
        # by sorting every vote.
        indexes = [models.Index(fields=["-date", "-id"], name="un_vote_newest_idx")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("un:vote", args=[self.pk])


class VoteChoice(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    ABSTAIN = "abstain", _("Abstain")
    ABSENT = "absent", _("Absent")
    NON_MEMBER = "non_member", _("Not a member of the body")


class CountryVote(models.Model):
    """How one country voted; a country appears at most once per vote (a database rule)."""

    vote = models.ForeignKey(
        Vote, on_delete=models.CASCADE, related_name="records", verbose_name=_("vote")
    )
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="un_votes", verbose_name=_("country")
    )
    ballot = models.CharField(_("vote"), max_length=10, choices=VoteChoice.choices)
    listed_name = models.CharField(_("name as listed"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("country vote")
        verbose_name_plural = _("country votes")
        ordering = ["country__name_en"]
        constraints = [
            models.UniqueConstraint(fields=["vote", "country"], name="un_country_votes_once")
        ]

    def __str__(self) -> str:
        return f"{self.country}: {self.ballot}"
