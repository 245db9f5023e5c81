"""Fictional publications and small PDFs for the library's tests."""

import datetime
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from vigie.library import services
from vigie.library.models import Publication, PublicationKind


def make_pdf(*lines: str) -> bytes:
    """A one-page PDF whose text layer holds ``lines`` (Latin-1 text, WinAnsi encoding)."""
    text_ops = "".join(
        f"BT /F1 12 Tf 50 {750 - 20 * i} Td ({line.replace('(', '[').replace(')', ']')}) Tj ET\n"
        for i, line in enumerate(lines)
    ).encode("cp1252")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(text_ops)).encode() + b" >>\nstream\n" + text_ops + b"endstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def pdf_upload(name: str, *lines: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, make_pdf(*lines), content_type="application/pdf")


def make_publication(
    slug: str,
    *,
    title_en: str = "",
    title_fr: str = "",
    title_es: str = "",
    summary_en: str = "",
    summary_fr: str = "",
    kind: str = PublicationKind.REPORT,
    published_on: datetime.date = datetime.date(2025, 3, 1),
    published: bool = True,
    priorities: tuple[int, ...] = (),
    pillars: tuple[int, ...] = (3,),
    countries: tuple[Any, ...] = (),
    uploads: dict[str, Any] | None = None,
    **fields: Any,
) -> Publication:
    publication = Publication(
        slug=slug,
        kind=kind,
        title_en=title_en
        or (f"Fictional publication {slug}" if not (title_fr or title_es) else ""),
        title_fr=title_fr,
        title_es=title_es,
        summary_en=summary_en,
        summary_fr=summary_fr,
        published_on=published_on,
        **fields,
    )
    services.save_publication(
        publication=publication,
        priorities=priorities,
        pillars=pillars,
        countries=countries,
        uploads=uploads,
    )
    if published:
        services.set_published(publication=publication, published=True)
    return publication
