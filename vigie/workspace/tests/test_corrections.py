"""Members propose corrections of the atlas; editors apply or decline them from a queue."""

from typing import Any

import pytest
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from vigie.atlas.models import MeasureVersion, PolicyMeasure
from vigie.atlas.tests.helpers import make_measure, make_place
from vigie.core.models import AuditEntry, Source
from vigie.core.tests.factories import make_user
from vigie.network.tests.factories import make_member, make_organisation
from vigie.workspace import correction_views, services
from vigie.workspace.models import CorrectionProposal

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    cache.clear()


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _member(username: str = "alice", iso2: str = "PT") -> Any:
    place = make_place(iso2, name=f"Country {iso2}")
    return make_member(username, make_organisation(headquarters=place))


def _proposal(author: Any, measure: PolicyMeasure, **fields: Any) -> CorrectionProposal:
    values: dict[str, Any] = {
        "field": "summary",
        "problem": "The summary misses the 2023 amendment.",
        "proposed_value": "Decriminalised in 2001; thresholds amended in 2023.",
        "source_url": "https://example.org/amendment-2023",
        "language": "en",
    }
    values.update(fields)
    return services.propose_correction(
        author=author, country_iso2=measure.country.iso2, measure_code=measure.code, **values
    )


FORM = {
    "field": "summary",
    "problem": "The summary misses the 2023 amendment.",
    "proposed_value": "Decriminalised in 2001; thresholds amended in 2023.",
    "source_url": "https://example.org/amendment-2023",
    "source_citation": "",
}


def test_member_space_lists_the_atlas_entries_of_the_organisations_country() -> None:
    member = _member()
    make_measure("pt-2001", "PT", "decrim_de_jure", title="Law 30/2000")
    make_place("UY")
    make_measure("uy-2013", "UY", "regulation_adult", title="Law 19172")
    page = _client(member).get("/en/me/").content.decode()
    assert "Law 30/2000" in page and "Law 19172" not in page
    assert 'href="/en/me/atlas/pt-2001/correct/"' in page


def test_member_space_offers_to_propose_a_measure_when_the_country_has_none() -> None:
    member = _member(iso2="SN")
    page = _client(member).get("/en/me/").content.decode()
    assert "Nothing recorded yet for Senegal" in page
    assert 'href="/en/me/atlas/countries/SN/propose/"' in page


def test_a_member_proposes_a_correction_through_the_form() -> None:
    member = _member()
    make_measure("pt-2001", "PT", "decrim_de_jure")
    response = _client(member).post("/en/me/atlas/pt-2001/correct/", FORM)
    proposal = CorrectionProposal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/me/corrections/{proposal.pk}/"
    assert (proposal.author, proposal.measure_code, proposal.field) == (
        member,
        "pt-2001",
        "summary",
    )
    assert proposal.status == "pending"
    page = _client(member).get("/en/me/").content.decode()
    assert f'href="/en/me/corrections/{proposal.pk}/"' in page and "Waiting for review" in page


