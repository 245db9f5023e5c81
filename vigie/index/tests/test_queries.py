from io import StringIO

import pandas as pd
import pytest

import composite
from vigie.index import queries
from vigie.index.tests.factories import DATA, SPEC, make_computed_edition

pytestmark = pytest.mark.django_db


def test_reweighting_equals_a_rebuild_of_the_index_with_those_weights() -> None:
    edition = make_computed_edition()
    rows = {row.unit_code: row for row in queries.reweight(edition, {"health": 3, "justice": 1})}
    spec = composite.load_spec(
        SPEC.replace(
            'code = "health"\nname = "Health"\nlevel = 2',
            'code = "health"\nname = "Health"\nlevel = 2\nweight = 3',
        )
    )
    rebuilt = composite.run_pipeline(spec, pd.read_csv(StringIO(DATA)))
    for unit, score in rebuilt.index_scores.items():
        assert rows[str(unit)].score == pytest.approx(score)
    assert rows["PRT"].rank == 1 and rows["PRT"].nominal_rank == 2


def test_rankings_filter_by_region_and_sort_by_a_dimension() -> None:
    edition = make_computed_edition()
    americas = queries.get_rankings(edition.pk, region="019")
    assert {row["unit_code"] for row in americas} == {"CAN", "BRA"}
    by_justice = queries.get_rankings(edition.pk, sort="-justice")
    assert [row["unit_code"] for row in by_justice][:2] == ["CAN", "NOR"]


def test_country_summary_lists_published_editions_with_strongest_and_weakest() -> None:
    make_computed_edition()
    [summary] = queries.get_country_index_summary("PT")
    assert summary["rank"] == 2 and summary["of"] == 4
    assert (summary["edition_title"], summary["edition_year"]) == ("Test index", 2024)
    assert summary["overall"] == summary["score"]
    assert summary["strongest"] == "Health" and summary["weakest"] == "Justice"
    assert queries.get_country_index_summary("PRT")[0]["score"] == summary["score"]


def test_unpublished_editions_stay_out_of_public_queries() -> None:
    make_computed_edition(publish=False)
    assert queries.list_editions() == []
    assert queries.get_country_index_summary("PT") == []
