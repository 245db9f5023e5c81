"""An invitee answers in French through the personal link, saves, comes back and submits; a second
submission is refused; public results show only aggregates over 5 or more organisations."""

import datetime

import pytest
from playwright.sync_api import Page, expect

from vigie.network.tests.factories import make_organisation
from vigie.surveys import services
from vigie.surveys.models import Invitation, Response, Round
from vigie.surveys.tests.helpers import answer_round, make_media_round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_invitee_answers_in_french_saves_returns_and_submits_once(
    page: Page, live_server: object
) -> None:
    round_ = make_media_round("2026", open_now=True)
    organisation = make_organisation("Collectif Exemple (fictional)")
    invitation = Invitation.objects.create(round=round_, organisation=organisation)
    for _index in range(4):
        answer_round(round_, make_organisation(), media_support_change="increased", where="x")
    link = f"{live_server.url}/fr/surveys/answer/{services.make_token(invitation)}/"  # type: ignore[attr-defined]

    page.goto(link)
    expect(page.get_by_text("Le soutien des médias a-t-il changé ?")).to_be_visible()
    expect(page.get_by_label("Où ?")).to_be_hidden()  # skip logic
    page.get_by_label("Augmenté").check()
    expect(page.get_by_label("Où ?")).to_be_visible()
    page.get_by_label("Où ?").fill("Radio communautaire")
    page.get_by_role("button", name="Enregistrer et continuer plus tard").click()
    expect(page.get_by_role("status").first).to_be_visible()

    page.goto(link)  # comes back later
    expect(page.get_by_label("Augmenté")).to_be_checked()
    expect(page.get_by_label("Où ?")).to_have_value("Radio communautaire")
    page.get_by_label("Combien de demandes ?").fill("12")
    page.get_by_role("button", name="Envoyer les réponses").click()
    expect(page.get_by_role("heading", name="Merci")).to_be_visible()
    assert Response.objects.get(invitation=invitation).submitted_on is not None

    page.goto(link)
    expect(page.get_by_role("heading", name="Déjà envoyé")).to_be_visible()
    expect(page.get_by_role("button", name="Envoyer les réponses")).to_have_count(0)

    results_url = f"{live_server.url}/fr/surveys/rounds/{round_.pk}/results/"  # type: ignore[attr-defined]
    page.goto(results_url)
    expect(page.get_by_text("Les résultats sont publiés après la clôture")).to_be_visible()
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    Round.objects.filter(pk=round_.pk).update(closes_on=yesterday)
    page.goto(results_url)
    expect(page.get_by_text("5 organisations ont répondu.").first).to_be_visible()
    expect(page.get_by_text("Radio communautaire")).to_have_count(0)
    expect(page.get_by_text("Collectif Exemple")).to_have_count(0)
    page.get_by_label("Région").select_option("150")
    page.get_by_role("button", name="Appliquer les filtres").click()
    expect(page.get_by_text("Moins de 5 organisations correspondent")).to_be_visible()
