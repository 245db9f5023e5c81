import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vigie.atlas.importer import MEASURE_COLUMNS, apply_import, parse_measures, plan_import
from vigie.atlas.models import MeasureVersion, PolicyMeasure
from vigie.atlas.tests.helpers import make_place
from vigie.core.errors import DataFileError

pytestmark = pytest.mark.django_db

GOOD = {
    "code": "pt-2001",
    "jurisdiction": "PT",
    "title": "Portugal",
    "kind": "decrim_de_jure",
    "status": "in_force",
    "substance_scope": "all",
    "adopted_on": "2000-11-01",
    "in_force_on": "2001-07-01",
    "summary_en": "Decriminalisation of all drugs.",
    "sources": "https://example.org/pt ; https://example.org/law (Law 30/2000)",
    "expungement": "no",
}


def render(rows: list[dict[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=MEASURE_COLUMNS)
    writer.writeheader()
    for row in rows:
        writer.writerow({name: row.get(name, "") for name in MEASURE_COLUMNS})
    return buffer.getvalue()


def test_dry_run_shows_changes_without_writing_then_apply_writes() -> None:
    make_place("PT")
    text = render([GOOD])
    plan = plan_import(parse_measures(text, file="m.csv"))
    assert plan.created == ["pt-2001"]
    assert not PolicyMeasure.objects.exists()

    apply_import(text, file="m.csv")
    changed = render([{**GOOD, "status": "repealed"}])
    plan = plan_import(parse_measures(changed, file="m.csv"))
    assert plan.updated == {"pt-2001": {"status": ["in_force", "repealed"]}}
    assert sorted(PolicyMeasure.objects.get().sources.values_list("url", flat=True)) == [
        "https://example.org/law",
        "https://example.org/pt",
    ]


def test_applying_the_same_file_twice_changes_nothing() -> None:
    make_place("PT")
    apply_import(render([GOOD]), file="m.csv")
    plan = apply_import(render([GOOD]), file="m.csv")
    assert plan.unchanged == ["pt-2001"]
    assert MeasureVersion.objects.count() == 1


BAD_CELLS = {
    "kind": st.sampled_from(["", "legalish", "DECRIM"]),
    "status": st.sampled_from(["", "maybe"]),
    "jurisdiction": st.sampled_from(["", "ZZ", "US-ZZ"]),
    "adopted_on": st.sampled_from(["2001-13-01", "20x1", "2002-01-01"]),
    "sources": st.sampled_from(["", "not a url"]),
    "code": st.sampled_from(["", "Bad Code", "pt-2001"]),
    "expungement": st.sampled_from(["perhaps"]),
}


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    good_before=st.integers(min_value=0, max_value=3),
    field=st.sampled_from(sorted(BAD_CELLS)),
    data=st.data(),
)
def test_any_malformed_row_rejects_the_file_names_its_line_and_writes_nothing(
    good_before: int, field: str, data: st.DataObject
) -> None:
    make_place("PT")
    rows = [{**GOOD, "code": f"ok-{i}"} for i in range(good_before)]
    bad = {**GOOD, field: data.draw(BAD_CELLS[field])}
    if field == "code" and bad["code"] == "pt-2001":
        rows.append(dict(GOOD))
    rows.append(bad)
    before = (PolicyMeasure.objects.count(), MeasureVersion.objects.count())

    with pytest.raises(DataFileError) as caught:
        apply_import(render(rows), file="upload.csv")

    assert caught.value.line == len(rows) + 1
    assert caught.value.file == "upload.csv"
    assert f"line {len(rows) + 1}" in str(caught.value)
    assert (PolicyMeasure.objects.count(), MeasureVersion.objects.count()) == before


def test_missing_column_is_reported_on_the_header_line() -> None:
    with pytest.raises(DataFileError, match="line 1"):
        parse_measures("code,jurisdiction\nx,PT\n", file="m.csv")
