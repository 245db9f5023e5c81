"""Text of an uploaded PDF, read with pypdf.

pypdf is pure Python (no system library to install next to WeasyPrint's Pango), BSD-licensed and
actively maintained (regular releases, security fixes for malformed files); the project already
used it in its tests to read generated reports. A PDF that cannot be parsed is refused with a
clear message; a scanned PDF with no text layer is accepted with an empty text (searched by its
title and summary only).
"""

import logging
from typing import IO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from pypdf import PdfReader
from pypdf.errors import PdfReadError

logger = logging.getLogger(__name__)

MAX_PAGES = 2000
MAX_CHARACTERS = 2_000_000


def extract_pdf_text(file: IO[bytes], name: str) -> tuple[str, int]:
    """The text of the PDF (at most ``MAX_CHARACTERS``) and its number of pages."""
    file.seek(0)
    try:
        reader = PdfReader(file)
        if reader.is_encrypted:
            raise ValidationError(
                _("“%(name)s” is encrypted: upload a PDF without a password.") % {"name": name},
                code="pdf_encrypted",
            )
        pages = len(reader.pages)
        parts: list[str] = []
        length = 0
        for page in list(reader.pages)[:MAX_PAGES]:
            text = page.extract_text() or ""
            parts.append(text)
            length += len(text)
            if length >= MAX_CHARACTERS:
                break
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        logger.info("unreadable PDF %s: %s", name, error)
        raise ValidationError(
            _("“%(name)s” could not be read as a PDF.") % {"name": name}, code="pdf_unreadable"
        ) from error
    finally:
        file.seek(0)
    return "\n".join(parts)[:MAX_CHARACTERS].replace("\x00", ""), pages
