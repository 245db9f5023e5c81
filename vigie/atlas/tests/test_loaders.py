import pytest

from vigie.atlas.loaders import load_bundled
from vigie.atlas.models import Assessment, Criterion, MeasureVersion, PolicyMeasure
from vigie.atlas.queries import list_measures_for_country

pytestmark = pytest.mark.django_db


def test_bundled_data_loads_forty_plus_sourced_jurisdictions_and_loading_twice_changes_nothing() -> (
    None
):
    load_bundled()
    versions = MeasureVersion.objects.count()
    report = load_bundled()

    assert "0 created, 0 updated" in str(report["atlas measures"])
    assert MeasureVersion.objects.count() == versions
    codes = {
        m.jurisdiction_code for m in PolicyMeasure.objects.select_related("country", "subdivision")
    }
    assert len(codes) >= 40
    assert not PolicyMeasure.objects.filter(sources__isnull=True).exists()
    assert Criterion.objects.filter(code="C12", verified=False).exists()
    assert Assessment.objects.exists()
    assert PolicyMeasure.objects.filter(
        verification="partly", notes__contains="UNVERIFIED"
    ).exists()
    oregon = [row for row in list_measures_for_country("US") if row["jurisdiction_code"] == "US-OR"]
    assert {row["kind"] for row in oregon} == {"regulation_adult", "decrim_de_jure", "reversal"}
    for measure in PolicyMeasure.objects.all():
        assert measure.summary_fr and measure.summary_es
