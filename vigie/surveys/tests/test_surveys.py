import csv
import datetime
import io

import pytest
from django.core import mail
from django.urls import reverse

from vigie.core.tests.factories import make_user
from vigie.network.models import ConsentRecord, Contact
from vigie.network.tests.factories import make_organisation
from vigie.surveys import queries, results, services
from vigie.surveys.errors import SurveyError
from vigie.surveys.models import Invitation, Response
from vigie.surveys.tests.helpers import answer_round, make_media_round, make_organisations

pytestmark = pytest.mark.django_db


def test_personal_link_token_is_signed() -> None:
    round_ = make_media_round(open_now=True)
    invitation = Invitation.objects.create(round=round_, organisation=make_organisation())
    token = services.make_token(invitation)
    assert services.get_invitation_for_token(token) == invitation
    assert services.get_invitation_for_token(token[:-2] + "xx") is None


def test_save_then_submit_once_with_skip_logic() -> None:
    round_ = make_media_round(open_now=True)
    invitation = Invitation.objects.create(round=round_, organisation=make_organisation())
    services.save_answers(
        invitation_id=invitation.pk,
        answers={"media_support_change": "same", "where": "TV"},
        submit=False,
    )
    assert services.current_answers(invitation) == {"media_support_change": "same"}
    with pytest.raises(SurveyError):
        services.save_answers(
            invitation_id=invitation.pk, answers={"media_support_change": "increased"}, submit=True
        )
    services.save_answers(
        invitation_id=invitation.pk,
        answers={"media_support_change": "increased", "where": "TV"},
        submit=True,
    )
    assert Response.objects.get(invitation=invitation).submitted_on is not None
    with pytest.raises(SurveyError):
        services.save_answers(
            invitation_id=invitation.pk, answers={"media_support_change": "same"}, submit=True
        )


def test_closed_round_refuses_answers(client) -> None:
    round_ = make_media_round("2024")
    invitation = Invitation.objects.create(round=round_, organisation=make_organisation())
    with pytest.raises(SurveyError):
        services.save_answers(invitation_id=invitation.pk, answers={}, submit=False)
    url = reverse("surveys:answer", args=[services.make_token(invitation)])
    assert client.get(url).status_code == 410


def test_second_submission_through_the_page_is_refused(client) -> None:
    round_ = make_media_round(open_now=True)
    invitation = Invitation.objects.create(round=round_, organisation=make_organisation())
    url = reverse("surveys:answer", args=[services.make_token(invitation)])
    data = {"media_support_change": "same", "action": "submit"}
    assert client.post(url, data).status_code == 200
    again = client.post(url, {"media_support_change": "decreased", "action": "submit"})
    assert again.status_code == 409
    assert services.current_answers(invitation) == {"media_support_change": "same"}


def test_results_suppress_questions_and_cells_under_five() -> None:
    round_ = make_media_round("2024")
    # Two small cells (3 and 2), so that neither can be recovered from the total and the other
    # cells (with one small cell alone, see test_disclosure.py, the complementary cell is hidden).
    for organisation in make_organisations(6):
        answer_round(round_, organisation, media_support_change="increased")
    for organisation in make_organisations(3):
        answer_round(round_, organisation, media_support_change="same")
    for organisation in make_organisations(2, region="150"):
        answer_round(round_, organisation, media_support_change="decreased")
    outcome = results.round_results(round_)
    change = outcome["questions"][0]
    cells = {cell.label: cell.count for cell in change.cells}
    assert outcome["respondents"] == 11
    assert cells == {"Increased": 6, "Same": None, "Decreased": None}
    assert outcome["questions"][1].suppressed  # free text is never published
    filtered = results.round_results(round_, region="150")
    assert filtered["suppressed"] and filtered["questions"][0].suppressed


def test_results_publish_counts_of_five_organisations_and_suppress_counts_of_four() -> None:
    # Two rounds, so that no figure of one can be subtracted from a figure of the other.
    five_round = make_media_round("2024")
    for organisation in make_organisations(5, region="019"):
        answer_round(five_round, organisation, media_support_change="increased")
    four_round = make_media_round("2025")
    for organisation in make_organisations(4, region="150"):
        answer_round(four_round, organisation, media_support_change="decreased")

    five = results.round_results(five_round)
    assert not five["suppressed"] and five["questions"][0].respondents == 5
    cells = {cell.label: cell.count for cell in five["questions"][0].cells}
    assert cells == {"Increased": 5, "Same": 0, "Decreased": 0}

    four = results.round_results(four_round)
    assert four["suppressed"] and four["questions"][0].suppressed
    assert four["questions"][0].cells == []


def test_results_page_shows_aggregates_only(client) -> None:
    round_ = make_media_round("2024")
    organisations = make_organisations(5)
    for organisation in organisations:
        answer_round(round_, organisation, media_support_change="increased", where="SECRET-TEXT")
    body = client.get(reverse("surveys:results", args=[round_.pk])).content.decode()
    assert "SECRET-TEXT" not in body
    assert all(o.name not in body for o in organisations)
    assert ">5<" in body


