"""Writes of the library: PDFs checked and their text extracted, all or nothing."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from vigie.core.models import AuditEntry, Source
from vigie.library import services
from vigie.library.models import Publication, PublicationFile
from vigie.library.tests.factories import make_pdf, make_publication, pdf_upload

pytestmark = pytest.mark.django_db


def test_the_text_of_an_uploaded_pdf_is_extracted_with_its_pages() -> None:
    publication = make_publication(
        "p", uploads={"fr": pdf_upload("p.pdf", "Réduction des risques", "à Dakar")}
    )
    version = publication.files.get(language="fr")
    assert "Réduction des risques" in version.text and "à Dakar" in version.text
    assert version.pages == 1
    assert version.size == len(make_pdf("Réduction des risques", "à Dakar"))
    assert "/library/" in version.file.url


def test_a_file_that_is_not_a_pdf_is_refused_and_nothing_is_written() -> None:
    html = SimpleUploadedFile("p.pdf", b"<html><script>x</script></html>")
    with pytest.raises(ValidationError) as error:
        make_publication("p", uploads={"en": html})
    assert "p.pdf" in str(error.value)
    assert not Publication.objects.filter(slug="p").exists()


def test_an_accepted_document_that_is_not_a_pdf_is_refused() -> None:
    png = SimpleUploadedFile("image.png", b"\x89PNG\r\n\x1a\n" + b"0" * 20)
    with pytest.raises(ValidationError, match="not a PDF"):
        make_publication("p", uploads={"en": png})


def test_a_pdf_that_cannot_be_parsed_is_refused_with_its_name() -> None:
    broken = SimpleUploadedFile("broken.pdf", b"%PDF-1.4\n garbage without objects")
    with pytest.raises(ValidationError, match=r"broken\.pdf"):
        make_publication("p", uploads={"en": broken})
    assert not PublicationFile.objects.exists()


def test_a_pdf_over_the_size_limit_is_refused(settings: object) -> None:
    settings.MAX_DOCUMENT_UPLOAD_BYTES = 100  # type: ignore[attr-defined]
    with pytest.raises(ValidationError, match="limit"):
        make_publication("p", uploads={"en": pdf_upload("big.pdf", "x" * 200)})


def test_a_new_file_replaces_the_language_version() -> None:
    publication = make_publication("p", uploads={"en": pdf_upload("a.pdf", "first")})
    services.attach_file(
        publication=publication, language="en", upload=pdf_upload("b.pdf", "second")
    )
    versions = list(publication.files.all())
    assert len(versions) == 1 and "second" in versions[0].text


def test_publishing_makes_the_landing_page_a_citable_source(settings: object) -> None:
    settings.SITE_URL = "https://vigie.example"  # type: ignore[attr-defined]
    publication = make_publication(
        "cited", title_en="Cited report", published=False, published_on=datetime.date(2025, 1, 2)
    )
    assert not Source.objects.filter(url__contains="cited").exists()
    services.set_published(publication=publication, published=True)
    source = Source.objects.get(url="https://vigie.example/en/library/cited/")
    assert source.title == "Cited report" and source.published_on == datetime.date(2025, 1, 2)
    assert AuditEntry.objects.filter(action="library.publication.published").exists()


def test_strategy_links_are_replaced_on_save() -> None:
    publication = make_publication("p", priorities=(1, 2), pillars=(3,))
    services.save_publication(publication=publication, priorities=(5,), pillars=(), countries=())
    assert [(link.kind, link.number) for link in publication.strategy_links.all()] == [
        ("priority", 5)
    ]
