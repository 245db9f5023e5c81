"""Load the fictional demo network (organisations, contacts, funders, mentoring, media) from
``data/demo/network/``. There is no bundled real data: members' details are private.

Every file is validated while it is written inside one transaction, so a bad row names its file,
line and field and leaves the database untouched. Rows are matched on natural keys (slug, name),
so loading twice changes nothing.
"""

import datetime
from pathlib import Path

from django.conf import settings
from django.db import transaction

from vigie.core.csvfiles import CsvRow, iter_csv_file
from vigie.core.freshness import changes_facts
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


def _date(row: CsvRow, field: str, *, required: bool = True) -> datetime.date | None:
    value = row.get(field)
    if not value:
        if required:
            raise row.error(field, "a date is required")
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise row.error(field, f"'{value}' is not a date (YYYY-MM-DD)") from error


def _choice(row: CsvRow, field: str, values: list[str]) -> str:
    value = row.required(field)
    if value not in values:
        raise row.error(field, f"'{value}' is not one of {', '.join(values)}")
    return value


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


def _split(value: str) -> list[str]:
    return [item.strip() for item in value.split(";") if item.strip()]


@changes_facts
def load_organisations(path: Path) -> int:
    count = 0
    for row in iter_csv_file(path, required_columns=("slug", "name", "org_type", "headquarters")):
        organisation, _created = Organisation.objects.update_or_create(
            slug=row.required("slug"),
            defaults={
                "name": row.required("name"),
                "org_type": _choice(row, "org_type", OrganisationType.values),
                "headquarters": _country(row, "headquarters"),
                "region": _choice(row, "region", Region.values),
                "languages": ", ".join(_split(row.get("languages"))),
                "focus_areas": ", ".join(_split(row.get("focus_areas"))),
                "status": _choice(row, "status", MembershipStatus.values),
                "applied_on": _date(row, "applied_on"),
                "admitted_on": _date(row, "admitted_on", required=False),
                "summary_en": row.get("summary_en"),
                "summary_fr": row.get("summary_fr"),
                "summary_es": row.get("summary_es"),
                "annual_budget_band": row.get("budget_band"),
            },
        )
        codes = _split(row.get("countries"))
        countries = list(Country.objects.filter(iso2__in=codes))
        if len(countries) != len(set(codes)):
            raise row.error("countries", f"unknown country code in '{row.get('countries')}'")
        organisation.countries.set(countries)
        count += 1
    return count


@changes_facts
def load_contacts(path: Path) -> int:
    count = 0
    for row in iter_csv_file(path, required_columns=("organisation", "name", "email")):
        contact, _created = Contact.objects.get_or_create(
            email=row.required("email"),
            defaults={
                "organisation": _organisation(row, "organisation"),
                "name": row.required("name"),
                "phone": row.get("phone"),
                "role_title": row.get("role"),
            },
        )
        recorded_on = _date(row, "consent_recorded_on")
        for purpose in _split(row.get("consent_purposes")):
            if purpose not in ConsentPurpose.values:
                raise row.error("consent_purposes", f"'{purpose}' is not a consent purpose")
            ConsentRecord.objects.get_or_create(
                contact=contact,
                purpose=purpose,
                recorded_on=recorded_on,
                defaults={"granted": True, "wording": "Demo consent (fictional)."},
            )
        count += 1
    return count


@changes_facts
def load_funding(funders_path: Path, grants_path: Path) -> int:
    for row in iter_csv_file(funders_path, required_columns=("name", "kind", "first_seen_on")):
        Funder.objects.update_or_create(
            name=row.required("name"),
            defaults={
                "kind": _choice(row, "kind", FunderKind.values),
                "first_seen_on": _date(row, "first_seen_on"),
                "in_baseline": row.boolean("in_baseline"),
            },
        )
    count = 0
    for row in iter_csv_file(grants_path, required_columns=("funder", "kind", "size_band")):
        funder = Funder.objects.filter(name=row.required("funder")).first()
        if funder is None:
            raise row.error("funder", f"no funder named '{row.get('funder')}'")
        organisation = _organisation(row, "organisation") if row.get("organisation") else None
        if organisation is None and not row.get("programme"):
            raise row.error("programme", "a grant needs an organisation or a programme")
        Grant.objects.update_or_create(
            funder=funder,
            organisation=organisation,
            programme=row.get("programme"),
            defaults={
                "kind": _choice(row, "kind", SupportKind.values),
                "size_band": _choice(row, "size_band", SizeBand.values),
                "started_on": _date(row, "started_on"),
            },
        )
        count += 1
    return count


@changes_facts
def load_mentoring(path: Path) -> int:
    count = 0
    for row in iter_csv_file(path, required_columns=("mentor", "mentee", "started_on")):
        pair, _created = MentoringPair.objects.update_or_create(
            mentor=_organisation(row, "mentor"),
            mentee=_organisation(row, "mentee"),
            started_on=_date(row, "started_on"),
            defaults={
                "topics": ", ".join(_split(row.get("topics"))),
                "ended_on": _date(row, "ended_on", required=False),
            },
        )
        for value in _split(row.get("check_ins")):
            try:
                held_on = datetime.date.fromisoformat(value)
            except ValueError as error:
                raise row.error("check_ins", f"'{value}' is not a date") from error
            CheckIn.objects.get_or_create(pair=pair, held_on=held_on)
        count += 1
    return count


@changes_facts
def load_media(path: Path) -> int:
    count = 0
    for row in iter_csv_file(path, required_columns=("name", "outlet", "country")):
        country = _country(row, "country")
        outlet, _created = Outlet.objects.get_or_create(
            name=row.required("outlet"), defaults={"country": country}
        )
        journalist, _created = Journalist.objects.update_or_create(
            name=row.required("name"),
            defaults={
                "outlet": outlet,
                "country": country,
                "languages": ", ".join(_split(row.get("languages"))),
                "beats": row.get("beats"),
                "stance_notes": row.get("stance_notes"),
            },
        )
        if row.get("interaction_kind"):
            Interaction.objects.get_or_create(
                journalist=journalist,
                kind=_choice(row, "interaction_kind", InteractionKind.values),
                happened_on=_date(row, "interaction_on"),
            )
        if row.get("coverage_url"):
            Coverage.objects.get_or_create(
                url=row.required("coverage_url"),
                defaults={
                    "journalist": journalist,
                    "outlet": outlet,
                    "published_on": _date(row, "coverage_on"),
                    "tone": _choice(row, "tone", Tone.values),
                },
            )
        count += 1
    return count


def load_bundled() -> dict[str, str]:
    """The network ships no real member data; only demo data is loaded (see ``load_demo``)."""
    return {}


@transaction.atomic
def load_demo(directory: Path = DEMO_DIR) -> dict[str, str]:
    return {
        "organisations": f"{load_organisations(directory / 'organisations.csv')} rows",
        "contacts": f"{load_contacts(directory / 'contacts.csv')} rows",
        "grants": f"{load_funding(directory / 'funders.csv', directory / 'grants.csv')} rows",
        "mentoring": f"{load_mentoring(directory / 'mentoring.csv')} rows",
        "media": f"{load_media(directory / 'journalists.csv')} rows",
    }
