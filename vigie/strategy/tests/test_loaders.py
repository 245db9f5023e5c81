import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings

from vigie.core.errors import DataFileError
from vigie.strategy.loaders import load_plan
from vigie.strategy.models import Activity, Objective, Pillar, Plan, SuccessMeasure

pytestmark = pytest.mark.django_db


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "strategy"
    shutil.copytree(Path(settings.DATA_DIR) / "strategy", folder)
    return folder


def test_bundled_plan_has_five_objectives_pillars_and_a_full_matrix_in_three_languages() -> None:
    load_plan()
    plan = Plan.objects.get()
    assert (plan.starts_year, plan.ends_year) == (2024, 2027)
    assert Objective.objects.filter(plan=plan).count() == 5
    assert Pillar.objects.filter(plan=plan).count() == 5
    assert Activity.objects.count() == 25
    for activity in Activity.objects.all():
        assert activity.text_en and activity.text_fr and activity.text_es
    assert plan.sources.filter(url="https://idpc.net/fr").exists()
    assert "justice sociale" in plan.vision_fr


def test_loading_twice_changes_nothing() -> None:
    load_plan()
    reports = load_plan()
    assert all(report.created == 0 and report.updated == 0 for report in reports.values())


def test_unknown_computation_is_refused_with_file_line_and_field(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    path = folder / "measures.csv"
    path.write_text(path.read_text().replace("atlas.new_regulating_jurisdictions", "atlas.guess"))
    with pytest.raises(DataFileError) as error:
        load_plan(folder)
    assert "measures.csv, line 3, field `computation`" in str(error.value)
    assert not Plan.objects.exists()


def test_a_bad_target_leaves_nothing_half_written(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    (folder / "targets.csv").write_text(
        "measure,year,value,basis\nun-human-rights-mechanism,2027,one,\n"
    )
    with pytest.raises(DataFileError, match=re.escape("targets.csv, line 2, field `value`")):
        load_plan(folder)
    assert not SuccessMeasure.objects.exists()
