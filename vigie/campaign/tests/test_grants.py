"""Grants after approval: payments within the award, the report after the Day with photos and
coverage, reminders, and coverage reaching the network's media register."""

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from vigie.campaign import grants, services, tasks
from vigie.campaign.errors import CampaignError
from vigie.campaign.models import Application, Call
from vigie.campaign.tests.factories import make_application, make_call
from vigie.network.models import Coverage

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _approved(call: Call | None = None, amount: str = "450", **kwargs: Any) -> Application:
    application = make_application(call or make_call(), **kwargs)
    return services.approve_application(application_id=application.pk, amount_usd=Decimal(amount))


def _on_the_day(application: Application) -> datetime.date:
    return application.call.day_on + datetime.timedelta(days=1)


def test_payments_never_exceed_the_award() -> None:
    application = _approved(amount="450")
    grants.record_disbursement(
        application_id=application.pk,
        amount_usd=Decimal("300"),
        paid_on=datetime.date(2030, 5, 20),
        method="mobile",
    )
    with pytest.raises(CampaignError, match=r"remains to be paid.*150"):
        grants.record_disbursement(
            application_id=application.pk,
            amount_usd=Decimal("200"),
            paid_on=datetime.date(2030, 5, 21),
            method="bank",
        )
    assert grants.disbursed_total(application) == Decimal("300")


def test_an_unapproved_application_is_not_paid() -> None:
    application = make_application(make_call())
    with pytest.raises(CampaignError, match="approved"):
        grants.record_disbursement(
            application_id=application.pk,
            amount_usd=Decimal("1"),
            paid_on=datetime.date(2030, 1, 1),
            method="bank",
        )


def test_feedback_is_received_only_from_the_day_on() -> None:
    application = _approved()
    with pytest.raises(CampaignError, match="from the Day of Action"):
        grants.submit_feedback(
            application_id=application.pk,
            narrative="x",
            participants=3,
            today=application.call.day_on - datetime.timedelta(days=1),
        )


def test_feedback_with_a_photo_and_coverage() -> None:
    application = _approved()
    photo = SimpleUploadedFile("march.png", PNG, content_type="image/png")
    report = grants.submit_feedback(
        application_id=application.pk,
        narrative="Doscientas personas marcharon.",
        participants=200,
        photos=[(photo, "La marcha", True)],
        coverage=[
            ("https://news.fictional.example/marcha", "Diario Ficticio", datetime.date(2030, 6, 27))
        ],
        today=_on_the_day(application),
    )
    assert report.photos.get().consent_to_publish
    assert report.photos.get().image.name.startswith("campaign/photos/")
    assert "march" not in report.photos.get().image.name  # a random name
    assert report.coverage.get().outlet == "Diario Ficticio"


def test_a_file_that_is_not_a_photo_is_refused_and_nothing_is_kept() -> None:
    application = _approved()
    fake = SimpleUploadedFile("photo.png", b"%PDF-1.4 not an image", content_type="image/png")
    with pytest.raises(CampaignError, match=r"photo\.png"):
        grants.submit_feedback(
            application_id=application.pk,
            narrative="x",
            participants=1,
            photos=[(fake, "", True)],
            today=_on_the_day(application),
        )
    pdf = SimpleUploadedFile("report.pdf", b"%PDF-1.4\n", content_type="application/pdf")
    with pytest.raises(CampaignError, match="not a photo"):
        grants.submit_feedback(
            application_id=application.pk,
            narrative="x",
            participants=1,
            photos=[(pdf, "", True)],
            today=_on_the_day(application),
        )
    assert not hasattr(Application.objects.get(pk=application.pk), "feedback")


def test_staff_add_reported_coverage_to_the_network_coverage_log() -> None:
    application = _approved()
    report = grants.submit_feedback(
        application_id=application.pk,
        narrative="x",
        participants=1,
        coverage=[
            ("https://news.fictional.example/a", "Diario Ficticio", datetime.date(2030, 6, 27))
        ],
        today=_on_the_day(application),
    )
    link = report.coverage.get()
    grants.log_coverage(link_id=link.pk, tone="supportive")
    coverage = Coverage.objects.get(url="https://news.fictional.example/a")
    assert coverage.outlet.name == "Diario Ficticio"
    assert coverage.outlet.country is not None and coverage.outlet.country.iso2 == "MX"
    grants.log_coverage(link_id=link.pk, tone="supportive")
    assert Coverage.objects.filter(url="https://news.fictional.example/a").count() == 1
    with pytest.raises(CampaignError, match="tone"):
        grants.log_coverage(link_id=link.pk, tone="ecstatic")


def test_reminders_go_once_a_week_to_grants_without_a_report() -> None:
    application = _approved()
    day = _on_the_day(application)
    mail.outbox.clear()
    assert grants.list_missing_feedback(day) == [application.pk]
    assert grants.send_feedback_reminder(application.pk, today=day)
    assert "Jornada" in str(mail.outbox[-1].subject) or "informe" in str(mail.outbox[-1].subject)
    assert not grants.send_feedback_reminder(application.pk, today=day + datetime.timedelta(days=3))
    assert grants.list_missing_feedback(day + datetime.timedelta(days=3)) == []
    assert grants.list_missing_feedback(day + datetime.timedelta(days=8)) == [application.pk]


def test_the_reminder_task_runs_through_django_tasks(monkeypatch: pytest.MonkeyPatch) -> None:
    application = _approved()
    monkeypatch.setattr(grants, "list_missing_feedback", lambda: [application.pk])
    monkeypatch.setattr(grants.timezone, "localdate", lambda: _on_the_day(application))
    mail.outbox.clear()
    assert tasks.remind_missing_feedback() == 1
    assert len(mail.outbox) == 1


def test_the_partner_reports_through_their_link_and_the_photo_shows_publicly(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    application = _approved()
    monkeypatch.setattr(grants.timezone, "localdate", lambda: _on_the_day(application))
    url = services.application_link(application)
    path = url[url.index("/", url.index("//") + 2) :] if "//" in url else url
    response = Client().post(
        path,
        {
            "feedback": "1",
            "narrative": "Una marcha.",
            "participants": "120",
            "photo_1": SimpleUploadedFile("a.png", PNG, content_type="image/png"),
            "caption_1": "Pancarta",
            "consent_1": "on",
            "photo_2": SimpleUploadedFile("b.png", PNG, content_type="image/png"),
            "caption_2": "Sin permiso",
        },
    )
    assert response.status_code == 302
    page = (
        Client()
        .get(reverse("campaign:actions") + f"?year={application.call.year}")
        .content.decode()
    )
    assert 'alt="Pancarta"' in page
    assert "Sin permiso" not in page
