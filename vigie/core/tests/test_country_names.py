"""Country names read as people write them: "Bolivia", not "Bolivia, Plurinational State of"."""

import csv
from pathlib import Path

import pytest
from django.conf import settings

from vigie.core.models import Country

LIST_WORDS = (" and ", " et ", " y ")


def _rows() -> list[dict[str, str]]:
    with (Path(settings.DATA_DIR) / "core" / "countries.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("column", ["name_en", "name_fr", "name_es"])
def test_no_name_shown_to_readers_is_inverted(column: str) -> None:
    inverted = [
        row[column]
        for row in _rows()
        if ", " in row[column]
        and not any(word in row[column].rsplit(", ", 1)[1] for word in LIST_WORDS)
    ]
    assert inverted == []


@pytest.mark.django_db
def test_loaded_countries_have_short_names_in_each_language() -> None:
    bolivia = Country.objects.get(iso2="BO")
    assert (bolivia.name_en, bolivia.name_fr, bolivia.name_es) == ("Bolivia", "Bolivie", "Bolivia")
    assert bolivia.iso_name == "Bolivia, Plurinational State of"
    korea = Country.objects.get(iso2="KR")
    assert (korea.name_en, korea.name_fr, korea.name_es) == (
        "South Korea",
        "Corée du Sud",
        "Corea del Sur",
    )


@pytest.mark.django_db
def test_documents_that_use_the_iso_name_are_still_matched() -> None:
    from vigie.un.names import NameMatcher

    matcher = NameMatcher()
    for name, iso3 in [
        ("Korea, Republic of", "KOR"),
        ("Bolivia, Plurinational State of", "BOL"),
        ("Bolivia (Plurinational State of)", "BOL"),
        ("South Korea", "KOR"),
        ("Tanzania", "TZA"),
    ]:
        country = matcher.match(name)
        assert country is not None and country.iso3 == iso3, name
