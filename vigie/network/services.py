"""Changes to network data: contact erasure and export, votes, profile edits, coverage won."""

import base64
import datetime
import hashlib
import hmac
import json
import secrets
import uuid
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django import forms
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from vigie.core import lifecycle
from vigie.core.freshness import changes_facts
from vigie.core.models import Country
from vigie.core.services import object_history, record_audit, save_form
from vigie.network.errors import NetworkError
from vigie.network.forms import (
    OrganisationCreateForm,
    OrganisationProfileForm,
)
from vigie.network.models import (
    Candidate,
    ConsentPurpose,
    ConsentRecord,
    Contact,
    CouncilBallot,
    Coverage,
    Election,
    ElectionStatus,
    MembershipStatus,
    Organisation,
    Outlet,
    SealedBallot,
    Tone,
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


def is_election_open(election: Election) -> bool:
    return lifecycle.is_open(election.status, election.opens_on, election.closes_on)


def is_election_closed(election: Election) -> bool:
    return lifecycle.is_closed(election.status, election.closes_on)


def are_results_published(election: Election) -> bool:
    """Whether everyone may see the tally: once staff publish it (dated elections: once closed)."""
    return lifecycle.is_published(election.status, election.closes_on)


# Sealing -------------------------------------------------------------------------------------
# A held ballot is encrypted (AES-GCM, random nonce, bound to its election) with a key that is not
# in the database: ``settings.ELECTION_SEAL_KEY`` if set, otherwise one derived from SECRET_KEY.
# Every plaintext is padded to the same length, so a sealed ballot's size does not tell how many
# candidates were chosen.

_SEAL_LABEL = b"vigie.network.election-seal"
_SEAL_BLOCK = 512
_random = secrets.SystemRandom()


def _seal_keys() -> list[bytes]:
    """The key to seal with, first, then older keys that may still open ballots."""
    configured = getattr(settings, "ELECTION_SEAL_KEY", "")
    secrets_in_use = [configured] if configured else [settings.SECRET_KEY]
    if not configured:
        secrets_in_use += list(getattr(settings, "SECRET_KEY_FALLBACKS", []))
    return [hmac.new(str(s).encode(), _SEAL_LABEL, hashlib.sha256).digest() for s in secrets_in_use]


def seal_ballot(*, election_id: int, receipt_hash: str, candidate_ids: list[int]) -> str:
    plain = json.dumps({"candidate_ids": sorted(candidate_ids), "receipt_hash": receipt_hash})
    size = -(-(len(plain) + 1) // _SEAL_BLOCK) * _SEAL_BLOCK
    padded = plain.ljust(size).encode()
    nonce = secrets.token_bytes(12)
    box = AESGCM(_seal_keys()[0]).encrypt(nonce, padded, str(election_id).encode())
    return base64.b64encode(nonce + box).decode()


def unseal_ballot(*, election_id: int, sealed: str) -> dict[str, Any]:
    raw = base64.b64decode(sealed)
    for key in _seal_keys():
        try:
            plain = AESGCM(key).decrypt(raw[:12], raw[12:], str(election_id).encode())
        except InvalidTag:
            continue
        data: dict[str, Any] = json.loads(plain)
        return data
    raise NetworkError(
        _(
            "A sealed ballot cannot be opened with the current key: restore the "
            "ELECTION_SEAL_KEY or SECRET_KEY in use while the election was open."
        )
    )


def _rewrite_pool(election: Election, ballots: list[dict[str, Any]]) -> None:
    """Replace the election's sealed pool by ``ballots``, freshly sealed, in random order."""
    _random.shuffle(ballots)
    SealedBallot.objects.filter(election=election).delete()
    SealedBallot.objects.bulk_create(
        [
            SealedBallot(
                id=uuid.uuid4(),
                election=election,
                sealed=seal_ballot(election_id=election.pk, **ballot),
            )
            for ballot in ballots
        ]
    )


def _open_pool(election: Election) -> list[dict[str, Any]]:
    return [
        unseal_ballot(election_id=election.pk, sealed=sealed)
        for sealed in SealedBallot.objects.filter(election=election).values_list(
            "sealed", flat=True
        )
    ]


# Eligibility ---------------------------------------------------------------------------------


def check_may_vote(election: Election, organisation: Organisation) -> None:
    if not election.may_vote(organisation):
        raise NetworkError(
            _(
                "%(organisation)s may not vote in this election: only organisations whose "
                "membership is %(statuses)s may vote."
            )
            % {
                "organisation": organisation.name,
                "statuses": election.status_labels(election.voter_statuses),
            }
        )


def check_may_stand(election: Election, organisation: Organisation) -> None:
    if not election.may_stand(organisation):
        raise NetworkError(
            _(
                "%(organisation)s may not stand in this election: only organisations whose "
                "membership is %(statuses)s may stand."
            )
            % {
                "organisation": organisation.name,
                "statuses": election.status_labels(election.candidate_statuses),
            }
        )


def eligible_candidates(election: Election) -> QuerySet[Candidate]:
    """The candidates whose organisation may stand under the election's rule today."""
    return election.candidates.select_related("organisation").filter(
        organisation__status__in=election.candidate_statuses
    )


@transaction.atomic
def nominate_candidate(
    *,
    election_id: int,
    organisation_id: int,
    name: str,
    statement_en: str,
    actor: Any = None,
    **statements: str,
) -> Candidate:
    election = Election.objects.select_for_update().get(pk=election_id)
    organisation = Organisation.objects.get(pk=organisation_id)
    if is_election_closed(election):
        raise NetworkError(_("This election has closed."))
    if election.status not in (ElectionStatus.DATED, ElectionStatus.DRAFT):
        raise NetworkError(_("Candidates are added while the election is a draft."))
    check_may_stand(election, organisation)
    candidate = Candidate.objects.create(
        election=election,
        organisation=organisation,
        name=name,
        statement_en=statement_en,
        **statements,
    )
    record_audit(action="network.candidate.nominated", obj=candidate, actor=actor)
    return candidate


# Voting and counting -------------------------------------------------------------------------


@transaction.atomic
def cast_ballot(*, election_id: int, organisation_id: int, candidate_ids: list[int]) -> str:
    """Record one organisation's vote and return its receipt code (shown once, never stored).

    The voter record says only *that* the organisation voted. The choices and the receipt's hash
    are sealed into the election's pool, which is written again in random order with every
    ballot freshly encrypted: nothing in this transaction tells which sealed ballot is new. The
    ballot box is written only at close (:func:`count_ballots`).
    """
    election = Election.objects.select_for_update().get(pk=election_id)
    if not is_election_open(election):
        raise NetworkError(_("This election is not open for voting."))
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        raise NetworkError(_("Only member organisations may vote."))
    check_may_vote(election, organisation)
    chosen = set(candidate_ids)
    valid = set(eligible_candidates(election).values_list("pk", flat=True))
    if not chosen or not chosen <= valid:
        raise NetworkError(_("Choose at least one candidate of this election."))
    if len(chosen) > election.seats:
        raise NetworkError(_("You chose more candidates than there are seats."))
    if VoterRecord.objects.filter(election=election, organisation_id=organisation_id).exists():
        raise NetworkError(_("Your organisation has already voted in this election."))
    code = "-".join(secrets.token_hex(3).upper() for _part in range(3))
    try:
        # Concurrent votes never rewrite the pool from a stale read: PostgreSQL waits on the
        # election's row lock above, and SQLite transactions begin IMMEDIATE (one writer).
        with transaction.atomic():
            VoterRecord.objects.create(election=election, organisation_id=organisation_id)
    except IntegrityError as error:
        raise NetworkError(_("Your organisation has already voted in this election.")) from error
    pool = _open_pool(election)
    pool.append({"receipt_hash": hash_receipt(code), "candidate_ids": sorted(chosen)})
    _rewrite_pool(election, pool)
    return code


@changes_facts
@transaction.atomic
def count_ballots(*, election_id: int) -> int:
    """Once the election has closed, write its sealed ballots to the ballot box in random order.

    All ballots of the election (with any already in the box) are written in this one
    transaction, in a random order and under new random keys. Returns how many were moved;
    calling it again does nothing.
    """
    election = Election.objects.select_for_update().get(pk=election_id)
    if not is_election_closed(election):
        raise NetworkError(_("The ballots are counted only once the election has closed."))
    pool = _open_pool(election)
    if not pool:
        return 0
    boxed = list(election.ballots.values("receipt_hash", "candidate_ids"))
    ballots = boxed + pool
    _random.shuffle(ballots)
    election.ballots.all().delete()
    CouncilBallot.objects.bulk_create(
        [CouncilBallot(id=uuid.uuid4(), election=election, **ballot) for ballot in ballots]
    )
    SealedBallot.objects.filter(election=election).delete()
    return len(pool)


def count_if_closed(election: Election) -> bool:
    """Count the ballots if the election has closed; tell whether results may be shown."""
    if not is_election_closed(election):
        return False
    if election.sealed_ballots.exists():
        count_ballots(election_id=election.pk)
    return True


def turnout(election: Election) -> dict[str, Any]:
    """How many eligible organisations voted: public while voting is open."""
    electorate = Organisation.objects.filter(status__in=election.voter_statuses).count()
    voted = election.voters.count()
    return {
        "voted": voted,
        "electorate": electorate,
        "turnout": round(100 * voted / electorate, 1) if electorate else 0.0,
    }


def tally(election: Election) -> dict[str, Any]:
    """Votes per candidate in the ballot box, turnout, and the elected (once counted)."""
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
    return {
        "rows": rows,
        "elected": [row["candidate"] for row in rows[: election.seats] if row["votes"] > 0],
        "ballots": election.ballots.count(),
        **turnout(election),
    }


def is_receipt_counted(*, election: Election, code: str) -> bool:
    """Whether a ballot with this receipt is in the ballot box (filled when the election closes)."""
    return election.ballots.filter(receipt_hash=hash_receipt(code)).exists()


# The lifecycle of an election staff run: draft → open → closed → published -------------------


@changes_facts
@transaction.atomic
def save_election(*, election: Election, actor: Any = None) -> Election:
    """Create an election (as a draft) or change it while it is still a draft: its dates, seats
    and who may vote and stand cannot change once voting has opened."""
    if election.pk is not None:
        current = Election.objects.select_for_update().get(pk=election.pk)
        if current.status != ElectionStatus.DRAFT:
            raise NetworkError(_("An election is changed only while it is a draft."))
    else:
        election.status = ElectionStatus.DRAFT
    election.full_clean()
    election.save()
    record_audit(action="network.election.saved", obj=election, actor=actor)
    return election


@changes_facts
@transaction.atomic
def change_election_status(*, election_id: int, action: str, actor: Any = None) -> Election:
    """Open, close or publish an election, one step at a time; any other move is refused.

    Closing writes the sealed ballots to the ballot box in the same transaction
    (:func:`count_ballots`), shuffled, with no voter record written: the results are then
    counted, and shown to everyone once published.
    """
    election = Election.objects.select_for_update().get(pk=election_id)
    refused = lifecycle.refusal(election.status, action, election.closes_on)
    if refused:
        raise NetworkError(refused)
    if action == "open" and not eligible_candidates(election).exists():
        raise NetworkError(_("Add at least one eligible candidate before opening the vote."))
    lifecycle.advance(election, action)
    if action == "close":
        count_ballots(election_id=election.pk)
    record_audit(action=f"network.election.{action}", obj=election, actor=actor)
    return election


@changes_facts
@transaction.atomic
def record_coverage(
    *,
    url: str,
    outlet_name: str,
    published_on: datetime.date,
    tone: str,
    country_iso2: str = "",
    journalist_id: int | None = None,
    actor: Any = None,
) -> int:
    """Add a piece of coverage to the media register (another app reports it, such as the
    campaign's feedback reports); the outlet is found by name or created. Returns the coverage
    id; the same link of the same outlet is recorded once."""
    if tone not in Tone.values:
        raise NetworkError(_("%(tone)r is not a tone of coverage.") % {"tone": tone})
    if not outlet_name.strip():
        raise NetworkError(_("Name the media outlet."))
    country = Country.objects.filter(iso2=country_iso2).first() if country_iso2 else None
    outlet, _created = Outlet.objects.get_or_create(
        name=outlet_name.strip(), defaults={"country": country}
    )
    coverage, created = Coverage.objects.get_or_create(
        outlet=outlet,
        url=url,
        defaults={"published_on": published_on, "tone": tone, "journalist_id": journalist_id},
    )
    if created:
        record_audit(action="network.coverage.recorded", obj=coverage, actor=actor)
    return coverage.pk


# Staff registers: each form is validated in ``forms.py``, saved and audited here. --------------

STATUS_CHANGED = "network.organisation.status_changed"


@dataclass(frozen=True)
class StatusChange:
    """One change of an organisation's membership status: who, when, from → to."""

    recorded_at: datetime.datetime
    actor: str
    on: str
    old: str
    new: str
    reason: str


@transaction.atomic
def log_coverage(*, form: forms.Form, actor: Any) -> int:
    """Save the staff "log coverage" form (``CoverageForm``, validated): its address, outlet,
    date, tone and journalist. Returns the coverage id."""
    data = form.cleaned_data
    return record_coverage(
        url=data["url"],
        outlet_name=data["outlet"],
        published_on=data["published_on"],
        tone=data["tone"],
        journalist_id=data["journalist"].pk if data["journalist"] else None,
        actor=actor,
    )


def nominate_from_form(*, form: forms.ModelForm, actor: Any) -> Candidate:
    """Save the staff candidate form (``CandidateForm`` of one election, validated)."""
    data = form.cleaned_data
    return nominate_candidate(
        election_id=form.instance.election_id,
        organisation_id=data["organisation"].pk,
        name=data["name"],
        statement_en=data["statement_en"],
        statement_fr=data["statement_fr"],
        statement_es=data["statement_es"],
        actor=actor,
    )


def save_register_entry(*, form: forms.ModelForm, actor: Any) -> Any:
    """Save a validated staff form of a register (contact, journalist, interaction, funder,
    grant, mentoring pair, check-in) and audit it as ``network.<model>.added``."""
    return save_form(form=form, actor=actor, verb="added")


@changes_facts
@transaction.atomic
def create_organisation(*, form: OrganisationCreateForm, actor: Any) -> Organisation:
    organisation: Organisation = save_register_entry(form=form, actor=actor)
    return organisation


@changes_facts
@transaction.atomic
def change_membership_status(
    *, organisation_id: int, status: str, on: datetime.date, reason: str = "", actor: Any = None
) -> Organisation:
    """Move an organisation to another membership status and record the change in its history."""
    organisation = Organisation.objects.select_for_update().get(pk=organisation_id)
    if status not in MembershipStatus.values:
        raise NetworkError(_("%(status)r is not a membership status.") % {"status": status})
    old = organisation.status
    if status == old:
        raise NetworkError(_("The membership status is unchanged."))
    organisation.status = status
    if status == MembershipStatus.MEMBER:
        organisation.admitted_on = organisation.admitted_on or on
        organisation.lapsed_on = None
    elif status == MembershipStatus.LAPSED:
        organisation.lapsed_on = on
    organisation.save(update_fields=["status", "admitted_on", "lapsed_on"])
    record_audit(
        action=STATUS_CHANGED,
        obj=organisation,
        actor=actor,
        changes={"status": [old, status], "on": on.isoformat(), "reason": reason},
    )
    return organisation


def membership_history(organisation: Organisation) -> list[StatusChange]:
    """The membership status changes of an organisation, newest first."""
    labels = dict(MembershipStatus.choices)
    return [
        StatusChange(
            recorded_at=entry.created_at,
            actor=entry.actor.get_username() if entry.actor else "—",
            on=entry.changes.get("on", ""),
            old=str(labels.get(entry.changes["status"][0], entry.changes["status"][0])),
            new=str(labels.get(entry.changes["status"][1], entry.changes["status"][1])),
            reason=entry.changes.get("reason", ""),
        )
        for entry in object_history(organisation)
        if entry.action == STATUS_CHANGED
    ]


@transaction.atomic
def record_consent(
    *,
    contact_id: int,
    purpose: str,
    granted: bool,
    recorded_on: datetime.date,
    wording: str = "",
    actor: Any = None,
) -> ConsentRecord:
    """Add a consent given or withdrawn for one purpose; earlier records stay as history."""
    contact = Contact.objects.select_for_update().get(pk=contact_id)
    if contact.erased_on is not None:
        raise NetworkError(_("This contact's data was erased: no consent can be recorded."))
    if purpose not in ConsentPurpose.values:
        raise NetworkError(_("%(purpose)r is not a purpose of consent.") % {"purpose": purpose})
    record = ConsentRecord.objects.create(
        contact=contact, purpose=purpose, granted=granted, recorded_on=recorded_on, wording=wording
    )
    record_audit(
        action="network.consent.recorded",
        obj=contact,
        actor=actor,
        changes={"purpose": purpose, "granted": granted, "on": recorded_on.isoformat()},
    )
    return record


def current_consents(contact: Contact) -> dict[str, ConsentRecord]:
    """The latest record per purpose (given or withdrawn)."""
    current: dict[str, ConsentRecord] = {}
    for record in contact.consents.order_by("recorded_on", "pk"):
        current[record.purpose] = record
    return current
