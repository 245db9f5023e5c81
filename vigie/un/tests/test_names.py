import csv
from pathlib import Path

import pytest
from django.conf import settings

from vigie.un.names import NameMatcher, normalise_name, split_names

DATA = Path(settings.DATA_DIR) / "un"

UN_STYLE_NAMES = {
    "Iran (Islamic Republic of)": "IRN",
    "Bolivia (Plurinational State of)": "BOL",
    "Türkiye": "TUR",
    "Turkey": "TUR",
    "Republic of Korea": "KOR",
    "United Kingdom of Great Britain and Northern Ireland": "GBR",
    "Côte d'Ivoire": "CIV",
    "Cote d’Ivoire": "CIV",
    "Russian Federation": "RUS",
    "State of Palestine": "PSE",
    "Holy See": "VAT",
    "Venezuela (Bolivarian Republic of)": "VEN",
    "United Republic of Tanzania": "TZA",
    "the Netherlands": "NLD",
    "Democratic Republic of the Congo": "COD",
    "Congo": "COG",
    "Trinidad and Tobago": "TTO",
    "Lao People's Democratic Republic": "LAO",
    "Syrian Arab Republic": "SYR",
    "Republic of Moldova": "MDA",
    "Viet Nam": "VNM",
}


def test_normalise_ignores_case_accents_punctuation_and_the() -> None:
    assert normalise_name("  The CÔTE D'IVOIRE ") == normalise_name("cote d ivoire")
    assert normalise_name("Iran (Islamic Republic of)") == "iran islamic republic of"


@pytest.mark.parametrize(("name", "iso3"), sorted(UN_STYLE_NAMES.items()))
def test_un_style_names_map_to_their_iso_code(countries: None, name: str, iso3: str) -> None:
    country = NameMatcher().match(name)
    assert country is not None and country.iso3 == iso3


def _shipped_names() -> list[tuple[str, str]]:
    """(name, expected iso3 or "") for every country name in the shipped UN files."""
    names = []
    with (DATA / "vote_records.csv").open(encoding="utf-8") as handle:
        names += [(row["country"], row["iso3"]) for row in csv.DictReader(handle)]
    with (DATA / "joint_signatories.csv").open(encoding="utf-8") as handle:
        names += [(row["country"], "") for row in csv.DictReader(handle)]
    with (DATA / "country_aliases.csv").open(encoding="utf-8") as handle:
        names += [(row["alias"], row["iso3"]) for row in csv.DictReader(handle)]
    return names


def test_every_name_in_the_shipped_lists_maps_with_no_miss(countries: None) -> None:
    matcher = NameMatcher()
    misses = []
    for name, iso3 in _shipped_names():
        country = matcher.match(name)
        if country is None or (iso3 and country.iso3 != iso3):
            misses.append((name, iso3, country.iso3 if country else None))
    assert misses == []
    assert len(_shipped_names()) > 200


def test_unknown_name_is_reported_not_guessed(countries: None) -> None:
    result = NameMatcher().match_all(["Austria", "Atlantis"])
    assert result.unmatched == ["Atlantis"]
    assert [(name, c.iso3) for name, c in result.matched] == [("Austria", "AUT")]


def test_pasted_list_splits_on_commas_and_lines_but_keeps_and_in_names() -> None:
    text = "In favour: Australia, Trinidad and Tobago;\nBosnia and Herzegovina\nIran (Islamic Republic of)."
    assert split_names(text) == [
        "Australia",
        "Trinidad and Tobago",
        "Bosnia and Herzegovina",
        "Iran (Islamic Republic of)",
    ]
