import pytest

from vigie.index import services
from vigie.index.engine import DataError
from vigie.index.models import Edition, Result
from vigie.index.tests.fixtures import DATA, make_computed_edition, make_edition

pytestmark = pytest.mark.django_db


def test_bad_upload_is_rejected_naming_unit_and_indicator_and_stores_nothing() -> None:
    edition = make_edition(data="")
    bad = DATA.replace("BB,Beta,8,4,10,4", "BB,Beta,8,four,10,4")
    with pytest.raises(DataError, match="unit BB, indicator hr_funding: 'four' is not a number"):
        services.upload_inputs(edition_id=edition.pk, csv_text=bad)
    edition.refresh_from_db()
    assert edition.inputs_csv == ""
    assert Edition.objects.count() == 1


def test_upload_missing_an_indicator_column_names_it() -> None:
    edition = make_edition(data="")
    with pytest.raises(DataError, match="alternatives"):
        services.upload_inputs(
            edition_id=edition.pk, csv_text="unit_code,unit_name,hr_services,hr_funding,pretrial\n"
        )


def test_computation_stores_every_stage_ranks_and_intervals() -> None:
    edition = make_computed_edition()
    assert edition.status == Edition.Status.COMPUTED
    assert set(edition.stages) == {
        "Raw",
        "Denominated",
        "Imputed",
        "Screened",
        "Normalised",
        "Aggregated",
    }
    # Delta's missing funding is imputed with the indicator mean (3.0), never left in results.
    assert edition.stages["Raw"]["DD"]["hr_funding"] is None
    assert edition.stages["Imputed"]["DD"]["hr_funding"] == pytest.approx(3.0)
    results = {r.unit_code: r for r in edition.results.all()}
    assert sorted(r.rank or 0 for r in results.values()) == [1, 2, 3, 4, 5]
    for result in results.values():
        low, median, high = result.rank_low, result.rank_median, result.rank_high
        assert low is not None and median is not None and high is not None
        assert low <= median <= high
        assert set(result.scores) == {"health", "justice"}


def test_publishing_freezes_an_edition() -> None:
    edition = make_computed_edition()
    services.publish_edition(edition_id=edition.pk)
    with pytest.raises(services.EditionFrozen):
        services.compute_edition(edition_id=edition.pk)
    with pytest.raises(services.EditionFrozen):
        services.publish_edition(edition_id=edition.pk)


def test_new_upload_to_a_published_edition_makes_a_new_version_and_keeps_the_old() -> None:
    edition = make_computed_edition()
    services.publish_edition(edition_id=edition.pk)
    before = {r.unit_code: r.overall for r in edition.results.all()}
    changed = DATA.replace("EE,Epsilon,1,2,50,3", "EE,Epsilon,20,20,1,20")
    new = services.upload_inputs(edition_id=edition.pk, csv_text=changed)
    assert new.pk != edition.pk
    assert (new.version, new.status, new.previous_id) == (2, Edition.Status.DRAFT, edition.pk)
    edition.refresh_from_db()
    assert edition.status == Edition.Status.PUBLISHED
    assert edition.inputs_csv == DATA
    assert {r.unit_code: r.overall for r in edition.results.all()} == before
    services.compute_edition(edition_id=new.pk, replications=20)
    assert Result.objects.get(edition=new, unit_code="EE").rank == 1


def test_publishing_needs_a_computed_edition() -> None:
    edition = make_edition()
    with pytest.raises(services.EditionNotReady):
        services.publish_edition(edition_id=edition.pk)
