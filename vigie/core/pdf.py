"""HTML to PDF, one way for every document of the site: tagged, with language and title.

Every PDF is written as PDF/UA-1 (WeasyPrint's ``pdf/ua-1`` variant): a structure tree that screen
readers follow, the document's language from ``<html lang>``, and its title from ``<title>``
shown in the viewer's title bar. Charts in the HTML must carry an ``alt`` text, which becomes the
figure's alternative text.
"""


def html_to_pdf(html: str, *, base_url: str) -> bytes:
    from weasyprint import HTML  # imported here: loading it parses its stylesheets

    return HTML(string=html, base_url=base_url).write_pdf(pdf_variant="pdf/ua-1") or b""
