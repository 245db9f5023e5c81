import pytest

from vigie.core.loaders import load_countries
from vigie.core.models import AuditEntry
from vigie.index import loaders, queries
from vigie.index.models import Dimension, Edition, Result

pytestmark = pytest.mark.django_db


@pytest.fixture
def gdpi() -> Edition:
    load_countries()
    loaders.load_framework()
    loaders.load_gdpi_2021()
    return Edition.objects.get(slug=loaders.GDPI_SLUG)


def test_framework_has_the_five_gdpi_dimensions_in_three_languages() -> None:
    loaders.load_framework()
    dimensions = list(Dimension.objects.filter(framework="gdpi"))
    assert [d.code for d in dimensions] == [
        "absence_of_extreme_responses",
        "proportionality_of_criminal_justice",
        "health_and_harm_reduction",
        "access_to_controlled_medicines",
        "development",
    ]
    assert all(d.name_fr and d.name_es and d.name_fr != d.name_en for d in dimensions)


def test_2021_import_keeps_statuses_and_never_invents_missing_numbers(gdpi: Edition) -> None:
    assert gdpi.status == Edition.Status.PUBLISHED
    rows = {r.unit_code: r for r in gdpi.results.all()}
    assert len(rows) == 27
    assert (rows["MAR"].status, rows["MAR"].rank, rows["MAR"].overall) == ("unverified", None, 51)
    assert (rows["THA"].overall, rows["THA"].rank) == (None, None)
    assert rows["THA"].status == "included_no_score"
    assert rows["HUN"].overall is None and rows["HUN"].rank == 12
    assert rows["GEO"].status == rows["MKD"].status == "rank_conflict"
    assert rows["MEX"].status == "score_conflict"
    assert rows["GBR"].scores["proportionality_of_criminal_justice"] == 50
    assert rows["GBR"].scores["health_and_harm_reduction"] is None
    assert rows["NOR"].sources.count() == 2
    # A source without an address is kept as a note, not dropped.
    assert "Ghana news article" in rows["MAR"].notes


def test_loading_twice_changes_nothing(gdpi: Edition) -> None:
    before = (Edition.objects.count(), Result.objects.count(), AuditEntry.objects.count())
    report = loaders.load_gdpi_2021()
    assert report.created == 0
    assert (Edition.objects.count(), Result.objects.count(), AuditEntry.objects.count()) == before


def test_country_summary_gives_status_scores_sources_and_extremes(gdpi: Edition) -> None:
    [india] = queries.get_country_index_summary("IN")
    assert india["edition_year"] == 2021 and india["rank"] == 18 and india["overall"] == 46
    assert india["status"] == "verified"
    assert india["strongest"] == "absence_of_extreme_responses"
    assert india["weakest"] == "access_to_controlled_medicines"
    assert india["scores"]["development"] is None
    assert india["rank_low"] is None
    assert india["sources"] and india["url"].endswith("/country/IND/")
    assert queries.get_country_index_summary("FRA") == []


def test_country_summary_lists_only_published_editions(gdpi: Edition) -> None:
    Edition.objects.filter(pk=gdpi.pk).update(status=Edition.Status.DRAFT, published_at=None)
    assert queries.get_country_index_summary("IND") == []
    assert queries.list_editions() == []


def test_rankings_put_unranked_rows_last(gdpi: Edition) -> None:
    rows = queries.get_rankings(gdpi.pk)
    assert rows[0]["unit_code"] == "NOR"
    assert [r["unit_code"] for r in rows if r["rank"] is None] == ["KGZ", "MAR", "NPL", "THA"]
    assert [r["rank"] for r in rows[-4:]] == [None] * 4
    ranked = [r["rank"] for r in rows if r["rank"]]
    assert ranked == sorted(ranked)


def test_demonstration_edition_is_computed_with_intervals() -> None:
    load_countries()
    loaders.load_demonstration(replications=40)
    edition = Edition.objects.get(slug=loaders.DEMO_SLUG)
    assert edition.is_demonstration and edition.status == Edition.Status.PUBLISHED
    assert edition.uncertainty["replications"] == 40
    rows = queries.get_rankings(edition.pk)
    assert len(rows) == len(edition.stages["Aggregated"]) and len(rows) > 40
    assert all(r["rank_low"] is not None for r in rows)
    assert {d["code"] for d in edition.dimensions} == {"Conn", "Sust"}
