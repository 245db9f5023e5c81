"""Uploaded documents: which kinds are accepted, and how they are served back.

An upload is served from the site's own origin, so an HTML or SVG file with a script in it would
run with the site's cookies. Only documents people exchange about an event are accepted (PDF,
images, office documents), recognised by their first bytes and not only by the name they came
with; the name's extension must agree with the content. Whatever is on disk is served as an
attachment with ``X-Content-Type-Options: nosniff``, so a browser never renders it in the page.
"""

import mimetypes
import zipfile
from collections.abc import Callable
from pathlib import PurePosixPath
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

PDF = "application/pdf"
OOXML_PARTS = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
ODF_TYPES = {
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
}
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _zip_members(file: IO[bytes]) -> zipfile.ZipFile | None:
    try:
        return zipfile.ZipFile(file)
    except (zipfile.BadZipFile, OSError):
        return None


def _is_ooxml(extension: str) -> Callable[[bytes, IO[bytes]], bool]:
    def check(head: bytes, file: IO[bytes]) -> bool:
        archive = _zip_members(file) if head.startswith(b"PK\x03\x04") else None
        if archive is None:
            return False
        names = archive.namelist()
        return "[Content_Types].xml" in names and any(
            name.startswith(OOXML_PARTS[extension]) for name in names
        )

    return check


def _is_odf(extension: str) -> Callable[[bytes, IO[bytes]], bool]:
    def check(head: bytes, file: IO[bytes]) -> bool:
        archive = _zip_members(file) if head.startswith(b"PK\x03\x04") else None
        if archive is None or "mimetype" not in archive.namelist():
            return False
        return archive.read("mimetype").decode("ascii", "replace") == ODF_TYPES[extension]

    return check


def _starts(*signatures: bytes) -> Callable[[bytes, IO[bytes]], bool]:
    return lambda head, file: head.startswith(signatures)


# extension → how its content is recognised
ACCEPTED_DOCUMENTS: dict[str, Callable[[bytes, IO[bytes]], bool]] = {
    "pdf": _starts(b"%PDF-"),
    "png": _starts(b"\x89PNG\r\n\x1a\n"),
    "jpg": _starts(b"\xff\xd8\xff"),
    "jpeg": _starts(b"\xff\xd8\xff"),
    "gif": _starts(b"GIF87a", b"GIF89a"),
    "webp": lambda head, file: head[:4] == b"RIFF" and head[8:12] == b"WEBP",
    "docx": _is_ooxml("docx"),
    "xlsx": _is_ooxml("xlsx"),
    "pptx": _is_ooxml("pptx"),
    "odt": _is_odf("odt"),
    "ods": _is_odf("ods"),
    "odp": _is_odf("odp"),
    "doc": _starts(OLE2),
    "xls": _starts(OLE2),
    "ppt": _starts(OLE2),
}


def content_type_to_serve(name: str) -> str:
    """The type an upload is served with: its own for an accepted kind, else raw bytes."""
    extension = PurePosixPath(name).suffix.lower().lstrip(".")
    guessed = mimetypes.guess_type(name)[0] if extension in ACCEPTED_DOCUMENTS else None
    return guessed or "application/octet-stream"


def validate_document(file: Any) -> None:
    """Raise ``ValidationError`` unless the upload is an accepted document of a sensible size."""
    name = str(getattr(file, "name", "") or "")
    extension = PurePosixPath(name).suffix.lower().lstrip(".")
    limit = settings.MAX_DOCUMENT_UPLOAD_BYTES
    if file.size > limit:
        raise ValidationError(
            _("“%(name)s” is %(size)d MB; the limit is %(limit)d MB.")
            % {"name": name, "size": file.size // 1_000_000, "limit": limit // 1_000_000},
            code="too_large",
        )
    check = ACCEPTED_DOCUMENTS.get(extension)
    if check is None:
        raise ValidationError(
            _(
                "“%(name)s” is not an accepted kind of file: upload a PDF, an image (PNG, JPEG, "
                "GIF, WebP) or an office document (Word, Excel, PowerPoint, OpenDocument)."
            )
            % {"name": name},
            code="file_type",
        )
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    recognised = check(head, file)
    file.seek(0)
    if not recognised:
        raise ValidationError(
            _("The content of “%(name)s” is not a .%(extension)s file.")
            % {"name": name, "extension": extension},
            code="file_content",
        )
