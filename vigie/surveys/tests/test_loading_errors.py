import datetime
import json
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command

from vigie.core.errors import DataFileError
from vigie.network.models import ConsentRecord, Contact, Organisation
from vigie.network.tests.factories import make_organisation
from vigie.surveys.loaders import load_bundled
from vigie.surveys.models import Invitation, Survey
from vigie.surveys.tests.helpers import make_media_round

pytestmark = pytest.mark.django_db


def test_bad_definition_names_file_and_field_and_writes_nothing(tmp_path: Path) -> None:
    definition = {
        "slug": "broken",
        "title": {"en": "B", "fr": "B", "es": "B"},
        "description": {"en": "B", "fr": "B", "es": "B"},
        "version": 1,
        "questions": [{"code": "q1", "kind": "slider", "text": {"en": "Q", "fr": "Q", "es": "Q"}}],
    }
    (tmp_path / "broken.json").write_text(json.dumps(definition), encoding="utf-8")
    with pytest.raises(DataFileError, match=r"broken.json, field `questions\[1\].kind`"):
        load_bundled(tmp_path)
    assert not Survey.objects.filter(slug="broken").exists()


def test_bad_demo_row_names_line_and_field(tmp_path: Path) -> None:
    from vigie.network.loaders import load_organisations

    (tmp_path / "organisations.csv").write_text(
        "slug,name,org_type,headquarters,countries,region,status,applied_on\n"
        "x,X (fictional),cooperative,KE,,002,member,2020-01-01\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileError, match=r"organisations.csv, line 2, field `org_type`"):
        load_organisations(tmp_path / "organisations.csv")
    assert not Organisation.objects.exists()


def test_reminder_command_queues_and_sends_for_open_rounds() -> None:
    round_ = make_media_round("current", open_now=True)
    organisation = make_organisation()
    contact = Contact.objects.create(organisation=organisation, name="C", email="c@example.org")
    ConsentRecord.objects.create(
        contact=contact, purpose="surveys", granted=True, recorded_on=datetime.date(2024, 1, 1)
    )
    Invitation.objects.create(round=round_, organisation=organisation)
    call_command("send_survey_reminders")
    assert [m.to for m in mail.outbox] == [["c@example.org"]]
    assert Invitation.objects.get().reminders_sent == 1
