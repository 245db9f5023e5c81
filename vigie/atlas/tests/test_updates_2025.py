"""The 2024–2025 atlas rows: loaded twice, UNVERIFIED marks on their pages, the counting rule."""

import csv
import datetime
from html import escape
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from vigie.atlas import queries
from vigie.atlas.importer import MEASURE_COLUMNS, apply_import
from vigie.atlas.loaders import load_bundled
from vigie.atlas.models import COUNTING_RULE, PolicyMeasure
from vigie.atlas.tests.helpers import make_measure
from vigie.core.errors import DataFileError

pytestmark = pytest.mark.django_db

UPDATE_CODES = [
    "za-2024-cannabis-private-purposes-act",
    "ch-2023-cannabis-pilot-trials",
    "ch-2025-cannabis-products-act-draft",
    "cz-2025-kratom-psychomodulatory",
    "us-ne-2024-medical-cannabis",
]
KRATOM = "cz-2025-kratom-psychomodulatory"


def _bundled_rows() -> list[dict[str, str]]:
    path = Path(settings.DATA_DIR) / "atlas" / "measures.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_update_rows_load_and_loading_twice_keeps_the_count() -> None:
    load_bundled()
    load_bundled()
    assert PolicyMeasure.objects.count() == len(_bundled_rows())
    loaded = PolicyMeasure.objects.filter(code__in=UPDATE_CODES)
    assert loaded.count() == len(UPDATE_CODES)
    assert all(measure.sources.exists() for measure in loaded)


def test_every_unverified_mark_and_conflict_of_the_updates_is_on_its_page(client: Client) -> None:
    load_bundled()
    rows = {row["code"]: row for row in _bundled_rows() if row["code"] in UPDATE_CODES}
    marked = 0
    for code, row in rows.items():
        html = client.get(f"/en/atlas/measures/{code}/").content.decode()
        for field in ("notes", "thresholds"):
            for sentence in row[field].split(". "):
                if "UNVERIFIED" in sentence or "conflict" in sentence.lower():
                    marked += 1
                    assert escape(sentence) in html, (code, field, sentence)
        if row["verification"] != "verified":
            assert "Parts of this entry could not be confirmed" in html
    assert marked >= 4


def test_the_loader_names_the_row_and_field_of_sources_joined_with_semicolons() -> None:
    header = ",".join(MEASURE_COLUMNS)
    row = dict.fromkeys(MEASURE_COLUMNS, "")
    row.update(
        code="za-test",
        jurisdiction="ZA",
        title="t",
        kind="decrim_de_jure",
        status="in_force",
        substance_scope="cannabis",
        summary_en="s",
        sources="https://a.example/x ; https://b.example/y",
    )
    text = header + "\n" + ",".join(row[name] for name in MEASURE_COLUMNS) + "\n"
    with pytest.raises(DataFileError) as error:
        apply_import(text, file="measures.csv")
    assert "measures.csv, line 2, field `sources`" in str(error.value)
    assert "separate sources with '|'" in str(error.value)
    assert not PolicyMeasure.objects.filter(code="za-test").exists()


# The rule on substances not under international control (kratom).


def test_kratom_is_recorded_as_not_under_international_control_and_not_counted() -> None:
    load_bundled()
    kratom = PolicyMeasure.objects.get(code=KRATOM)
    assert not kratom.under_international_control
    assert PolicyMeasure.objects.filter(under_international_control=False).count() == 1
    start, end = datetime.date(2024, 1, 1), datetime.date(2025, 12, 31)
    counted = queries.count_new_regulating_jurisdictions(start, end, social_justice_only=False)
    assert "CZ" not in {row.url.rsplit("/", 2)[-2].upper() for row in counted.evidence}
    assert all(KRATOM not in row.url for row in counted.evidence)
    # Under the rule's opposite, the same measure would count: the rule is what excludes it.
    PolicyMeasure.objects.filter(code=KRATOM).update(under_international_control=True)
    again = queries.count_new_regulating_jurisdictions(start, end, social_justice_only=False)
    assert again.value == counted.value + 1
    assert any(KRATOM in row.url for row in again.evidence)


def test_the_map_colour_ignores_a_measure_on_an_uncontrolled_substance() -> None:
    make_measure(
        "xx-kratom",
        "TH",
        "regulation_adult",
        adopted_on=datetime.date(2020, 1, 1),
        under_international_control=False,
    )
    assert "TH" not in queries.get_strongest_measure_by_country(2024)
    PolicyMeasure.objects.filter(code="xx-kratom").update(under_international_control=True)
    assert queries.get_strongest_measure_by_country(2024)["TH"] == "regulation_adult"


def test_the_rule_is_shown_on_the_map_and_on_the_measure_page(client: Client) -> None:
    load_bundled()
    rule = str(COUNTING_RULE)
    first_words = rule.split(" (")[0]
    assert first_words in client.get("/en/atlas/").content.decode()
    page = client.get(f"/en/atlas/measures/{KRATOM}/").content.decode()
    assert "Not under international control" in page and first_words in page
    other = client.get("/en/atlas/measures/za-2024-cannabis-private-purposes-act/")
    assert "Not under international control" not in other.content.decode()


def test_a_file_without_the_column_means_controlled_and_a_bad_value_is_refused() -> None:
    columns = list(MEASURE_COLUMNS)
    values = {
        "code": "pt-x",
        "jurisdiction": "PT",
        "title": "t",
        "kind": "decrim_de_jure",
        "status": "in_force",
        "substance_scope": "all",
        "summary_en": "s",
        "sources": "https://a.example/x",
    }
    line = ",".join(values.get(name, "") for name in columns)
    apply_import(",".join(columns) + "\n" + line + "\n", file="m.csv")
    assert PolicyMeasure.objects.get(code="pt-x").under_international_control
    bad = ",".join([*columns, "under_international_control"]) + "\n" + line + ",maybe\n"
    with pytest.raises(DataFileError, match="under_international_control"):
        apply_import(bad, file="m.csv")


def test_the_csv_export_carries_the_column(client: Client) -> None:
    load_bundled()
    rows = list(csv.DictReader(client.get("/en/atlas/measures.csv").content.decode().splitlines()))
    by_code = {row["code"]: row for row in rows}
    assert by_code[KRATOM]["under_international_control"] == "no"
    assert by_code["za-2024-cannabis-private-purposes-act"]["under_international_control"] == "yes"
