"""What other apps may ask the network: member counts, directory rows, funding and mentoring.

Only public organisation fields leave this module; private fields stay behind the views that
check roles.
"""

import datetime
from collections.abc import Iterable
from typing import Any, TypedDict

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from vigie.core.evidence import CountResult, Evidence
from vigie.core.i18n import mapping_reader
from vigie.core.quality import FlaggedRow, QualityFlag
from vigie.network.models import (
    ConsentPurpose,
    ConsentRecord,
    Contact,
    Coverage,
    Election,
    Funder,
    Journalist,
    MembershipStatus,
    MentoringPair,
    Organisation,
    OrganisationType,
    SizeBand,
    Tone,
)


class PublicOrganisation(TypedDict):
    """The public directory fields of an organisation: nothing about its contacts or funding."""

    id: int
    name: str
    slug: str
    type: str
    type_label: str
    region: str
    headquarters: str
    countries: list[str]
    focus_areas: list[str]
    languages: list[str]
    website: str
    summary: str
    summary_en: str
    summary_fr: str
    summary_es: str
    url: str


class OrganisationFacets(TypedDict):
    region: str
    org_type: str


# The public columns of an organisation, read as plain rows (no model instance per row).
_PUBLIC_COLUMNS = (
    "id",
    "name",
    "slug",
    "org_type",
    "region",
    "focus_areas",
    "languages",
    "website",
    "summary_en",
    "summary_fr",
    "summary_es",
)


def public_organisation_rows(
    organisations: Iterable[dict[str, Any]],
) -> list[PublicOrganisation]:
    """The public fields of a page of organisations, read as rows of ``_PUBLIC_COLUMNS``
    (``public_organisation_values``).

    Their countries of work are read in one query of two columns for the whole page, the type
    labels and addresses are made once: the cost of a row is a few dictionary lookups, so a
    page of 100 costs little more than a page of 10.
    """
    rows = list(organisations)
    working_in: dict[int, list[str]] = {row["id"]: [] for row in rows}
    for organisation_id, iso2 in Organisation.countries.through.objects.filter(
        organisation_id__in=list(working_in)
    ).values_list("organisation_id", "country__iso2"):
        working_in[organisation_id].append(iso2)
    labels = {value: str(label) for value, label in OrganisationType.choices}
    summary = mapping_reader("summary")
    # The address of one organisation with a placeholder slug, filled in for each row.
    placeholder = "organisation-slug"
    address = reverse("network:organisation", args=[placeholder])
    return [
        {
            "id": row["id"],
            "name": row["name"],
            "slug": row["slug"],
            "type": row["org_type"],
            "type_label": labels.get(row["org_type"], row["org_type"]),
            "region": row["region"],
            "headquarters": row["headquarters_iso2"],
            "countries": sorted(working_in[row["id"]]),
            "focus_areas": [x.strip() for x in row["focus_areas"].split(",") if x.strip()],
            "languages": [x.strip() for x in row["languages"].split(",") if x.strip()],
            "website": row["website"],
            "summary": summary(row),
            "summary_en": row["summary_en"],
            "summary_fr": row["summary_fr"],
            "summary_es": row["summary_es"],
            "url": address.replace(placeholder, row["slug"]),
        }
        for row in rows
    ]


def public_organisation_values(
    organisations: QuerySet[Organisation],
) -> QuerySet[Organisation, dict[str, Any]]:
    """The rows ``public_organisation_rows`` reads, for a page of ``organisations``."""
    return organisations.values(*_PUBLIC_COLUMNS, headquarters_iso2=F("headquarters__iso2"))


def member_organisations(country: str = "") -> QuerySet[Organisation]:
    """Current members, by name (those headquartered or working in ``country`` if given)."""
    members = Organisation.objects.filter(status=MembershipStatus.MEMBER, archived_at__isnull=True)
    if country:
        code = country.upper()
        # A subquery, not a join: one row per organisation, with no DISTINCT over all of them.
        working_in = Organisation.countries.through.objects.filter(country__iso2=code)
        members = members.filter(
            Q(headquarters__iso2=code) | Q(pk__in=working_in.values("organisation_id"))
        )
    return members.select_related("headquarters").order_by("name")


def list_member_organisations() -> list[PublicOrganisation]:
    return public_organisation_rows(public_organisation_values(member_organisations()))


def list_member_organisations_in_country(iso2: str) -> list[PublicOrganisation]:
    """Member organisations headquartered in or working in a country (public fields only)."""
    return public_organisation_rows(public_organisation_values(member_organisations(iso2)))


def get_member_organisation(slug: str) -> PublicOrganisation | None:
    """One current member by its slug (public fields only), or None."""
    found = public_organisation_rows(
        public_organisation_values(member_organisations().filter(slug=slug))
    )
    return found[0] if found else None


def count_member_organisations() -> int:
    return Organisation.objects.filter(status=MembershipStatus.MEMBER).count()


