"""Staff enter a joint statement by pasting its signatories and fixing the names not matched."""

from typing import Any

from django.test import Client
from django.utils import translation

from vigie.core.models import AuditEntry, Country
from vigie.core.tests.factories import make_user
from vigie.un.models import JointStatement, Session

URL = "/en/un/staff/joint-statements/new/"


def _data(session: Session, **changes: Any) -> dict[str, Any]:
    data = {
        "session": session.pk,
        "date": "2025-03-12",
        "code": "cnd68-js-test",
        "title": "Joint statement on harm reduction (test)",
        "delivered_by": "",
        "summary": "Calls for harm reduction in the resolution.",
        "source_url": "https://example.org/joint-statement",
        "stated_signatories": "3",
        "signatories": "On behalf of: Austria; Narnia, Portugal",
        "check": "1",
    }
    data.update(changes)
    return data


def test_unknown_name_is_fixed_by_choosing_a_country_then_saved(
    client: Client, bundled: Any
) -> None:
    client.force_login(make_user("editor", role="editor"))
    session = Session.objects.get(label="CND 68th session")
    data = _data(session)
    html = client.post(URL, data).content.decode()
    assert "Austria → Austria" in html and "Portugal → Portugal" in html
    assert 'class="unmatched"' in html and "Narnia" in html
    assert 'name="fix_0"' in html
    assert 'name="save"' not in html
    assert not JointStatement.objects.filter(code="CND68-JS-TEST").exists()
    # Saving before the fix writes nothing.
    client.post(URL, {**data, "unmatched": "Narnia", "save": "1"})
    assert not JointStatement.objects.filter(code="CND68-JS-TEST").exists()
    spain = Country.objects.get(iso3="ESP")
    data.update({"unmatched": "Narnia", "fix_0": spain.pk})
    html = client.post(URL, data).content.decode()
    assert "Narnia → Spain" in html and 'name="save"' in html
    response = client.post(URL, {**data, "save": "1"})
    assert response.status_code == 302
    joint = JointStatement.objects.get(code="CND68-JS-TEST")
    assert sorted(joint.signatories.values_list("country__iso3", flat=True)) == [
        "AUT",
        "ESP",
        "PRT",
    ]
    assert joint.sources.get().url == "https://example.org/joint-statement"
    entry = AuditEntry.objects.get(action="un.joint_statement.recorded")
    assert entry.changes["fixed"] == {"Narnia": "ESP"}
    page = client.get(f"/en/un/sessions/{session.pk}/").content.decode()
    assert "Joint statement on harm reduction (test)" in page and "Spain" in page


def test_bad_input_is_refused_at_the_field_in_the_users_language(
    client: Client, bundled: Any
) -> None:
    client.force_login(make_user("editor", role="editor"))
    session = Session.objects.get(label="CND 68th session")
    data = _data(session, date="2031-01-01", source_url="not an address", save="1")
    with translation.override("fr"):
        html = client.post(URL.replace("/en/", "/fr/"), data).content.decode()
    assert "La date doit" in html
    assert "Saisissez une URL valide" in html
    assert "Joint statement on harm reduction (test)" in html  # what was typed is kept
    assert not JointStatement.objects.filter(code="CND68-JS-TEST").exists()


def test_an_identifier_in_use_is_refused(client: Client, bundled: Any) -> None:
    client.force_login(make_user("editor", role="editor"))
    existing = JointStatement.objects.first()
    assert existing is not None
    session = Session.objects.get(label="CND 68th session")
    html = client.post(URL, _data(session, code=existing.code)).content.decode()
    assert "A joint statement with this identifier exists." in html


def test_members_cannot_enter_joint_statements(client: Client, bundled: Any) -> None:
    client.force_login(make_user("member", role="member"))
    session = Session.objects.get(label="CND 68th session")
    response = client.post(URL, {**_data(session), "save": "1"})
    assert response.status_code == 403
    assert not JointStatement.objects.filter(code="CND68-JS-TEST").exists()