def test_a_proposal_without_a_source_is_refused_at_the_field_keeping_what_was_typed() -> None:
    member = _member()
    make_measure("pt-2001", "PT", "decrim_de_jure")
    response = _client(member).post(
        "/fr/me/atlas/pt-2001/correct/", {**FORM, "source_url": "", "source_citation": ""}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert CorrectionProposal.objects.count() == 0
    assert "Indiquez une source" in page  # the message, in the user's language
    source_block = page[page.index('for="id_source_url"') : page.index('for="id_source_citation"')]
    assert 'class="error"' in source_block  # at the source field
    assert "Decriminalised in 2001; thresholds amended in 2023." in page  # what was typed


def test_a_citation_alone_is_a_source() -> None:
    member = _member()
    make_measure("pt-2001", "PT", "decrim_de_jure")
    form = {**FORM, "source_url": "", "source_citation": "Diário da República, 1.ª série, p. 12"}
    assert _client(member).post("/en/me/atlas/pt-2001/correct/", form).status_code == 302


def test_proposals_are_rate_limited_per_member() -> None:
    member = _member()
    measure = make_measure("pt-2001", "PT", "decrim_de_jure")
    for _number in range(services.PROPOSALS_PER_HOUR):
        _proposal(member, measure)
    response = _client(member).post("/en/me/atlas/pt-2001/correct/", FORM)
    assert response.status_code == 400
    assert "please wait" in response.content.decode()
    assert CorrectionProposal.objects.count() == services.PROPOSALS_PER_HOUR
    other = _member("bob")
    assert _client(other).post("/en/me/atlas/pt-2001/correct/", FORM).status_code == 302


def test_only_members_may_propose() -> None:
    make_place("PT")
    make_measure("pt-2001", "PT", "decrim_de_jure")
    assert Client().get("/en/me/atlas/pt-2001/correct/").status_code == 302
    no_role = make_user("nobody")
    assert _client(no_role).post("/en/me/atlas/pt-2001/correct/", FORM).status_code == 403
    assert CorrectionProposal.objects.count() == 0


def test_a_proposal_is_seen_only_by_its_author_and_editors() -> None:
    author, other = _member("alice"), _member("bob")
    measure = make_measure("pt-2001", "PT", "decrim_de_jure")
    proposal = _proposal(author, measure, problem="PRIVATE-PROBLEM-OF-ALICE")
    address = f"/en/me/corrections/{proposal.pk}/"
    review = f"/en/staff/corrections/{proposal.pk}/"
    assert "PRIVATE-PROBLEM-OF-ALICE" in _client(author).get(address).content.decode()
    assert _client(other).get(address).status_code == 404  # guessing the number
    assert _client(other).get(review).status_code == 403
    assert Client().get(address).status_code == 302
    assert Client().get(review).status_code == 302
    for page in ("/en/me/", f"/en/atlas/measures/{measure.code}/", "/en/atlas/jurisdictions/PT/"):
        assert "PRIVATE-PROBLEM-OF-ALICE" not in _client(other).get(page).content.decode()
        assert "PRIVATE-PROBLEM-OF-ALICE" not in Client().get(page).content.decode()
    editor = _client(make_user("ed", role="editor"))
    assert "PRIVATE-PROBLEM-OF-ALICE" in editor.get(review).content.decode()
    assert editor.get(address)["Location"] == review


@pytest.mark.usefixtures("template_context")
def test_the_queue_filters_counts_and_pages_the_proposals() -> None:
    member = _member()
    pt = make_measure("pt-2001", "PT", "decrim_de_jure")
    make_place("UY")
    uy = make_measure("uy-2013", "UY", "regulation_adult")
    for _number in range(3):
        _proposal(member, pt)
    uy_proposal = _proposal(member, uy, problem="Uruguay problem")
    editor = make_user("ed", role="editor")
    services.decline_correction(proposal_id=uy_proposal.pk, editor=editor, reason="Not sourced")
    client = _client(editor)
    page = client.get("/en/staff/corrections/").content.decode()
    assert '<span data-count="pending">3</span>' in page
    assert '<span data-count="declined">1</span>' in page
    assert "Uruguay problem" not in page  # pending ones by default
    declined = client.get("/en/staff/corrections/?status=declined").content.decode()
    assert "Uruguay problem" in declined
    by_country = client.get("/en/staff/corrections/?status=&country=uy").content.decode()
    assert by_country.count("/en/staff/corrections/") - 1 == by_country.count("uy-2013")
    first_page = client.get("/en/staff/corrections/?status=pending")
    assert first_page.context["page_obj"].paginator.count == 3
    services.propose_correction(
        author=member,
        country_iso2="SN",
        problem="A missing law",
        proposed_value="Law 2024-01",
        source_citation="Journal officiel",
    )
    new_measures = client.get("/en/staff/corrections/?status=&kind=new_measure")
    assert [p.problem for p in new_measures.context["page_obj"]] == ["A missing law"]
    corrections = client.get("/en/staff/corrections/?status=&kind=correction")
    assert corrections.context["page_obj"].paginator.count == 4


@pytest.mark.usefixtures("template_context")
def test_the_queue_pages_beyond_the_first_keeping_its_filters_and_order() -> None:
    member = _member()
    measure = make_measure("pt-2001", "PT", "decrim_de_jure")
    per_page = correction_views.PROPOSALS_PER_PAGE
    CorrectionProposal.objects.bulk_create(
        CorrectionProposal(
            author=member,
            country=measure.country,
            measure_code=measure.code,
            field="title",
            problem=f"Problem {number:02d}",
            proposed_value="Law 30/2000",
            source_url="https://example.org/law",
        )
        for number in range(per_page + 3)
    )
    client = _client(make_user("ed", role="editor"))
    first = client.get("/en/staff/corrections/?status=pending&kind=correction&country=pt")
    assert len(first.context["page_obj"]) == per_page
    assert 'href="?status=pending&amp;kind=correction&amp;country=pt&amp;page=2"' in (
        first.content.decode()
    )
    second = client.get("/en/staff/corrections/?status=pending&kind=correction&country=pt&page=2")
    assert second.status_code == 200
    # Oldest first: the second page holds the last three sent, and only them.
    assert [p.problem for p in second.context["page_obj"]] == [
        f"Problem {number:02d}" for number in range(per_page, per_page + 3)
    ]
    assert "page 2 of 2" in second.content.decode()
    assert 'href="?status=pending&amp;kind=correction&amp;country=pt&amp;page=1"' in (
        second.content.decode()
    )
    other_country = client.get("/en/staff/corrections/?status=pending&country=uy&page=2")
    assert other_country.context["page_obj"].paginator.count == 0


def test_applying_a_correction_versions_the_measure_cites_the_source_and_names_both() -> None:
    member = _member()
    member.first_name, member.last_name = "Alice", "Example"
    member.save()
    measure = make_measure("pt-2001", "PT", "decrim_de_jure")
    proposal = _proposal(member, measure)
    editor = make_user("ed", role="editor")
    versions_before = MeasureVersion.objects.filter(measure_code="pt-2001").count()
    response = _client(editor).post(
        f"/en/staff/corrections/{proposal.pk}/",
        {"action": "apply", "value": "Decriminalised in 2001; amended in 2023.", "source_url": ""},
    )
    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.summary_en == "Decriminalised in 2001; amended in 2023."
    assert measure.summary_fr == "Résumé de pt-2001"  # the other languages are left alone
    assert "https://example.org/amendment-2023" in {s.url for s in measure.sources.all()}
    assert Source.objects.filter(url="https://example.org/amendment-2023").exists()
    version = MeasureVersion.objects.filter(measure_code="pt-2001").first()
    assert version is not None and version.number == versions_before + 1
    assert version.actor == editor and "summary_en" in version.changes
    audit = AuditEntry.objects.get(action="atlas.measure.corrected")
    assert audit.actor == editor
    assert audit.changes["proposed_by"] == "Alice Example (alice)"
    assert audit.changes["applied_by"] == "ed"
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decided_by, proposal.applied_version) == (
        "applied",
        editor,
        version.number,
    )
    (email,) = mail.outbox
    assert email.to == [member.email] and "applied" in email.subject
    public = Client().get("/en/atlas/measures/pt-2001/").content.decode()
    assert "Decriminalised in 2001; amended in 2023." in public
    assert 'id="measure-history"' in public and "summary_en" in public
    assert "ed</td>" not in public  # who changed it: editors only


