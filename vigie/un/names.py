"""Matching country names as UN documents and reports write them to ISO 3166 codes.

UN lists use formal names ("Iran (Islamic Republic of)"), reports and blogs use short ones
("Iran", "UK"), and names change ("Turkey" → "Türkiye"). A name is normalised (case, accents,
punctuation, a leading "the") and looked up among the core country names and the alias table
``data/un/country_aliases.csv``, which documents each alias with its source.
"""

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from vigie.core.csvfiles import iter_csv_file
from vigie.core.models import Country

ALIAS_COLUMNS = ("alias", "iso3", "source")


def normalise_name(name: str) -> str:
    """Lower-case, strip accents and punctuation, drop a leading "the" and squeeze spaces."""
    text = unicodedata.normalize("NFKD", name.replace("’", "'"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


def aliases_path() -> Path:
    return Path(settings.DATA_DIR) / "un" / "country_aliases.csv"


def read_aliases(path: Path | None = None) -> dict[str, str]:
    """Normalised alias → ISO alpha-3, as documented in the alias file."""
    aliases: dict[str, str] = {}
    for row in iter_csv_file(path or aliases_path(), required_columns=ALIAS_COLUMNS):
        iso3 = row.required("iso3")
        row.required("source")
        key = normalise_name(row.required("alias"))
        if aliases.get(key, iso3) != iso3:
            raise row.error("alias", f"{row.get('alias')!r} already maps to {aliases[key]}")
        aliases[key] = iso3
    return aliases


@dataclass(frozen=True)
class MatchResult:
    matched: list[tuple[str, Country]]
    unmatched: list[str]


class NameMatcher:
    """Resolves names to countries; build it once per import (it reads the table once)."""

    def __init__(self) -> None:
        countries = list(Country.objects.all())
        by_iso3 = {country.iso3: country for country in countries}
        self._index: dict[str, Country] = {}
        for country in countries:
            for name in (
                country.name_en,
                country.name_fr,
                country.name_es,
                country.official_name,
                country.iso_name,
            ):
                if name:
                    self._index.setdefault(normalise_name(name), country)
                    # ISO writes "Iran, Islamic Republic of"; UN writes "Iran (Islamic Republic of)".
                    if "," in name:
                        head, tail = name.split(",", 1)
                        self._index.setdefault(normalise_name(f"{tail} {head}"), country)
                        self._index.setdefault(normalise_name(head), country)
            for code in (country.iso2, country.iso3):
                self._index.setdefault(code.lower(), country)
        for alias, iso3 in read_aliases().items():
            if iso3 in by_iso3:
                self._index[alias] = by_iso3[iso3]

    def match(self, name: str) -> Country | None:
        return self._index.get(normalise_name(name))

    def match_all(self, names: list[str]) -> MatchResult:
        matched: list[tuple[str, Country]] = []
        unmatched: list[str] = []
        for name in names:
            country = self.match(name)
            if country is None:
                unmatched.append(name)
            else:
                matched.append((name, country))
        return MatchResult(matched=matched, unmatched=unmatched)


def split_names(text: str) -> list[str]:
    """Split a pasted list ("In favour: Australia, Austria; Belgium" or one name per line).

    Only commas, semicolons and line breaks separate names: "and" belongs to names such as
    "Trinidad and Tobago". A leading label ending in a colon is dropped.
    """
    text = re.sub(r"^\s*[^:\n,]{0,40}:\s*", "", text.strip())
    parts = re.split(r"[,;\n]+", text)
    return [part.strip(" .\t") for part in parts if part.strip(" .\t")]
