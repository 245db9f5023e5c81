"""Reads of countries and jurisdictions for other apps: plain functions returning plain data."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q

from vigie.core.models import Country, Subdivision


@dataclass(frozen=True)
class Jurisdiction:
    """A country or a sub-national jurisdiction, identified by its ISO 3166 code."""

    code: str
    name: str
    country_iso2: str
    is_subnational: bool


def count_countries() -> int:
    return Country.objects.count()


def get_country(code: str) -> Country | None:
    """Find a country by alpha-2, alpha-3 or numeric code (any case)."""
    code = code.strip().upper()
    field = {2: "iso2", 3: "numeric" if code.isdigit() else "iso3"}.get(len(code))
    if field is None:
        return None
    return Country.objects.filter(**{field: code}).first()


def get_countries(codes: Iterable[str]) -> dict[str, Country]:
    """``get_country`` for many codes in one query: each code as given → its country (if any)."""
    wanted = {code: code.strip().upper() for code in codes}
    found = Country.objects.filter(
        Q(iso2__in=wanted.values()) | Q(iso3__in=wanted.values()) | Q(numeric__in=wanted.values())
    )
    by_code: dict[str, Country] = {}
    for country in found:
        by_code.update({country.iso2: country, country.iso3: country, country.numeric: country})
    result = {}
    for given, code in wanted.items():
        field = {2: "iso2", 3: "numeric" if code.isdigit() else "iso3"}.get(len(code))
        match = by_code.get(code) if field else None
        if match is not None and getattr(match, str(field)) == code:
            result[given] = match
    return result


def get_jurisdiction(code: str) -> Jurisdiction | None:
    """Resolve an ISO 3166-1 alpha-2 (``PT``) or ISO 3166-2 (``US-OR``) code."""
    code = code.strip().upper()
    if "-" in code:
        subdivision = Subdivision.objects.select_related("country").filter(code=code).first()
        if subdivision is None:
            return None
        return Jurisdiction(subdivision.code, subdivision.name, subdivision.country.iso2, True)
    country = Country.objects.filter(iso2=code).first()
    if country is None:
        return None
    return Jurisdiction(country.iso2, country.name, country.iso2, False)


def list_un_member_states() -> list[Country]:
    return list(Country.objects.filter(is_un_member=True))
