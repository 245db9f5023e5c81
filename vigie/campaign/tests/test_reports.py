"""The yearly summary report: figures from the data, by region, with consented photos only."""

import io
from decimal import Decimal

import pytest
from django.test import Client
from pypdf import PdfReader

from vigie.campaign import grants, reports, services
from vigie.campaign.models import ActionPhoto
from vigie.campaign.tests.factories import make_application, make_call

pytestmark = pytest.mark.django_db

# A 1×1 PNG.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def test_summary_counts_actions_cities_countries_and_amounts_by_region(
    monkeypatch: pytest.MonkeyPatch, settings: object, tmp_path: object
) -> None:
    settings.MEDIA_ROOT = str(tmp_path)  # type: ignore[attr-defined]
    call = make_call(envelope="2000")
    first = make_application(call, email="one@fictional.example")
    second = make_application(call, email="two@fictional.example")
    make_application(call, email="draft@fictional.example", submit=False)
    services.approve_application(application_id=first.pk, amount_usd=Decimal("450"))
    services.approve_application(application_id=second.pk, amount_usd=Decimal("300"))
    monkeypatch.setattr(grants.timezone, "localdate", lambda: call.day_on)
    from django.core.files.uploadedfile import SimpleUploadedFile

    grants.submit_feedback(
        application_id=first.pk,
        narrative="x",
        participants=10,
        photos=[
            (SimpleUploadedFile("a.png", PNG), "Shown", True),
            (SimpleUploadedFile("b.png", PNG), "Hidden", False),
        ],
    )
    summary = reports.build_year_summary(call.year)
    assert (summary.actions, summary.cities, summary.countries) == (2, 1, 1)
    assert summary.awarded_usd == Decimal("750")
    assert [(line.actions, line.awarded_usd) for line in summary.regions] == [(2, Decimal("750"))]
    assert [photo.caption for photo in summary.photos] == ["Shown"]
    assert summary.photos[0].data_uri.startswith("data:image/png;base64,")
    assert ActionPhoto.objects.count() == 2


def test_the_report_pdf_is_in_the_pages_language() -> None:
    call = make_call()
    services.approve_application(
        application_id=make_application(call).pk, amount_usd=Decimal("450")
    )
    response = Client().get(f"/fr/campaign/{call.year}/report.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert f"Journée d’action mondiale {call.year}" in text
    assert "Par région" in text
