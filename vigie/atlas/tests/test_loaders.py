from pathlib import Path

import pytest

from vigie.atlas.loaders import load_assessments, load_bundled
from vigie.atlas.models import Assessment, Criterion, MeasureVersion, PolicyMeasure
from vigie.atlas.queries import list_measures_for_country
from vigie.core.errors import DataFileError

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


@pytest.mark.parametrize(
    ("row", "field", "message"),
    [
        ("NOPE-1,C1,met,", "measure", "no measure has the code 'NOPE-1'"),
        ("{measure},C99,met,", "criterion", "no criterion has the code 'C99'"),
    ],
)
def test_an_assessment_of_an_unknown_measure_or_criterion_names_its_line_and_writes_nothing(
    tmp_path: Path, row: str, field: str, message: str
) -> None:
    load_bundled()
    measure = PolicyMeasure.objects.order_by("code").first()
    assert measure is not None
    assessments = list(
        Assessment.objects.order_by("pk").values_list("measure_id", "criterion_id", "rating")
    )
    path = tmp_path / "assessments.csv"
    good = f"{measure.code},C1,not_met,changed"
    path.write_text(
        "measure,criterion,rating,note\n" + good + "\n" + row.format(measure=measure.code) + "\n",
        encoding="utf-8",
    )

    with pytest.raises(DataFileError) as error:
        load_assessments(path)

    assert (error.value.line, error.value.field) == (3, field)
    assert message in str(error.value)
    assert list(
        Assessment.objects.order_by("pk").values_list("measure_id", "criterion_id", "rating")
    ) == (assessments)