def count_new_funding_sources(
    baseline: datetime.date, end: datetime.date, *, major_only: bool = True
) -> CountResult:
    """Funders first seen after the baseline date and on or before ``end``, not in the baseline.

    With ``major_only`` a funder counts only if at least one of its grants is in the major band.
    """
    funders = Funder.objects.filter(
        in_baseline=False, first_seen_on__gt=baseline, first_seen_on__lte=end
    )
    if major_only:
        funders = funders.filter(grants__size_band=SizeBand.MAJOR).distinct()
    evidence = [
        Evidence(
            label=funder.name,
            date=funder.first_seen_on,
            detail=str(funder.get_kind_display()),
        )
        for funder in funders.order_by("first_seen_on", "name")
    ]
    definition = _(
        "Funders of the sector first recorded after %(baseline)s and by %(end)s that were not "
        "in the 2024 baseline reported by members%(major)s."
    ) % {
        "baseline": baseline.isoformat(),
        "end": end.isoformat(),
        "major": _(", with at least one grant over 250,000 USD a year") if major_only else "",
    }
    return CountResult(value=len(evidence), definition=definition, evidence=evidence)


def count_mentoring_pairs(start: datetime.date, end: datetime.date) -> int:
    """Mentoring pairs active at any time between ``start`` and ``end`` (inclusive)."""
    return (
        MentoringPair.objects.filter(started_on__lte=end)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=start))
        .count()
    )


def get_organisation_name(organisation_id: int) -> str:
    return Organisation.objects.values_list("name", flat=True).get(pk=organisation_id)


def list_organisation_choices() -> list[tuple[int, str]]:
    return list(Organisation.objects.values_list("pk", "name"))


def get_organisation_facets(organisation_ids: list[int]) -> dict[int, OrganisationFacets]:
    """Region and type per organisation, for the surveys app's result filters."""
    rows = Organisation.objects.filter(pk__in=organisation_ids).values("pk", "region", "org_type")
    return {
        row["pk"]: OrganisationFacets(region=row["region"], org_type=row["org_type"])
        for row in rows
    }


def list_organisation_type_choices() -> list[tuple[str, str]]:
    return [(value, str(label)) for value, label in OrganisationType.choices]


def list_survey_contact_emails(organisation_id: int) -> list[str]:
    """E-mails of an organisation's contacts who consented to surveys, not erased nor archived."""
    contacts = Contact.objects.filter(
        organisation_id=organisation_id,
        erased_on__isnull=True,
        archived_at__isnull=True,
        consents__purpose=ConsentPurpose.SURVEYS,
        consents__granted=True,
    ).exclude(email="")
    return sorted(set(contacts.values_list("email", flat=True)))


def get_organisation_id_by_slug(slug: str) -> int | None:
    return Organisation.objects.filter(slug=slug).values_list("pk", flat=True).first()


def list_coverage_tones() -> list[tuple[str, str]]:
    """The tones a piece of coverage is recorded with, as (code, label in the active language)."""
    return [(str(value), str(label)) for value, label in Tone.choices]


class CoverageRecord(TypedDict):
    """One entry of the coverage log: a published piece, its outlet and journalist."""

    id: int
    url: str
    outlet: str
    journalist: str
    published_on: datetime.date
    tone: str


def list_journalist_choices() -> list[tuple[int, str]]:
    """(id, "name — outlet") of the journalists of the media register, for staff pickers."""
    return [
        (
            journalist.pk,
            f"{journalist.name} — {journalist.outlet}" if journalist.outlet else journalist.name,
        )
        for journalist in Journalist.objects.select_related("outlet").order_by("name")
    ]


def list_coverage_choices() -> list[tuple[int, str]]:
    """(id, "date · outlet · link") of the coverage log, newest first, for staff pickers."""
    return [
        (c.pk, f"{c.published_on.isoformat()} · {c.outlet.name} · {c.url}")
        for c in Coverage.objects.select_related("outlet").order_by("-published_on", "pk")
    ]


def list_coverage_records(coverage_ids: list[int]) -> list[CoverageRecord]:
    rows = Coverage.objects.filter(pk__in=coverage_ids).select_related("outlet", "journalist")
    return [
        CoverageRecord(
            id=c.pk,
            url=c.url,
            outlet=c.outlet.name,
            journalist=c.journalist.name if c.journalist else "",
            published_on=c.published_on,
            tone=str(c.get_tone_display()),
        )
        for c in rows.order_by("published_on", "pk")
    ]


def list_journalist_names(journalist_ids: list[int]) -> list[str]:
    return list(Journalist.objects.filter(pk__in=journalist_ids).values_list("name", flat=True))


def list_existing_coverage_ids(coverage_ids: list[int]) -> set[int]:
    """Those of these ids that name an entry of the coverage log (one query for any number)."""
    return set(Coverage.objects.filter(pk__in=coverage_ids).values_list("pk", flat=True))


class OpenElection(TypedDict):
    """An election open today, with how many organisations have voted (never who voted how)."""

    id: int
    title: str
    closes_on: datetime.date
    candidates: int
    voted: int
    url: str


