"""Council elections: candidates, who voted, the sealed ballots and the ballot box.

While an election is open a ballot is held *sealed* (encrypted with a key that is not in the
database, in a pool rewritten in random order at every vote); only when the election has closed
are the ballots written, in one transaction and in random order, to the ballot box. See
``docs/network.md`` for the threat model.
"""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from vigie.core.lifecycle import Lifecycle
from vigie.network.models.directory import MembershipStatus, Organisation


def member_only() -> list[str]:
    return [MembershipStatus.MEMBER.value]


def check_statuses(value: object) -> None:
    if not isinstance(value, list) or not value or not set(value) <= set(MembershipStatus.values):
        raise ValidationError(
            _("Choose at least one membership status among: %(statuses)s."),
            params={"statuses": ", ".join(MembershipStatus.values)},
        )


# Where an election is: draft → open → closed → published (``services`` moves it).
ElectionStatus = Lifecycle


class Election(models.Model):
    title = models.CharField(_("title"), max_length=200)
    seats = models.PositiveSmallIntegerField(_("seats"))
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    term_starts_on = models.DateField(_("term starts on"))
    term_ends_on = models.DateField(_("term ends on"))
    voter_statuses = models.JSONField(
        _("membership statuses that may vote"),
        default=member_only,
        validators=[check_statuses],
        help_text=_("Organisations whose membership has one of these statuses may vote."),
    )
    candidate_statuses = models.JSONField(
        _("membership statuses that may stand"),
        default=member_only,
        validators=[check_statuses],
        help_text=_("Organisations whose membership has one of these statuses may stand."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ElectionStatus.choices, default=ElectionStatus.DATED
    )

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

    def may_vote(self, organisation: Organisation) -> bool:
        return organisation.status in self.voter_statuses

    def may_stand(self, organisation: Organisation) -> bool:
        return organisation.status in self.candidate_statuses

    def status_labels(self, statuses: list[str]) -> str:
        labels = dict(MembershipStatus.choices)
        return ", ".join(str(labels.get(status, status)) for status in statuses)


class Candidate(models.Model):
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="candidates")
    name = models.CharField(_("name"), max_length=200)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    statement = models.TextField(_("statement"), default="")

    class Meta:
        ordering = ["name"]
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        election = getattr(self, "election", None)
        organisation = getattr(self, "organisation", None)
        if (
            election is not None
            and organisation is not None
            and not election.may_stand(organisation)
        ):
            raise ValidationError(
                {
                    "organisation": _(
                        "%(organisation)s may not stand in this election: only organisations "
                        "whose membership is %(statuses)s may stand."
                    )
                    % {
                        "organisation": organisation.name,
                        "statuses": election.status_labels(election.candidate_statuses),
                    }
                }
            )


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


class SealedBallot(models.Model):
    """A ballot held until the election closes, encrypted with a key that is not in the database.

    The whole pool of an election is deleted and written again, freshly encrypted and in random
    order, at every vote: its rows' order and transaction say nothing about which voter they hold.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="sealed_ballots")
    sealed = models.TextField()

    class Meta:
        verbose_name = _("sealed ballot")
        verbose_name_plural = _("sealed ballots")

    def __str__(self) -> str:
        return str(_("sealed ballot"))


class CouncilBallot(models.Model):
    """A ballot in the ballot box: choices and the hash of the voter's receipt, nothing else.

    Ballots are written here only when the election has closed, all in one transaction and in
    random order, under random keys and with no timestamp: neither row order (``rowid``,
    ``ctid``) nor transaction (``xmin``) can be matched against the voter records.
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
