"""Every PDF of the site is tagged (PDF/UA-1), with its language, its title and figures' alt text."""

import base64

import pytest
from django.test import Client

from vigie.core.pdf import html_to_pdf
from vigie.core.tests.factories import make_country
from vigie.core.tests.pdf_checks import read_accessibility

PIXEL = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
    )
).decode()


def test_html_becomes_a_tagged_pdf_with_language_title_and_alt_text() -> None:
    html = (
        '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Rapport</title></head>'
        f'<body><h1>Rapport</h1><img src="data:image/png;base64,{PIXEL}" alt="Courbe des votes">'
        "</body></html>"
    )
    found = read_accessibility(html_to_pdf(html, base_url="http://testserver/"))
    assert found.tagged and found.shows_title
    assert (found.language, found.title) == ("fr", "Rapport")
    assert found.figure_alt_texts == ["Courbe des votes"]


@pytest.mark.django_db
def test_the_country_factsheet_is_tagged_in_the_readers_language(no_reference_data: None) -> None:
    make_country("PT", name_en="Portugal", name_fr="Portugal", name_es="Portugal")
    found = read_accessibility(Client().get("/es/countries/pt/factsheet.pdf").content)
    assert found.tagged and found.language == "es" and "Portugal" in found.title


def test_no_module_writes_a_pdf_but_through_core_pdf() -> None:
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    writers = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "tests" not in path.parts and "write_pdf(" in path.read_text(encoding="utf-8")
    ]
    assert writers == ["core/pdf.py"]
