import datetime

import pytest

from vigie.atlas.models import MeasureVersion, PolicyMeasure
from vigie.atlas.services import (
    MeasureError,
    delete_measure,
    revert_measure,
    save_measure,
    snapshot_measure,
)
from vigie.atlas.tests.helpers import make_measure, make_place
from vigie.core.models import AuditEntry
from vigie.core.tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_every_change_is_versioned_with_who_and_what_and_can_be_reverted() -> None:
    make_place("PT")
    editor = make_user("ed", role="editor")
    measure = make_measure("pt", "PT", "decrim_de_jure", adopted_on=datetime.date(2000, 11, 1))
    data = snapshot_measure(measure)
    data["status"] = "repealed"
    save_measure(code="pt", data=data, actor=editor)

    latest = MeasureVersion.objects.filter(measure_code="pt").first()
    assert latest is not None and latest.number == 2 and latest.actor == editor
    assert latest.changes == {"status": ["in_force", "repealed"]}

    revert_measure(code="pt", number=1, actor=editor)

    assert PolicyMeasure.objects.get(code="pt").status == "in_force"
    reverted = MeasureVersion.objects.filter(measure_code="pt").first()
    assert reverted is not None and reverted.action == "reverted"
    assert AuditEntry.objects.filter(action="atlas.measure.reverted").exists()


def test_saving_identical_data_writes_no_version() -> None:
    make_place("PT")
    measure = make_measure("pt", "PT", "decrim_de_jure")
    _m, outcome = save_measure(code="pt", data=snapshot_measure(measure))
    assert outcome == "unchanged"
    assert MeasureVersion.objects.filter(measure_code="pt").count() == 1


def test_a_deleted_measure_can_be_restored_from_its_history() -> None:
    make_place("PT")
    make_measure("pt", "PT", "decrim_de_jure")
    delete_measure(code="pt")
    assert not PolicyMeasure.objects.filter(code="pt").exists()
    revert_measure(code="pt", number=1)
    assert PolicyMeasure.objects.get(code="pt").sources.count() == 1


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"adopted_on": datetime.date(2020, 1, 2), "in_force_on": datetime.date(2020, 1, 1)},
            "before",
        ),
        ({"sources": []}, "at least one source"),
        ({"jurisdiction": "ZZ"}, "no country"),
        ({"jurisdiction": "US-ZZ"}, "no sub-national"),
    ],
)
def test_invalid_measures_are_refused(fields: dict[str, object], message: str) -> None:
    make_place("PT")
    where = str(fields.pop("jurisdiction", "PT"))
    with pytest.raises(MeasureError, match=message):
        make_measure("pt", where, "decrim_de_jure", **fields)
    assert not PolicyMeasure.objects.exists()
