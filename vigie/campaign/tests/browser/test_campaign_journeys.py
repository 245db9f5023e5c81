"""The campaign as people use it: an applicant applies in Spanish and comes back by the emailed
link; another fills the offline form without the site and staff upload it; two reviewers, one
conflicted; staff approve within the envelope; the partner reports with a photo; the action is
on the public map and in the archive."""

import datetime
import re
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from playwright.sync_api import Page, expect

from vigie.campaign import services
from vigie.campaign.models import Application, Call
from vigie.campaign.tests.factories import make_application, make_call
from vigie.core.tests.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-password"
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def _log_in(page: Page, base: str, username: str, next_path: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/en/accounts/login/?next={next_path}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def _emailed_link(base: str) -> str:
    found = re.search(
        r"https?://[^/\s]+(/\S+/campaign/application/[^/\s]+/)", str(mail.outbox[-1].body)
    )
    assert found is not None
    return base + found.group(1)


def test_applicant_applies_in_spanish_saves_returns_by_the_emailed_link_and_submits(
    page: Page, live_server: object, reference_data: None
) -> None:
    base = live_server.url  # type: ignore[attr-defined]
    call = make_call()
    page.goto(f"{base}/es/campaign/calls/{call.pk}/?tz=America/Mexico_City")
    expect(page.locator("#call-phases")).to_contain_text("America/Mexico_City")
    page.get_by_label("Su nombre").fill("Ana Ficticia")
    page.get_by_label("Correo electrónico").fill("ana@fictional.example")
    page.get_by_label("Idioma de nuestros correos").select_option("es")
    page.get_by_label("Su zona horaria").select_option("America/Mexico_City")
    page.get_by_role("button", name="Enviarme mi enlace").click()
    expect(page.get_by_role("status").first).to_contain_text("ana@fictional.example")
    link = _emailed_link(base)
    assert "/es/" in link

    page.goto(link)
    page.get_by_label("Nombre de sus actividades").fill("Marcha ficticia")
    page.get_by_label("Describa sus planes").fill("Una marcha y un foro público.")
    page.get_by_label("Tipo principal de acción").select_option("demonstration")
    page.get_by_label("Plan de contingencia").fill("Si llueve, en un local cerrado.")
    page.get_by_label("País").select_option("MX")
    page.get_by_label("Ciudad").fill("Guadalajara")
    page.get_by_label("Moneda", exact=True).select_option("MXN")
    page.get_by_label("Costo aproximado").fill("8500")
    expect(page.get_by_label("¿En qué años participó?")).to_be_hidden()  # skip logic
    page.get_by_label("No", exact=True).check()
    expect(page.get_by_label("¿En qué años participó?")).to_be_visible()
    page.get_by_label("¿En qué años participó?").fill("2019, 2021")
    page.get_by_role("button", name="Guardar y continuar más tarde").click()
    expect(page.get_by_role("status").first).to_contain_text("Su solicitud se guardó")

    page.goto(link)  # comes back later by the emailed link
    expect(page.get_by_label("Ciudad")).to_have_value("Guadalajara")
    expect(page.locator("#usd-equivalent")).to_contain_text("500")  # 8,500 MXN at 17 per USD
    expect(page.get_by_label("¿En qué años participó?")).to_have_value("2019, 2021")
    page.get_by_role("button", name="Enviar la solicitud").click()
    expect(page.locator("#application-status")).to_have_text("Enviada")
    application = Application.objects.get(email="ana@fictional.example")
    assert application.status == Application.Status.SUBMITTED
    assert application.answers == {"first_time": "no", "past_years": "2019, 2021"}
    expect(page.get_by_role("button", name="Enviar la solicitud")).to_have_count(0)


def test_offline_form_is_filled_without_the_site_and_staff_upload_it(
    page: Page, live_server: object, reference_data: None, tmp_path: Path
) -> None:
    base = live_server.url  # type: ignore[attr-defined]
    call = make_call()
    make_user("staff", role="editor", password=PASSWORD)
    html = Client().get(f"/en/campaign/calls/{call.pk}/offline-form/").content.decode()

    page.set_content(html)  # the file on its own: nothing from the site
    page.get_by_label("Your name").fill("Juma Ficticio")
    page.get_by_label("Email").fill("juma@fictional.example")
    page.get_by_label("Name of your activities").fill("Fictional football match")
    page.get_by_label("Describe your plans").fill("Police officers and people who use drugs play.")
    page.get_by_label("Main kind of action").select_option("sports")
    page.get_by_label("Contingency plan").fill("Indoor hall if it rains.")
    page.get_by_label("Country").select_option("KE")
    page.get_by_label("City").fill("Nairobi")
    page.locator("#f-currency").select_option("KES")
    page.get_by_label("Rough cost").fill("38850")
    page.get_by_label("Yes", exact=True).check()
    with page.expect_download() as download:
        page.get_by_role("button", name="Save my answers").click()
    saved = tmp_path / "application.json"
    download.value.save_as(saved)

    _log_in(page, base, "staff", "/en/campaign/staff/")
    page.get_by_role("link", name="Upload an offline form received by email").click()
    page.get_by_label("The saved answers file").set_input_files(str(saved))
    page.get_by_role("button", name="Upload and submit").click()
    expect(page.get_by_text("Your offline form was received and submitted.")).to_be_visible()
    application = Application.objects.get(email="juma@fictional.example")
    assert (application.status, application.received_offline) == ("submitted", True)
    assert application.amount_usd == Decimal("300.00")
    page.goto(f"{base}/en/campaign/staff/")
    expect(page.get_by_role("link", name="Fictional football match")).to_be_visible()


def test_reviewers_score_one_declares_a_conflict_staff_approve_and_the_action_goes_public(
    page: Page, live_server: object, reference_data: None, settings: object, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = str(tmp_path)  # type: ignore[attr-defined]
    base = live_server.url  # type: ignore[attr-defined]
    call = make_call(envelope="1000")
    application = make_application(call)
    for name in ("staff", "rosa", "omar"):
        make_user(name, role="editor" if name == "staff" else None, password=PASSWORD)

    _log_in(page, base, "staff", f"/en/campaign/staff/applications/{application.pk}/")
    page.get_by_label("First reviewer").select_option(label="rosa")
    page.get_by_label("Second reviewer").select_option(label="omar")
    page.get_by_role("button", name="Assign the two reviewers").click()
    expect(page.locator("#reviews")).to_contain_text("rosa")

    _log_in(page, base, "rosa", "/en/campaign/reviews/")
    page.get_by_role("link", name=application.title).click()
    for criterion, score in (("relevance", 5), ("community", 4), ("feasibility", 4), ("cost", 3)):
        page.locator(f"input[name=score_{criterion}][value='{score}']").check()
    page.get_by_label("Notes for staff").fill("Strong local coalition.")
    page.get_by_role("button", name="Record my scores").click()
    expect(page.get_by_role("status").first).to_contain_text("Your scores were recorded")

    _log_in(page, base, "omar", "/en/campaign/reviews/")
    page.get_by_role("link", name=application.title).click()
    review_url = page.url
    page.get_by_label("Nature of the conflict of interest").fill("I sit on their board.")
    page.get_by_role("button", name="Declare a conflict of interest").click()
    expect(page.get_by_text("No application awaits your review.")).to_be_visible()
    response = page.goto(review_url)
    assert response is not None and response.status == 404
    expect(page.get_by_text("I sit on their board.")).to_have_count(0)
    expect(page.get_by_text("Marcha ficticia")).to_have_count(0)

    _log_in(page, base, "staff", f"/en/campaign/staff/applications/{application.pk}/")
    expect(page.locator("#reviews")).to_contain_text("Strong local coalition.")
    expect(page.locator("#reviews")).to_contain_text("Conflict of interest declared")
    page.get_by_label("Decision").select_option("approve")
    page.get_by_label("Amount awarded (USD)").fill("1200")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("more than what remains in the call's envelope")).to_be_visible()
    page.get_by_label("Decision").select_option("approve")
    page.get_by_label("Amount awarded (USD)").fill("450")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("Approved: US$450")).to_be_visible()
    assert "Nos alegra apoyar" in str(mail.outbox[-1].body)  # in the applicant's language

    # After the Day, the partner reports by a new emailed link, with a photo cleared to publish.
    today = timezone.localdate()
    Call.objects.filter(pk=call.pk).update(
        day_on=today - datetime.timedelta(days=1),
        feedback_ends_on=today + datetime.timedelta(days=30),
    )
    page.context.clear_cookies()
    page.goto(base + urlsplit(services.application_link(application)).path)
    photo = tmp_path / "marcha.png"
    photo.write_bytes(PNG)
    page.get_by_label("¿Qué ocurrió?").fill("Doscientas personas marcharon.")
    page.get_by_label("¿Cuántas personas participaron?").fill("200")
    page.locator("#id_photo_1").set_input_files(str(photo))
    page.locator("#id_caption_1").fill("Pancarta en la plaza")
    page.locator("#id_consent_1").check()
    page.get_by_role("button", name="Enviar el informe").click()
    expect(page.get_by_role("status").first).to_contain_text("su informe se recibió")

    page.goto(f"{base}/en/campaign/actions/?year={call.year}")
    expect(page.locator("#actions-list")).to_contain_text("Guadalajara")
    expect(page.get_by_role("img", name="Pancarta en la plaza")).to_be_visible()
    expect(page.locator("#actions-map[data-rendered='true'] svg")).to_be_visible()
    page.goto(f"{base}/en/campaign/archive/")
    page.get_by_label("Country").select_option("MX")
    page.get_by_label("Kind of action").select_option("demonstration")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("#archive-list")).to_contain_text("Marcha ficticia")
    expect(page.locator("#archive-list")).to_contain_text("Colectivo Ficticio de Prueba")
