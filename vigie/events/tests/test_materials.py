"""Event materials: only documents are accepted, recognised by content; all are served as downloads."""

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from vigie.core.errors import DomainError
from vigie.core.tests.factories import make_user
from vigie.events.models import Material
from vigie.events.services import attach_material
from vigie.events.tests.factories import make_event

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PAGE_WITH_SCRIPT = b"<!doctype html><script>fetch('/en/network/')</script>"


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def _media_in_a_temporary_folder(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def editor() -> Client:
    client = Client()
    client.force_login(make_user("editor", role="editor"))
    return client


def _upload(editor: Client, slug: str, name: str, content: bytes) -> str:
    response = editor.post(
        f"/en/events/staff/{slug}/materials/",
        {"material-title": "Slides", "material-file": SimpleUploadedFile(name, content)},
    )
    return response.content.decode()


def test_an_html_page_with_a_script_is_refused_and_nothing_is_stored(editor: Client) -> None:
    event = make_event()
    page = _upload(editor, event.slug, "slides.html", PAGE_WITH_SCRIPT)
    assert "“slides.html” is not an accepted kind of file" in page
    assert not Material.objects.exists()


def test_a_page_renamed_to_pdf_is_refused_by_its_content(editor: Client) -> None:
    event = make_event()
    page = _upload(editor, event.slug, "slides.pdf", PAGE_WITH_SCRIPT)
    assert "The content of “slides.pdf” is not a .pdf file." in page
    assert not Material.objects.exists()


def test_a_zip_archive_renamed_to_docx_is_refused(editor: Client) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("index.html", PAGE_WITH_SCRIPT)
    event = make_event()
    page = _upload(editor, event.slug, "notes.docx", buffer.getvalue())
    assert "The content of “notes.docx” is not a .docx file." in page
    assert not Material.objects.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("slides.pdf", PDF),
        ("photo.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 32),
        ("photo.JPG", b"\xff\xd8\xff\xe0" + b"\0" * 32),
        ("notes.docx", _docx()),
    ],
)
def test_documents_and_images_are_accepted(editor: Client, name: str, content: bytes) -> None:
    event = make_event()
    _upload(editor, event.slug, name, content)
    assert Material.objects.get(event=event).file.name.startswith("events/materials/")


def test_a_file_over_the_size_limit_is_refused(editor: Client, settings: Any) -> None:
    settings.MAX_DOCUMENT_UPLOAD_BYTES = 2_000_000
    event = make_event()
    page = _upload(editor, event.slug, "big.pdf", PDF + b"\0" * 2_000_001)
    assert "“big.pdf” is 2 MB; the limit is 2 MB." in page
    assert not Material.objects.exists()


def test_the_service_refuses_an_html_file_whatever_door_it_comes_by() -> None:
    event = make_event()
    with pytest.raises(DomainError, match="not an accepted kind of file"):
        attach_material(
            event=event,
            title="Page",
            file=SimpleUploadedFile("page.htm", PAGE_WITH_SCRIPT),
            actor=None,
        )


def test_an_uploaded_document_is_served_as_a_download_that_is_not_sniffed(
    editor: Client,
) -> None:
    event = make_event()
    _upload(editor, event.slug, "slides.pdf", PDF)
    material = Material.objects.get(event=event)
    response = Client().get(material.href)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.getvalue() == PDF


def test_an_html_file_stored_before_the_check_is_served_as_raw_bytes_to_download(
    settings: Any,
) -> None:
    folder = Path(settings.MEDIA_ROOT) / "events" / "materials"
    folder.mkdir(parents=True)
    (folder / "old.html").write_bytes(PAGE_WITH_SCRIPT)
    response = Client().get("/media/events/materials/old.html")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


def test_a_path_outside_the_uploads_is_not_served() -> None:
    assert Client().get("/media/../vigie/settings.py").status_code == 404
