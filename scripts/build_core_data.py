"""Rebuild data/core/countries.csv and subdivisions.csv from the packages that carry them.

Country codes and names (with their French and Spanish translations) come from pycountry's
copy of the ISO 3166 tables (Debian's iso-codes); UN M49 sub-regions and UN membership come from
country_converter's country table. Run: .venv/bin/python scripts/build_core_data.py

Names shown to readers are short: ISO writes some names inverted ("Bolivia, Plurinational State
of", "Corée, République de"), which reads wrongly inside a sentence or a list. Those are replaced
by the Unicode CLDR's names for the country in each language (read through Babel); the ISO name
is kept in ``iso_name`` so that documents that use it are still matched.
"""

import csv
import gettext
import os
import sys
from pathlib import Path

import country_converter
import django
import pycountry
from babel import Locale

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vigie.settings")
django.setup()

from vigie.core.regions import REGION_OF_SUBREGION, SubRegion  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "data" / "core"
SUBREGION_BY_NAME = {str(label): code for code, label in SubRegion.choices}


def _translator(language: str, domain: str) -> gettext.NullTranslations:
    return gettext.translation(domain, pycountry.LOCALES_DIR, languages=[language])


def _converter_rows() -> dict[str, dict[str, str]]:
    table = Path(country_converter.__file__).with_name("country_data.tsv")
    with table.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    # A few rows hold a pattern of codes (e.g. "^GB$|^UK$"); index by alpha-3, which is plain.
    return {row["ISO3"]: row for row in rows}


# Where CLDR's usual name names something else than the state Vigie's sources speak of: the
# State of Palestine is a UN observer state (CLDR: "Palestinian Territories"); CLDR's English
# and French "Congo - Kinshasa" is a colloquial form, not the name used in UN documents.
SHORT_NAME_OVERRIDES = {
    "PS": {"en": "Palestine", "fr": "Palestine", "es": "Palestina"},
    "CD": {
        "en": "Democratic Republic of the Congo",
        "fr": "République démocratique du Congo",
        "es": "República Democrática del Congo",
    },
}
LIST_WORDS = (" and ", " et ", " y ")


def is_inverted(name: str) -> bool:
    """ "Korea, Republic of" is inverted; "Bonaire, Sint Eustatius and Saba" is a list."""
    if ", " not in name:
        return False
    tail = name.rsplit(", ", 1)[1]
    return not any(word in tail for word in LIST_WORDS)


def short_name(iso2: str, language: str, iso_name: str) -> str:
    if not is_inverted(iso_name):
        return iso_name
    override = SHORT_NAME_OVERRIDES.get(iso2, {}).get(language)
    return override or Locale(language).territories.get(iso2, iso_name)


def build_countries() -> int:
    fr, es = _translator("fr", "iso3166-1"), _translator("es", "iso3166-1")
    converter = _converter_rows()
    rows = []
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        extra = converter.get(country.alpha_3, {})
        subregion = SUBREGION_BY_NAME.get(extra.get("UNregion", ""), "")
        member_since = extra.get("UNmember", "").split(".")[0]
        rows.append(
            {
                "iso2": country.alpha_2,
                "iso3": country.alpha_3,
                "numeric": country.numeric,
                "name_en": short_name(country.alpha_2, "en", country.name),
                "name_fr": short_name(country.alpha_2, "fr", fr.gettext(country.name)),
                "name_es": short_name(country.alpha_2, "es", es.gettext(country.name)),
                "official_name": getattr(country, "official_name", ""),
                "region": REGION_OF_SUBREGION.get(subregion, ""),
                "subregion": subregion,
                "un_member_since": member_since if member_since.isdigit() else "",
                "iso_name": country.name,
            }
        )
    with (OUT / "countries.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


def build_subdivisions() -> int:
    rows = [
        {
            "code": sub.code,
            "country": sub.country_code,
            "name": sub.name,
            "category": sub.type,
        }
        for sub in sorted(pycountry.subdivisions, key=lambda s: s.code)
    ]
    with (OUT / "subdivisions.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


if __name__ == "__main__":
    print(f"{build_countries()} countries, {build_subdivisions()} subdivisions written to {OUT}")
