"""Council elections: candidates, who voted and the secret ballots."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from vigie.network.models.directory import Organisation


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
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)

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


class CouncilBallot(models.Model):
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
