"""Load the fictional demo network (organisations, contacts, funders, mentoring, media) from
``data/demo/network/``. There is no bundled real data: members' details are private.

Every file is validated while it is written inside one transaction, so a bad row names its file,
line and field and leaves the database untouched. Rows are matched on natural keys (slug, name),
so loading twice changes nothing.
"""

from pathlib import Path

from django.conf import settings
from django.db import transaction

from vigie.core.csvfiles import CsvRow, iter_csv_file, parse_date
from vigie.core.freshness import changes_facts
from vigie.core.loading import LoadReport, upsert
from vigie.core.models import Country
from vigie.core.regions import Region
from vigie.network.models import (
    CheckIn,
    ConsentPurpose,
    ConsentRecord,
    Contact,
    Coverage,
    Funder,
    FunderKind,
    Grant,
    Interaction,
    InteractionKind,
    Journalist,
    MembershipStatus,
    MentoringPair,
    Organisation,
    OrganisationType,
    Outlet,
    SizeBand,
    SupportKind,
    Tone,
)

DEMO_DIR = Path(settings.BASE_DIR) / "data" / "demo" / "network"


def _country(row: CsvRow, field: str) -> Country:
    code = row.required(field).upper()
    country = Country.objects.filter(iso2=code).first()
    if country is None:
        raise row.error(field, f"'{code}' is not a known ISO alpha-2 country code")
    return country


def _organisation(row: CsvRow, field: str) -> Organisation:
    slug = row.required(field)
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        raise row.error(field, f"no organisation with slug '{slug}'")
    return organisation


@changes_facts
def load_organisations(path: Path) -> LoadReport:
    report = LoadReport()
    for row in iter_csv_file(path, required_columns=("slug", "name", "org_type", "headquarters")):
        organisation = upsert(
            report,
            Organisation,
            {"slug": row.required("slug")},
            {
                "name": row.required("name"),
                "org_type": row.choice("org_type", OrganisationType.values),
                "headquarters": _country(row, "headquarters"),
                "region": row.choice("region", Region.values),
                "languages": ", ".join(row.items("languages")),
                "focus_areas": ", ".join(row.items("focus_areas")),
                "status": row.choice("status", MembershipStatus.values),
                "applied_on": row.date("applied_on"),
                "admitted_on": row.date("admitted_on", required=False),
                **row.translations("summary", required=False),
                "annual_budget_band": row.get("budget_band"),
            },
        )
        codes = row.items("countries")
        countries = list(Country.objects.filter(iso2__in=codes))
        if len(countries) != len(set(codes)):
            raise row.error("countries", f"unknown country code in '{row.get('countries')}'")
        organisation.countries.set(countries)
    return report


@changes_facts
def load_contacts(path: Path) -> LoadReport:
    report = LoadReport()
    for row in iter_csv_file(path, required_columns=("organisation", "name", "email")):
        contact = upsert(
            report,
            Contact,
            {"email": row.required("email")},
            {
                "organisation": _organisation(row, "organisation"),
                "name": row.required("name"),
                "phone": row.get("phone"),
                "role_title": row.get("role"),
            },
        )
        recorded_on = row.date("consent_recorded_on")
        for purpose in row.items("consent_purposes"):
            if purpose not in ConsentPurpose.values:
                raise row.error("consent_purposes", f"'{purpose}' is not a consent purpose")
            ConsentRecord.objects.get_or_create(
                contact=contact,
                purpose=purpose,
                recorded_on=recorded_on,
                defaults={"granted": True, "wording": "Demo consent (fictional)."},
            )
    return report


@changes_facts
def load_funding(funders_path: Path, grants_path: Path) -> LoadReport:
    """Funders, then the grants that name them; one report for both files."""
    report = LoadReport()
    for row in iter_csv_file(funders_path, required_columns=("name", "kind", "first_seen_on")):
        upsert(
            report,
            Funder,
            {"name": row.required("name")},
            {
                "kind": row.choice("kind", FunderKind.values),
                "first_seen_on": row.date("first_seen_on"),
                "in_baseline": row.boolean("in_baseline"),
            },
        )
    for row in iter_csv_file(grants_path, required_columns=("funder", "kind", "size_band")):
        funder = Funder.objects.filter(name=row.required("funder")).first()
        if funder is None:
            raise row.error("funder", f"no funder named '{row.get('funder')}'")
        organisation = _organisation(row, "organisation") if row.get("organisation") else None
        if organisation is None and not row.get("programme"):
            raise row.error("programme", "a grant needs an organisation or a programme")
        upsert(
            report,
            Grant,
            {"funder": funder, "organisation": organisation, "programme": row.get("programme")},
            {
                "kind": row.choice("kind", SupportKind.values),
                "size_band": row.choice("size_band", SizeBand.values),
                "started_on": row.date("started_on"),
            },
        )
    return report


@changes_facts
def load_mentoring(path: Path) -> LoadReport:
    report = LoadReport()
    for row in iter_csv_file(path, required_columns=("mentor", "mentee", "started_on")):
        pair = upsert(
            report,
            MentoringPair,
            {
                "mentor": _organisation(row, "mentor"),
                "mentee": _organisation(row, "mentee"),
                "started_on": row.date("started_on"),
            },
            {
                "topics": ", ".join(row.items("topics")),
                "ended_on": row.date("ended_on", required=False),
            },
        )
        for value in row.items("check_ins"):
            try:
                held_on, _approximate = parse_date(value)
            except ValueError as error:
                raise row.error("check_ins", str(error)) from None
            CheckIn.objects.get_or_create(pair=pair, held_on=held_on)
    return report


@changes_facts
def load_media(path: Path) -> LoadReport:
    report = LoadReport()
    for row in iter_csv_file(path, required_columns=("name", "outlet", "country")):
        country = _country(row, "country")
        outlet, _created = Outlet.objects.get_or_create(
            name=row.required("outlet"), defaults={"country": country}
        )
        journalist = upsert(
            report,
            Journalist,
            {"name": row.required("name")},
            {
                "outlet": outlet,
                "country": country,
                "languages": ", ".join(row.items("languages")),
                "beats": row.get("beats"),
                "stance_notes": row.get("stance_notes"),
            },
        )
        if row.get("interaction_kind"):
            Interaction.objects.get_or_create(
                journalist=journalist,
                kind=row.choice("interaction_kind", InteractionKind.values),
                happened_on=row.date("interaction_on"),
            )
        if row.get("coverage_url"):
            Coverage.objects.get_or_create(
                url=row.required("coverage_url"),
                defaults={
                    "journalist": journalist,
                    "outlet": outlet,
                    "published_on": row.date("coverage_on"),
                    "tone": row.choice("tone", Tone.values),
                },
            )
    return report


def load_bundled() -> dict[str, LoadReport]:
    """The network ships no real member data; only demo data is loaded (see ``load_demo``)."""
    return {}


@transaction.atomic
def load_demo(directory: Path = DEMO_DIR) -> dict[str, LoadReport]:
    return {
        "organisations": load_organisations(directory / "organisations.csv"),
        "contacts": load_contacts(directory / "contacts.csv"),
        "funders and grants": load_funding(directory / "funders.csv", directory / "grants.csv"),
        "mentoring pairs": load_mentoring(directory / "mentoring.csv"),
        "journalists": load_media(directory / "journalists.csv"),
    }