def list_open_elections() -> list[OpenElection]:
    """Elections open today, closing soonest first, in one query."""
    today = timezone.localdate()
    elections = (
        Election.objects.filter(opens_on__lte=today, closes_on__gte=today)
        .annotate(
            n_candidates=Count("candidates", distinct=True),
            n_voted=Count("voters", distinct=True),
        )
        .order_by("closes_on", "pk")
    )
    return [
        OpenElection(
            id=election.pk,
            title=election.title,
            closes_on=election.closes_on,
            candidates=election.n_candidates,
            voted=election.n_voted,
            url=reverse("network:election", args=[election.pk]),
        )
        for election in elections
    ]


class BallotEntry(TypedDict):
    """An open election seen by one member organisation: may it vote, has it voted."""

    title: str
    closes_on: datetime.date
    may_vote: bool
    has_voted: bool
    url: str


def list_ballot_for_organisation(organisation_id: int) -> list[BallotEntry]:
    """The open elections and this organisation's part in each (its own record only)."""
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        return []
    today = timezone.localdate()
    elections = (
        Election.objects.filter(opens_on__lte=today, closes_on__gte=today)
        .annotate(n_own_votes=Count("voters", filter=Q(voters__organisation_id=organisation_id)))
        .order_by("closes_on", "pk")
    )
    return [
        BallotEntry(
            title=election.title,
            closes_on=election.closes_on,
            may_vote=election.may_vote(organisation),
            has_voted=election.n_own_votes > 0,
            url=reverse("network:election", args=[election.pk]),
        )
        for election in elections
    ]


class OwnMentoringPair(TypedDict):
    """A mentoring pair the organisation belongs to, seen from its side."""

    role: str  # "mentor" or "mentee": the organisation's own side
    partner: str
    topics: str
    started_on: datetime.date
    check_ins: int


def list_mentoring_pairs_of_organisation(organisation_id: int) -> list[OwnMentoringPair]:
    """The organisation's current mentoring pairs (as mentor or mentee), in one query."""
    pairs = (
        MentoringPair.objects.filter(Q(mentor_id=organisation_id) | Q(mentee_id=organisation_id))
        .filter(ended_on__isnull=True)
        .select_related("mentor", "mentee")
        .annotate(n_check_ins=Count("check_ins"))
        .order_by("-started_on")
    )
    return [
        OwnMentoringPair(
            role="mentor" if pair.mentor_id == organisation_id else "mentee",
            partner=pair.mentee.name if pair.mentor_id == organisation_id else pair.mentor.name,
            topics=pair.topics,
            started_on=pair.started_on,
            check_ins=pair.n_check_ins,
        )
        for pair in pairs
    ]


def get_organisation_profile(organisation_id: int) -> PublicOrganisation | None:
    """An organisation's directory fields, whatever its membership status, or None."""
    found = public_organisation_rows(
        public_organisation_values(Organisation.objects.filter(pk=organisation_id))
    )
    return found[0] if found else None


def list_data_quality_flags() -> list[QualityFlag]:
    """What the secretariat should fix in the network's records, in two queries.

    - members the directory still lists although their lapse is recorded (``lapsed_on`` set
      while the status says member: an edit outside ``change_membership_status``);
    - listed members with no country of work (the headquarters is required; the countries of
      work are what the country filters and profiles read besides it);
    - contacts (not erased, not archived) with no consent recorded for any purpose: nothing may
      be sent to them until one is.
    """
    today = timezone.localdate()
    working_in = Organisation.countries.through.objects.filter(organisation_id=OuterRef("pk"))
    listed = (
        Organisation.objects.filter(status=MembershipStatus.MEMBER, archived_at__isnull=True)
        .annotate(has_country=Exists(working_in))
        .filter(Q(lapsed_on__lte=today) | Q(has_country=False))
        .order_by("name")
        .values_list("name", "slug", "lapsed_on", "has_country")
    )
    lapsed: list[FlaggedRow] = []
    without_country: list[FlaggedRow] = []
    for name, slug, lapsed_on, has_country in listed:
        if lapsed_on is not None and lapsed_on <= today:
            lapsed.append(
                FlaggedRow(
                    title=name,
                    url=reverse("network:organisation_status", args=[slug]),
                    reason=_("lapsed on %(day)s, still listed as a member")
                    % {"day": lapsed_on.isoformat()},
                )
            )
        if not has_country:
            without_country.append(
                FlaggedRow(
                    title=name,
                    url=reverse("network:organisation_edit", args=[slug]),
                    reason=_("no country of work recorded"),
                )
            )
    consents = ConsentRecord.objects.filter(contact_id=OuterRef("pk"))
    unconsented = [
        FlaggedRow(
            title=name,
            url=reverse("network:contact_consent", args=[pk]),
            reason=_("no consent recorded"),
        )
        for pk, name in Contact.objects.filter(erased_on__isnull=True, archived_at__isnull=True)
        .exclude(Exists(consents))
        .order_by("name", "pk")
        .values_list("pk", "name")
    ]
    directory = reverse("network:directory")
    return [
        QualityFlag(
            title=_("Members listed although their membership lapsed"),
            url=directory,
            items=lapsed,
        ),
        QualityFlag(
            title=_("Listed members with no country of work"), url=directory, items=without_country
        ),
        QualityFlag(
            title=_("Contacts with no consent recorded"),
            url=reverse("network:contacts"),
            items=unconsented,
        ),
    ]
