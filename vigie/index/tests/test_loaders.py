import shutil
from pathlib import Path

import pytest
from django.conf import settings

from vigie.core.errors import DataFileError
from vigie.index.loaders import load_gdpi_2021
from vigie.index.models import Edition, UnitResult

pytestmark = pytest.mark.django_db


@pytest.fixture
def countries() -> None:
    """The reference countries, loaded once per session."""


def test_gdpi_2021_is_loaded_with_statuses_and_no_invented_numbers(countries: None) -> None:
    load_gdpi_2021()
    edition = Edition.objects.get(family="gdpi")
    assert edition.is_frozen and edition.kind == Edition.Kind.PUBLISHED
    norway = edition.units.get(unit_code="NOR")
    assert (norway.score, norway.rank, norway.status) == (74, 1, "verified")
    assert norway.dimension_scores == {}
    india = edition.units.get(unit_code="IND")
    assert india.dimension_scores["absence_of_extreme_responses"] == 63
    no_score = edition.units.filter(status=UnitResult.Status.INCLUDED_NO_SCORE)
    assert no_score.count() == 3 and all(u.score is None for u in no_score)
    assert edition.units.filter(status="rank_conflict").count() == 4
    assert norway.sources.count() == 2


def test_loading_twice_changes_nothing(countries: None) -> None:
    load_gdpi_2021()
    report = load_gdpi_2021()
    assert report.created == 0
    assert UnitResult.objects.count() == 27


def test_a_bad_row_is_named_and_nothing_is_written(countries: None, tmp_path: Path) -> None:
    for name in ("gdpi_framework.csv", "gdpi_2021_published.csv"):
        shutil.copy(Path(settings.DATA_DIR) / "index" / name, tmp_path / name)
    path = tmp_path / "gdpi_2021_published.csv"
    lines = path.read_text().splitlines()
    lines[3] = lines[3].replace(",70,", ",170,")
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(DataFileError, match=r"line 4, field `overall`: 170\.0 is outside 0–100"):
        load_gdpi_2021(tmp_path)
    assert not Edition.objects.exists()
