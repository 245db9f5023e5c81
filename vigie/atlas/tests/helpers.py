"""Hand-made measures for tests: a few fields, everything else defaulted."""

import datetime
from typing import Any

from vigie.atlas.models import PolicyMeasure
from vigie.atlas.services import save_measure
from vigie.core.models import Country, Subdivision
from vigie.core.tests.factories import make_country


def make_measure(code: str, jurisdiction: str, kind: str, **fields: Any) -> PolicyMeasure:
    data: dict[str, Any] = {
        "jurisdiction": jurisdiction,
        "title": code,
        "kind": kind,
        "status": "in_force",
        "substance_scope": "all",
        "substances": "",
        "proposed_on": None,
        "adopted_on": None,
        "in_force_on": None,
        "ended_on": None,
        "date_precision": "day",
        "sanction": "none",
        "police_may_seize": None,
        "thresholds": "",
        "expungement": False,
        "equity_licensing": False,
        "community_reinvestment": False,
        "corporate_capture_limits": False,
        "verification": "verified",
        "summary_en": f"Summary of {code}",
        "summary_fr": f"Résumé de {code}",
        "summary_es": f"Resumen de {code}",
        "notes": "",
        "reverses": "",
        "sources": [f"https://example.org/{code}"],
    }
    for name, value in fields.items():
        data[name] = value.isoformat() if isinstance(value, datetime.date) else value
    measure, _outcome = save_measure(code=code, data=data)
    return measure


def make_place(code: str, name: str = "", **fields: Any) -> Country | Subdivision:
    """A country (``PT``) or sub-national unit (``US-OR``) with a stable numeric code.

    The numeric code is derived from the letters, so repeated calls never use up codes.
    """
    iso2 = code.split("-")[0]
    a, b = (ord(letter) - ord("A") for letter in iso2)
    numeric = fields.pop("numeric", None) or str(a * 26 + b).zfill(3)
    if "-" in code:
        fields = {}
    elif name:
        fields["name_en"] = name
    country = make_country(iso2, numeric=numeric, **fields)
    if "-" not in code:
        return country
    subdivision, _created = Subdivision.objects.get_or_create(
        code=code, defaults={"country": country, "name": name or code}
    )
    return subdivision


def make_uruguay_regulation() -> PolicyMeasure:
    """Uruguay's legal regulation of cannabis for adults (Law 19.172, December 2013)."""
    make_place("UY", numeric="858", name_en="Uruguay", region="019")
    return make_measure(
        "uy",
        "UY",
        "regulation_adult",
        substance_scope="cannabis",
        adopted_on=datetime.date(2013, 12, 20),
    )
