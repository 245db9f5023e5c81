"""The 2024–2025 updates: loaded twice, conflicts and incomplete lists shown, the judgement."""

import csv
import datetime
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client, override_settings

from vigie.core.errors import DataFileError
from vigie.core.models import AuditEntry, Country
from vigie.core.tests.factories import make_user
from vigie.un import queries
from vigie.un.loaders import load_bundled, load_joint_statements, load_milestones
from vigie.un.models import JointStatement, Milestone, Session, Signatory
from vigie.un.services import judge_milestone

UN_DATA = Path(settings.DATA_DIR) / "un"


def _rows(name: str) -> list[dict[str, str]]:
    with (UN_DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _copy_data(tmp_path: Path) -> Path:
    shutil.copytree(Path(settings.DATA_DIR), tmp_path / "data", dirs_exist_ok=True)
    return tmp_path / "data"


def test_update_rows_are_loaded_and_loading_twice_keeps_the_counts(bundled: Any) -> None:
    load_bundled()
    load_bundled()
    statements = _rows("joint_statements.csv")
    assert JointStatement.objects.count() == len(statements)
    per_statement = Counter(row["joint_statement"] for row in _rows("joint_signatories.csv"))
    for code, named in per_statement.items():
        assert Signatory.objects.filter(joint_statement__code=code).count() == named
    assert Milestone.objects.count() == len(_rows("milestones.csv"))
    assert Session.objects.count() == len(_rows("sessions.csv"))
    russia = JointStatement.objects.get(code="CND67-JS-RUSSIA-46")
    assert (russia.signatories.count(), russia.stated_signatories) == (32, 46)
    assert Session.objects.filter(label="HRC 60th session").exists()
    assert Milestone.objects.filter(code="HRC-60-L31", symbol="A/HRC/60/L.31/Rev.1").exists()


def test_both_russia_led_records_are_kept_and_each_page_shows_the_conflict(
    bundled: Any, client: Client
) -> None:
    forty = JointStatement.objects.get(code="CND67-JS-RUSSIA")
    forty_six = JointStatement.objects.get(code="CND67-JS-RUSSIA-46")
    assert list(forty.conflicts_with.all()) == [forty_six]
    for page, other in ((forty, forty_six), (forty_six, forty)):
        html = client.get(page.get_absolute_url()).content.decode()
        assert "Conflict" in html
        assert f'href="{other.get_absolute_url()}"' in html
    session_html = client.get(f"/en/un/sessions/{forty.session_id}/").content.decode()
    assert session_html.count('class="conflict"') >= 2


def test_incomplete_signatory_lists_are_marked_unverified_on_their_page(
    bundled: Any, client: Client
) -> None:
    for joint in JointStatement.objects.all():
        html = client.get(joint.get_absolute_url()).content.decode()
        named = joint.signatories.count()
        incomplete = joint.stated_signatories is not None and named < joint.stated_signatories
        assert ("UNVERIFIED: the other signatories" in html) == incomplete
        assert f"{named} signatories named in our sources, of {joint.stated_range}" in html


def test_a_stated_range_is_loaded_from_the_colombia_row(bundled: Any, client: Client) -> None:
    colombia = JointStatement.objects.get(code="CND67-JS-COLOMBIA")
    assert (colombia.stated_signatories, colombia.stated_signatories_max) == (60, 62)
    html = client.get(colombia.get_absolute_url()).content.decode()
    assert "The sources disagree on the number of signatories: 60 or 62." in html


@pytest.mark.parametrize(
    ("cell", "message"),
    [("62-60", "is not a number or a range"), ("sixty", "not a whole number|is not")],
)
def test_a_bad_stated_number_is_refused_with_its_line(
    bundled: Any, tmp_path: Path, cell: str, message: str
) -> None:
    data = _copy_data(tmp_path)
    path = data / "un" / "joint_statements.csv"
    text = path.read_text(encoding="utf-8").replace(",RUS,40,", f",RUS,{cell},", 1)
    path.write_text(text, encoding="utf-8")
    with override_settings(DATA_DIR=data), pytest.raises(DataFileError) as error:
        load_joint_statements()
    assert "joint_statements.csv, line 3, field `stated_signatories`" in str(error.value)
    assert JointStatement.objects.get(code="CND67-JS-RUSSIA").stated_signatories == 40


def test_a_conflict_with_an_unknown_record_is_refused(bundled: Any, tmp_path: Path) -> None:
    data = _copy_data(tmp_path)
    path = data / "un" / "joint_statements.csv"
    text = path.read_text(encoding="utf-8").replace(",CND67-JS-RUSSIA\r\n", ",CND67-JS-NONE\r\n")
    text = text.replace(",CND67-JS-RUSSIA\n", ",CND67-JS-NONE\n")
    path.write_text(text, encoding="utf-8")
    with override_settings(DATA_DIR=data), pytest.raises(DataFileError, match="CND67-JS-NONE"):
        load_joint_statements()


# Incomplete lists: the count shows the named figure beside the stated total.


def test_reform_count_carries_the_stated_total_of_the_colombia_statement(bundled: Any) -> None:
    result = queries.count_states_calling_for_reform(
        datetime.date(2024, 1, 1), datetime.date(2024, 12, 31)
    )
    colombia = JointStatement.objects.get(code="CND67-JS-COLOMBIA")
    named = colombia.signatories.filter(country__is_un_member=True).count()
    assert result.value == named
    assert result.stated_range == (60, 62)
    assert result.stated_label == "60–62"
    assert "named, of 60–62 stated" in result.definition


def test_stated_total_adds_states_counted_from_elsewhere() -> None:
    statement = JointStatement(pk=1, stated_signatories=60, stated_signatories_max=62)
    named = {Country(pk=9000 + n) for n in range(26)}
    own = Country(pk=9999)  # counted from its own statement, not among the named
    found: dict[Country, list[Any]] = {country: [] for country in named | {own}}
    # 26 named of 60–62, plus one state counted from its own statement (not among the named).
    assert queries.stated_total(found, {statement: named}) == (61, 63)
    complete = JointStatement(pk=2, stated_signatories=26)
    assert queries.stated_total({c: [] for c in named}, {complete: named}) is None


def test_tracker_and_home_never_show_the_named_figure_alone(bundled: Any, client: Client) -> None:
    tracker = client.get("/en/un/tracker/").content.decode()
    assert "26 named of 60–62 stated" in tracker
    home = client.get("/en/un/").content.decode()
    assert "26 named of 60–62 stated" in home


# The objective 3 milestone: latest step, judgement, history.


def test_the_2025_resolution_is_the_latest_step_with_its_judgement(bundled: Any) -> None:
    milestone = queries.get_un_mechanism_milestone()
    latest = milestone["latest"]
    assert latest is not None
    assert "A/HRC/60/L.31/Rev.1" in latest.label
    assert latest.url == "/en/un/milestones/HRC-60-L31/"
    assert latest.detail.startswith("Judged not (yet) to be the dedicated mechanism.")
    assert "Special Procedure" in latest.detail
    assert "Latest step: A/HRC/60/L.31/Rev.1 (2025-10-08)" in milestone["status"]


def test_judgement_form_is_for_editors_only(bundled: Any) -> None:
    url = "/en/un/staff/milestones/HRC-60-L31/judgement/"
    assert Client().get(url).status_code == 302
    member = Client()
    member.force_login(make_user("member", role="member"))
    assert member.get(url).status_code == 403
    assert member.post(url, {"is_dedicated_mechanism": "yes", "reasoning": "x"}).status_code == 403
    assert not Milestone.objects.get(code="HRC-60-L31").is_dedicated_mechanism


def test_an_editor_changes_the_judgement_and_its_history_records_who_and_what(
    bundled: Any,
) -> None:
    editor = make_user("judge", role="editor")
    client = Client()
    client.force_login(editor)
    url = "/en/un/staff/milestones/HRC-60-L31/judgement/"
    before = Milestone.objects.get(code="HRC-60-L31").why_not_mechanism
    response = client.post(
        url, {"is_dedicated_mechanism": "yes", "reasoning": "Regular resolutions now report."}
    )
    assert response.status_code == 302
    milestone = Milestone.objects.get(code="HRC-60-L31")
    assert milestone.is_dedicated_mechanism
    entry = AuditEntry.objects.get(action="un.milestone.judged", object_id=str(milestone.pk))
    assert entry.actor == editor
    assert entry.changes["is_dedicated_mechanism"] == [False, True]
    assert entry.changes["why_not_mechanism"] == [before, "Regular resolutions now report."]
    history = client.get(url).content.decode()
    assert "judge" in history and "Regular resolutions now report." in history
    page = Client().get("/en/un/milestones/HRC-60-L31/").content.decode()
    assert "Judged to be the dedicated mechanism. Regular resolutions now report." in page
    assert "Judgement by the secretariat (judge)" in page
    assert queries.get_un_mechanism_milestone()["exists"]


def test_an_empty_reasoning_is_refused_and_nothing_is_written(bundled: Any) -> None:
    client = Client()
    client.force_login(make_user("judge", role="editor"))
    response = client.post(
        "/en/un/staff/milestones/HRC-60-L31/judgement/",
        {"is_dedicated_mechanism": "yes", "reasoning": "   "},
    )
    assert response.status_code == 200
    assert not AuditEntry.objects.filter(action="un.milestone.judged").exists()


def test_reloading_the_data_keeps_the_staff_judgement(bundled: Any) -> None:
    milestone = Milestone.objects.get(code="HRC-60-L31")
    judge_milestone(milestone=milestone, is_dedicated_mechanism=True, reasoning="Staff view.")
    load_milestones()
    milestone.refresh_from_db()
    assert (milestone.is_dedicated_mechanism, milestone.why_not_mechanism) == (True, "Staff view.")
    other = Milestone.objects.exclude(pk=milestone.pk).first()
    assert other is not None and not other.is_dedicated_mechanism


def test_the_admin_shows_the_judgement_but_changes_it_only_through_the_form(bundled: Any) -> None:
    admin = Client()
    admin.force_login(make_user("boss", role="admin"))
    milestone = Milestone.objects.get(code="HRC-60-L31")
    url = f"/admin/un/milestone/{milestone.pk}/change/"
    page = admin.get(url)
    assert page.status_code == 200
    assert 'name="is_dedicated_mechanism"' not in page.content.decode()
    assert 'name="why_not_mechanism"' not in page.content.decode()


def test_the_api_gives_the_stated_total_beside_the_named_count(bundled: Any) -> None:
    rows = Client().get("/api/v1/un/reform-states").json()
    cnd67 = next(row for row in rows if row["session"] == "CND 67th session")
    assert (cnd67["count"], cnd67["stated"]) == (26, "60–62")
