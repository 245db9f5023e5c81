import pytest

from vigie.index import services
from vigie.index.errors import ComputationFailed, EditionFrozen, UploadRejected
from vigie.index.models import Edition
from vigie.index.tasks import enqueue_computation
from vigie.index.tests.factories import DATA, SPEC, make_computed_edition, make_countries

pytestmark = pytest.mark.django_db


def _draft() -> Edition:
    make_countries()
    return services.create_edition(family="t", year=2024, title_en="T", spec_toml=SPEC)


def test_computing_stores_scores_ranks_intervals_and_every_stage() -> None:
    edition = make_computed_edition(publish=False)
    assert edition.status == Edition.Status.COMPUTED
    norway = edition.units.get(unit_code="NOR")
    # minmax: a → 50/90·100, b → 60/90·100; equal weights.
    assert norway.dimension_scores == pytest.approx({"health": 55.5555555, "justice": 66.6666666})
    assert norway.score == pytest.approx((50 / 90 * 100 + 60 / 90 * 100) / 2)
    assert norway.rank == 1
    assert norway.country is not None and norway.country.iso2 == "NO"
    assert norway.rank_q05 is not None and norway.rank_q95 is not None
    assert norway.rank_q05 <= norway.rank <= norway.rank_q95
    assert set(edition.stages) == {
        "Raw",
        "Denominated",
        "Imputed",
        "Screened",
        "Treated",
        "Normalised",
        "Aggregated",
    }


def test_publishing_freezes_the_edition() -> None:
    edition = make_computed_edition()
    assert edition.is_frozen
    with pytest.raises(EditionFrozen, match="published and frozen"):
        services.compute_edition(edition_id=edition.pk)
    with pytest.raises(EditionFrozen):
        services.publish_edition(edition=edition)


def test_new_data_for_a_published_edition_make_a_new_version_and_the_old_stays() -> None:
    edition = make_computed_edition()
    before = list(edition.units.values_list("unit_code", "score"))
    newer = services.upload_indicator_data(edition=edition, csv_text=DATA.replace("90,10", "95,15"))
    assert newer.pk != edition.pk
    assert (newer.family, newer.version, newer.status) == ("test", 2, Edition.Status.DRAFT)
    edition.refresh_from_db()
    assert edition.is_frozen
    assert list(edition.units.values_list("unit_code", "score")) == before


def test_a_bad_upload_names_unit_and_indicator_and_stores_nothing() -> None:
    edition = _draft()
    with pytest.raises(UploadRejected, match="unit 'NOR', indicator 'b': 'lots' is not a number"):
        services.upload_indicator_data(edition=edition, csv_text=DATA.replace("50,60", "50,lots"))
    edition.refresh_from_db()
    assert edition.input_csv == ""
    assert not edition.units.exists()


def test_an_upload_missing_an_indicator_is_rejected() -> None:
    with pytest.raises(UploadRejected, match="indicator column\\(s\\) missing from the data: b"):
        services.upload_indicator_data(
            edition=_draft(), csv_text="iso3,country,a\nPRT,Portugal,1\nNOR,Norway,2\n"
        )


def test_a_bad_spec_is_rejected_with_its_path() -> None:
    with pytest.raises(UploadRejected, match=r"indicators\[0\]\.direction"):
        services.create_edition(
            family="x",
            year=2024,
            title_en="X",
            spec_toml=SPEC.replace('parent = "health"', 'parent = "health"\ndirection = 3', 1),
        )


def test_the_computation_task_reports_progress_until_done() -> None:
    edition = _draft()
    services.upload_indicator_data(edition=edition, csv_text=DATA)
    enqueue_computation(edition.pk)
    edition.refresh_from_db()
    assert (edition.status, edition.progress, edition.progress_message) == (
        Edition.Status.COMPUTED,
        100,
        "done",
    )


def test_a_failing_computation_is_recorded_with_its_reason() -> None:
    edition = _draft()
    enqueue_computation(edition.pk)  # no data uploaded
    edition.refresh_from_db()
    assert edition.status == Edition.Status.FAILED
    assert "no indicator data" in edition.error
    with pytest.raises(ComputationFailed):
        services.compute_edition(edition_id=edition.pk)


def test_only_a_computed_edition_can_be_published() -> None:
    with pytest.raises(ComputationFailed, match="compute it first"):
        services.publish_edition(edition=_draft())


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("1e308", r"Row 3, column `a`: '1e308' is out of range"),
        ("-1e308", r"Row 3, column `a`: '-1e308' is out of range"),
        ("1e309", r"Row 3, column `a`: '1e309' is out of range"),
        ("inf", r"Row 3, column `a`: 'inf' is out of range"),
        ("-Infinity", r"Row 3, column `a`: '-Infinity' is out of range"),
        ("NaN", r"Row 3, column `a`: 'NaN' is not a number \(leave the cell empty"),
    ],
)
def test_an_upload_with_an_impossible_number_is_rejected_naming_row_and_column(
    cell: str, message: str
) -> None:
    edition = _draft()
    with pytest.raises(UploadRejected, match=message):
        services.upload_indicator_data(
            edition=edition, csv_text=DATA.replace("50,60", f"{cell},60")
        )
    edition.refresh_from_db()
    assert edition.input_csv == ""


def test_an_upload_with_a_nul_byte_in_a_name_is_rejected_naming_row_and_column() -> None:
    edition = _draft()
    with pytest.raises(
        UploadRejected, match="Row 3, column `country`: contains the control character U\\+0000"
    ):
        services.upload_indicator_data(
            edition=edition, csv_text=DATA.replace("Norway", "Nor\x00way")
        )
    edition.refresh_from_db()
    assert edition.input_csv == ""


def test_an_upload_with_large_but_plausible_numbers_is_accepted() -> None:
    edition = _draft()
    services.upload_indicator_data(
        edition=edition, csv_text=DATA.replace("50,60", "2.5e13,-60").replace("90,10", ",10")
    )
    edition.refresh_from_db()
    assert "2.5e13" in edition.input_csv


def test_a_spec_with_an_infinite_weight_is_rejected_with_its_path() -> None:
    make_countries()
    with pytest.raises(UploadRejected, match=r"indicators\[0\]\.weight \(a\): inf is not a weight"):
        services.create_edition(
            family="x",
            year=2024,
            title_en="X",
            spec_toml=SPEC.replace('parent = "health"', 'parent = "health"\nweight = 1e309', 1),
        )
    assert not Edition.objects.filter(family="x").exists()
