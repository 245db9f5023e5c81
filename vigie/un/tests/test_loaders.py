import shutil
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client, override_settings

from vigie.core.errors import DataFileError
from vigie.core.models import Country
from vigie.core.tests.adminforms import change_form_data, post_change_form
from vigie.core.tests.factories import make_user
from vigie.un.loaders import load_bundled, load_votes
from vigie.un.models import CountryVote, DataIssue, Session, Vote


def test_loading_twice_changes_nothing(bundled: Any) -> None:
    counts = (Vote.objects.count(), CountryVote.objects.count(), DataIssue.objects.count())
    reports = load_bundled()
    assert all(report.created == 0 for report in reports.values())
    assert counts == (Vote.objects.count(), CountryVote.objects.count(), DataIssue.objects.count())


def test_every_loaded_vote_cites_a_source(bundled: Any) -> None:
    assert all(vote.sources.exists() for vote in Vote.objects.all())


def _copy_data(tmp_path: Path) -> Path:
    shutil.copytree(Path(settings.DATA_DIR), tmp_path / "data", dirs_exist_ok=True)
    return tmp_path / "data"


def test_a_country_listed_twice_in_the_file_is_refused_with_its_line(
    bundled: Any, tmp_path: Path
) -> None:
    data = _copy_data(tmp_path)
    records = data / "un" / "vote_records.csv"
    records.write_text(
        records.read_text(encoding="utf-8") + "CND68-2025-03-14-L.6-REV.1,IDN,Indonesia,abstain\n",
        encoding="utf-8",
    )
    before = CountryVote.objects.count()
    with override_settings(DATA_DIR=data), pytest.raises(DataFileError) as error:
        load_votes()
    assert "vote_records.csv, line 155" in str(error.value)
    assert "listed twice" in str(error.value)
    assert CountryVote.objects.count() == before


def test_a_vote_without_a_source_is_refused(bundled: Any, tmp_path: Path) -> None:
    data = _copy_data(tmp_path)
    votes = data / "un" / "votes.csv"
    lines = votes.read_text(encoding="utf-8").splitlines()
    lines[-1] = lines[-1].rsplit(",", 1)[0] + ","
    votes.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with override_settings(DATA_DIR=data), pytest.raises(DataFileError, match="sources"):
        load_votes()


@pytest.mark.usefixtures("template_context")
def test_loading_membership_for_a_session_rechecks_its_votes(bundled: Any) -> None:
    session = Session.objects.get(label="CND 68th session")
    vote = Vote.objects.get(code__startswith="CND68")
    assert vote.issues.filter(rule="membership_unknown").exists()
    client = Client()
    client.force_login(make_user("editor", role="editor"))
    url = f"/admin/un/session/{session.pk}/change/"
    data = change_form_data(client.get(url))
    data["membership_known"] = "on"
    data["members"] = [str(Country.objects.get(iso2="AT").pk)]
    post_change_form(client, url, data)
    non_members = vote.issues.filter(rule="non_member")
    assert non_members.count() == 49  # every voter but Austria
    assert not vote.issues.filter(rule="membership_unknown").exists()


def test_data_issue_is_shown_in_the_readers_language(client: Client, bundled: Any) -> None:
    vote = Vote.objects.get(code__startswith="CND68")
    html = client.get(f"/fr/un/votes/{vote.pk}/").content.decode()
    assert "Abstention\u202f: 17 noms listés pour un total annoncé de 18." in html
    html = client.get(f"/es/un/votes/{vote.pk}/").content.decode()
    assert "Abstención: 17 nombres listados para un total anunciado de 18." in html
