"""Changes to network data: contact erasure and export, votes, profile edits."""

import datetime
import hashlib
import secrets
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vigie.core.freshness import changes_facts
from vigie.core.services import record_audit
from vigie.network.errors import NetworkError
from vigie.network.forms import OrganisationProfileForm
from vigie.network.models import (
    Candidate,
    Contact,
    CouncilBallot,
    Election,
    Organisation,
    VoterRecord,
)

ERASED_NAME = "—"


def hash_receipt(code: str) -> str:
    return hashlib.sha256(code.strip().upper().encode()).hexdigest()


def export_contact(*, contact_id: int) -> dict[str, Any]:
    """Everything Vigie holds about one person, for a subject-access request."""
    contact = Contact.objects.select_related("organisation").get(pk=contact_id)
    return {
        "name": contact.name,
        "email": contact.email,
        "phone": contact.phone,
        "role": contact.role_title,
        "organisation": contact.organisation.name if contact.organisation else None,
        "erased_on": contact.erased_on.isoformat() if contact.erased_on else None,
        "consents": [
            {
                "purpose": consent.purpose,
                "granted": consent.granted,
                "recorded_on": consent.recorded_on.isoformat(),
                "wording": consent.wording,
            }
            for consent in contact.consents.all()
        ],
    }


@transaction.atomic
def erase_contact(*, contact_id: int, actor: Any = None) -> Contact:
    """Erase a person's data but keep the row, so counts of contacts per organisation stand.

    Survey answers belong to organisations, not to contacts, so results are untouched.
    """
    contact = Contact.objects.select_for_update().get(pk=contact_id)
    contact.name = ERASED_NAME
    contact.email = ""
    contact.phone = ""
    contact.role_title = ""
    contact.erased_on = timezone.localdate()
    contact.save()
    contact.consents.all().delete()
    record_audit(action="network.contact.erased", obj=contact, actor=actor, changes={})
    return contact


@changes_facts
@transaction.atomic
def update_organisation_profile(*, form: OrganisationProfileForm, actor: Any) -> Organisation:
    """Save a member's (or staff) edit of an organisation profile and audit what changed."""
    organisation: Organisation = form.save()
    record_audit(
        action="network.organisation.profile_edited",
        obj=organisation,
        actor=actor,
        changes={"fields": sorted(form.changed_data)},
    )
    return organisation


def is_election_open(election: Election, today: datetime.date | None = None) -> bool:
    today = today or timezone.localdate()
    return election.opens_on <= today <= election.closes_on


@transaction.atomic
def cast_ballot(*, election_id: int, organisation_id: int, candidate_ids: list[int]) -> str:
    """Record one organisation's vote and return its receipt code (shown once, never stored).

    The voter record says only *that* the organisation voted; the ballot holds the choices and the
    receipt's hash. Both use random keys and no timestamps so they cannot be matched by order.
    """
    election = Election.objects.select_for_update().get(pk=election_id)
    if not is_election_open(election):
        raise NetworkError(_("This election is not open for voting."))
    chosen = set(candidate_ids)
    valid = set(election.candidates.values_list("pk", flat=True))
    if not chosen or not chosen <= valid:
        raise NetworkError(_("Choose at least one candidate of this election."))
    if len(chosen) > election.seats:
        raise NetworkError(_("You chose more candidates than there are seats."))
    if not Organisation.objects.filter(pk=organisation_id, status="member").exists():
        raise NetworkError(_("Only member organisations may vote."))
    if VoterRecord.objects.filter(election=election, organisation_id=organisation_id).exists():
        raise NetworkError(_("Your organisation has already voted in this election."))
    code = "-".join(secrets.token_hex(3).upper() for _part in range(3))
    try:
        VoterRecord.objects.create(election=election, organisation_id=organisation_id)
    except IntegrityError as error:
        raise NetworkError(_("Your organisation has already voted in this election.")) from error
    CouncilBallot.objects.create(
        election=election, receipt_hash=hash_receipt(code), candidate_ids=sorted(chosen)
    )
    return code


def tally(election: Election) -> dict[str, Any]:
    """Votes per candidate, turnout among member organisations, and the elected."""
    counts = {candidate.pk: 0 for candidate in election.candidates.all()}
    for choice_list in election.ballots.values_list("candidate_ids", flat=True):
        for candidate_id in choice_list:
            if candidate_id in counts:
                counts[candidate_id] += 1
    candidates = {c.pk: c for c in Candidate.objects.filter(election=election)}
    rows: list[dict[str, Any]] = [
        {"candidate": candidates[pk], "votes": votes} for pk, votes in counts.items()
    ]
    rows.sort(key=lambda row: (-row["votes"], row["candidate"].name))
    electorate = Organisation.objects.filter(status="member").count()
    voted = election.voters.count()
    return {
        "rows": rows,
        "elected": [row["candidate"] for row in rows[: election.seats] if row["votes"] > 0],
        "ballots": election.ballots.count(),
        "voted": voted,
        "electorate": electorate,
        "turnout": round(100 * voted / electorate, 1) if electorate else 0.0,
    }


def is_receipt_counted(*, election: Election, code: str) -> bool:
    return election.ballots.filter(receipt_hash=hash_receipt(code)).exists()
