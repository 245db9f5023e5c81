"""What every embed page must be (see ``vigie.core.charts.render_embed``)."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response


def assert_embed_page(response: "Response", key: str) -> str:
    """The figure ``key`` alone, frameable by any site, with its title, unit and source line;
    returns the page's HTML."""
    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    assert "frame-ancestors *" in response["Content-Security-Policy"]
    html = response.content.decode()
    assert f'<figure class="chart-figure" id="{key}"' in html and "site-header" not in html
    assert "Unit: " in html and "Source: " in html and "Licence: " in html
    return html


def assert_not_frameable(response: "Response") -> None:
    """Any other page: no site may frame it."""
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