def test_declining_needs_a_reason_which_the_member_reads_and_receives() -> None:
    member = _member()
    measure = make_measure("pt-2001", "PT", "decrim_de_jure")
    proposal = _proposal(member, measure, language="fr")
    editor = _client(make_user("ed", role="editor"))
    refused = editor.post(f"/en/staff/corrections/{proposal.pk}/", {"action": "decline"})
    assert refused.status_code == 400 and 'class="error"' in refused.content.decode()
    response = editor.post(
        f"/en/staff/corrections/{proposal.pk}/",
        {"action": "decline", "reason": "The 2023 text is a draft, not a law."},
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == "declined"
    measure.refresh_from_db()
    assert measure.summary_en == "Summary of pt-2001"  # nothing written to the atlas
    page = _client(member).get(f"/en/me/corrections/{proposal.pk}/").content.decode()
    assert "Declined" in page and "The 2023 text is a draft, not a law." in page
    (email,) = mail.outbox
    assert "refusée" in email.subject  # in the language the member wrote in
    assert "The 2023 text is a draft, not a law." in email.body
    again = editor.post(
        f"/en/staff/corrections/{proposal.pk}/", {"action": "decline", "reason": "again"}
    )
    assert again.status_code == 400  # decided once


def test_a_value_that_does_not_fit_the_field_is_refused_at_the_field() -> None:
    member = _member()
    measure = make_measure("pt-2001", "PT", "decrim_de_jure")
    proposal = _proposal(member, measure, field="adopted_on", proposed_value="July 2001")
    editor = _client(make_user("ed", role="editor"))
    response = editor.post(
        f"/en/staff/corrections/{proposal.pk}/", {"action": "apply", "value": "July 2001"}
    )
    page = response.content.decode()
    assert response.status_code == 400 and "is not a date" in page
    assert "July 2001</textarea>" in page
    applied = editor.post(
        f"/en/staff/corrections/{proposal.pk}/", {"action": "apply", "value": "2001-07-01"}
    )
    assert applied.status_code == 302
    measure.refresh_from_db()
    assert measure.adopted_on.isoformat() == "2001-07-01"  # type: ignore[union-attr]


def test_a_citation_only_proposal_needs_the_editor_to_give_the_address() -> None:
    member = _member()
    measure = make_measure("pt-2001", "PT", "decrim_de_jure")
    proposal = _proposal(member, measure, source_url="", source_citation="Gazette, p. 12")
    editor = make_user("ed", role="editor")
    with pytest.raises(services.CorrectionError) as refused:
        services.apply_correction(proposal_id=proposal.pk, editor=editor, value="New summary")
    assert refused.value.field == "source_url"
    services.apply_correction(
        proposal_id=proposal.pk,
        editor=editor,
        value="New summary",
        source_url="https://example.org/gazette",
    )
    assert Source.objects.get(url="https://example.org/gazette").title == "Gazette, p. 12"


def _propose_senegal_measure(member: Any) -> CorrectionProposal:
    response = _client(member).post(
        "/fr/me/atlas/countries/SN/propose/",
        {
            "problem": "La loi de 2024 manque.",
            "proposed_value": "La loi 2024-01 dépénalise la possession.",
            "source_url": "https://example.org/sn-2024",
        },
    )
    assert response.status_code == 302
    return CorrectionProposal.objects.get()


NEW_MEASURE = {
    "action": "apply",
    "code": "sn-2024",
    "title": "Loi 2024-01",
    "kind": "decrim_de_jure",
    "status": "in_force",
    "substance_scope": "all",
    "adopted_on": "2024-03-01",
    "in_force_on": "2024-06-01",
    "summary": "La loi 2024-01 dépénalise la possession pour usage personnel.",
    "source_url": "",
}


def test_applying_a_proposed_measure_records_it_in_the_atlas_in_one_step() -> None:
    member = _member(iso2="SN")
    proposal = _propose_senegal_measure(member)
    assert proposal.measure_code == "" and proposal.language == "fr"
    editor = make_user("ed", role="editor")
    review = _client(editor).get(f"/en/staff/corrections/{proposal.pk}/").content.decode()
    assert 'name="code"' in review and 'name="measure_code"' not in review
    response = _client(editor).post(f"/en/staff/corrections/{proposal.pk}/", NEW_MEASURE)
    assert response.status_code == 302
    measure = PolicyMeasure.objects.get(code="sn-2024")
    assert (measure.country.iso2, measure.subdivision, measure.kind, measure.status) == (
        "SN",
        None,
        "decrim_de_jure",
        "in_force",
    )
    assert measure.summary_fr == NEW_MEASURE["summary"]  # the member's language
    assert str(measure.in_force_on) == "2024-06-01" and measure.verification == "unverified"
    assert [s.url for s in measure.sources.all()] == ["https://example.org/sn-2024"]
    version = MeasureVersion.objects.get(measure_code="sn-2024")
    assert (version.number, version.action, version.actor) == (1, "created", editor)
    audit = AuditEntry.objects.get(action="atlas.measure.proposal_recorded")
    assert audit.changes["proposed_by"] == "alice" and audit.changes["applied_by"] == "ed"
    proposal.refresh_from_db()
    assert (proposal.status, proposal.measure_code, proposal.applied_version) == (
        "applied",
        "sn-2024",
        1,
    )
    assert "Loi 2024-01" in Client().get("/en/atlas/jurisdictions/SN/").content.decode()


@pytest.mark.usefixtures("template_context")
def test_a_proposed_measure_with_a_taken_code_or_no_address_is_refused_writing_nothing() -> None:
    member = _member(iso2="SN")
    proposal = _propose_senegal_measure(member)
    make_place("PT")
    make_measure("pt-2001", "PT", "decrim_de_jure")
    client = _client(make_user("ed", role="editor"))
    taken = client.post(f"/en/staff/corrections/{proposal.pk}/", {**NEW_MEASURE, "code": "pt-2001"})
    assert taken.status_code == 400
    assert taken.context["apply_form"].errors["code"] == ["A measure already has the code pt-2001."]
    assert 'value="Loi 2024-01"' in taken.content.decode()  # what was typed is kept
    CorrectionProposal.objects.filter(pk=proposal.pk).update(source_url="", source_citation="JO")
    unaddressed = client.post(f"/en/staff/corrections/{proposal.pk}/", NEW_MEASURE)
    assert (
        unaddressed.status_code == 400 and "source_url" in unaddressed.context["apply_form"].errors
    )
    assert not PolicyMeasure.objects.filter(code="sn-2024").exists()
    assert CorrectionProposal.objects.get(pk=proposal.pk).status == "pending"


def test_the_atlas_pages_lead_members_to_the_proposal_forms() -> None:
    member = _client(_member(iso2="SN"))
    make_place("PT")
    make_measure("pt-2001", "PT", "decrim_de_jure")
    empty = member.get("/en/atlas/jurisdictions/SN/").content.decode()
    assert 'href="/en/me/atlas/countries/SN/propose/"' in empty
    assert "Nothing recorded yet" in empty
    entry = member.get("/en/atlas/measures/pt-2001/").content.decode()
    assert 'href="/en/me/atlas/pt-2001/correct/"' in entry
    assert "/en/me/atlas/" not in Client().get("/en/atlas/measures/pt-2001/").content.decode()


def test_the_queue_reads_in_a_constant_number_of_queries() -> None:
    measure = make_measure("pt-2001", "PT", "decrim_de_jure")
    client = _client(make_user("ed", role="editor"))

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/en/staff/corrections/?status=").status_code == 200
        return len(captured.captured_queries)

    _proposal(_member("alice"), measure)
    before = count()
    for number in range(5):
        _proposal(_member(f"member{number}"), measure)
    assert count() == before