def test_comparison_counts_only_organisations_in_both_rounds() -> None:
    first = make_media_round("2024")
    second = make_media_round("2026", version=first.version)
    panel = make_organisations(5)
    for organisation in panel:
        answer_round(first, organisation, media_support_change="same")
        answer_round(second, organisation, media_support_change="increased")
    # 5 (not fewer) organisations answered the second round only: the panel can be published.
    for organisation in make_organisations(5):
        answer_round(second, organisation, media_support_change="decreased")
    comparison = results.compare_rounds(first, second)
    assert comparison["panel"] == 5
    before, after = comparison["pairs"][0]
    assert {c.label: c.count for c in before.cells}["Same"] == 5
    assert {c.label: c.count for c in after.cells}["Increased"] == 5
    assert {c.label: c.count for c in after.cells}["Decreased"] == 0


def test_media_support_share_uses_latest_closed_round() -> None:
    first = make_media_round("2024")
    second = make_media_round("2026", version=first.version)
    # Cells of 5 or more organisations (20 % and 60 % of 25), as the disclosure rules require.
    organisations = make_organisations(25)
    for index, organisation in enumerate(organisations):
        answer_round(first, organisation, media_support_change="increased" if index < 5 else "same")
        answer_round(
            second, organisation, media_support_change="increased" if index < 15 else "same"
        )
    result = queries.get_media_support_share()
    assert result.value == 60.0
    assert len(result.evidence) == 2
    assert all(o.name not in str(result.evidence) for o in organisations)
    assert queries.get_media_support_share(first.pk).value == 20.0
    rows = queries.list_media_support_by_round()
    assert [(r["round"], r["increased"], r["respondents"]) for r in rows] == [
        ("2024", 5, 25),
        ("2026", 15, 25),
    ]


def test_count_surveys_run_counts_rounds_opened_in_period() -> None:
    first = make_media_round("2024")
    make_media_round("2026", version=first.version)
    assert queries.count_surveys_run(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31)) == 1
    assert queries.count_surveys_run(datetime.date(2024, 1, 1), datetime.date(2026, 12, 31)) == 2


def test_csv_export_is_staff_only_and_complete(client) -> None:
    round_ = make_media_round("2024")
    organisation = make_organisation(name="Exported Org (fictional)")
    answer_round(round_, organisation, media_support_change="same")
    url = reverse("surveys:export", args=[round_.pk])
    assert client.get(url).status_code == 302
    make_user("ed", role="editor")
    client.login(username="ed", password="pw")
    rows = list(csv.reader(io.StringIO(client.get(url).content.decode())))
    assert rows == [
        ["organisation", "question", "value"],
        ["Exported Org (fictional)", "media_support_change", "same"],
    ]


def test_csv_export_neutralises_an_organisation_name_that_is_a_formula(client) -> None:
    round_ = make_media_round("2024")
    answer_round(round_, make_organisation(name="=1+1 (fictional)"), media_support_change="same")
    make_user("ed", role="editor")
    client.login(username="ed", password="pw")
    response = client.get(reverse("surveys:export", args=[round_.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[1] == ["'=1+1 (fictional)", "media_support_change", "same"]


def test_reminders_go_to_consenting_contacts_of_pending_invitees() -> None:
    round_ = make_media_round(open_now=True)
    pending, done = make_organisation(), make_organisation()
    for organisation, email in ((pending, "p@example.org"), (done, "d@example.org")):
        contact = Contact.objects.create(organisation=organisation, name="C", email=email)
        ConsentRecord.objects.create(
            contact=contact, purpose="surveys", granted=True, recorded_on=datetime.date(2024, 1, 1)
        )
    services.invite_organisations(round_id=round_.pk, organisation_ids=[pending.pk, done.pk])
    assert len(mail.outbox) == 2
    Response.objects.create(
        invitation=Invitation.objects.get(organisation=done), submitted_on=datetime.date.today()
    )
    mail.outbox.clear()
    assert services.send_reminders(round_id=round_.pk) == 1
    assert [m.to for m in mail.outbox] == [["p@example.org"]]
    assert services.send_reminders(round_id=round_.pk) == 0  # at most once a week


def test_bundled_definitions_and_demo_load_twice_identically() -> None:
    from vigie.network.loaders import load_demo as load_network_demo
    from vigie.surveys.loaders import load_bundled, load_demo
    from vigie.surveys.models import Answer, Round, SurveyQuestion

    load_bundled()
    load_network_demo()
    load_demo()
    counts = (SurveyQuestion.objects.count(), Round.objects.count(), Answer.objects.count())
    load_bundled()
    load_demo()
    assert (SurveyQuestion.objects.count(), Round.objects.count(), Answer.objects.count()) == counts
    assert Round.objects.filter(version__survey__slug="media-support").count() == 2
    assert queries.get_media_support_share().value > 0


@pytest.mark.usefixtures("template_context")
def test_open_round_results_are_for_staff_only(client) -> None:
    round_ = make_media_round("current", open_now=True)
    for organisation in make_organisations(5):
        answer_round(round_, organisation, media_support_change="increased")
    url = reverse("surveys:results", args=[round_.pk])
    assert client.get(url).context["results"] is None
    make_user("ed", role="editor")
    client.login(username="ed", password="pw")
    assert client.get(url).context["results"]["respondents"] == 5
