"""What other apps may ask the network: member counts, directory rows, funding and mentoring.

Only public organisation fields leave this module; private fields stay behind the views that
check roles.
"""

import datetime
from typing import TypedDict

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from vigie.core.evidence import CountResult, Evidence
from vigie.network.models import (
    ConsentPurpose,
    Contact,
    Funder,
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


def organisation_public_dict(organisation: Organisation) -> PublicOrganisation:
    return {
        "id": organisation.pk,
        "name": organisation.name,
        "slug": organisation.slug,
        "type": organisation.org_type,
        "type_label": str(organisation.get_org_type_display()),
        "region": organisation.region,
        "headquarters": organisation.headquarters.iso2,
        "countries": sorted(c.iso2 for c in organisation.countries.all()),
        "focus_areas": organisation.focus_list(),
        "languages": [x.strip() for x in organisation.languages.split(",") if x.strip()],
        "website": organisation.website,
        "summary": organisation.summary,
        "summary_en": organisation.summary_en,
        "summary_fr": organisation.summary_fr,
        "summary_es": organisation.summary_es,
        "url": reverse("network:organisation", args=[organisation.slug]),
    }


def member_organisations(country: str = "") -> QuerySet[Organisation]:
    """Current members, by name (those headquartered or working in ``country`` if given)."""
    members = Organisation.objects.filter(status=MembershipStatus.MEMBER, archived_at__isnull=True)
    if country:
        code = country.upper()
        members = members.filter(Q(headquarters__iso2=code) | Q(countries__iso2=code)).distinct()
    return members.select_related("headquarters").prefetch_related("countries").order_by("name")


def list_member_organisations() -> list[PublicOrganisation]:
    return [organisation_public_dict(o) for o in member_organisations()]


def list_member_organisations_in_country(iso2: str) -> list[PublicOrganisation]:
    """Member organisations headquartered in or working in a country (public fields only)."""
    return [organisation_public_dict(o) for o in member_organisations(iso2)]


def get_member_organisation(slug: str) -> PublicOrganisation | None:
    """One current member by its slug (public fields only), or None."""
    found = member_organisations().filter(slug=slug).first()
    return organisation_public_dict(found) if found is not None else None


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
