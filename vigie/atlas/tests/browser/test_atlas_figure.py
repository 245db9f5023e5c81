"""The atlas map as a figure a reader can take away: its title and table heading follow the year,
its colours are legible, its address restores the view, its markers stay apart, its downloads
are what is shown, and its embed page can be framed by another site."""

import csv
import datetime
import http.server
import io
import itertools
import math
import re
import threading
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from vigie.atlas.tests.helpers import make_measure, make_place, make_uruguay_regulation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EAST_COAST = ("US-NY", "US-NJ", "US-CT", "US-RI", "US-MA", "US-DE", "US-MD", "US-DC", "US-VA")


def _atlas() -> None:
    make_place("PT", numeric="620", name_en="Portugal", region="150")
    make_place("NL", numeric="528", name_en="Netherlands", region="150")
    make_measure("pt", "PT", "decrim_de_jure", in_force_on=datetime.date(2001, 7, 1))
    make_measure("nl", "NL", "decrim_de_facto", in_force_on=datetime.date(1976, 10, 1))
    make_uruguay_regulation()
    for code in EAST_COAST:
        make_place(code)
        make_measure(code.lower(), code, "regulation_adult", adopted_on=datetime.date(2016, 11, 8))


def _open(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator("#atlas-map[data-rendered='true'] svg")).to_be_visible()


def _luminance(rgb: tuple[int, ...]) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    low, high = sorted((_luminance(a), _luminance(b)))
    return (high + 0.05) / (low + 0.05)


def _rgb(css: str) -> tuple[int, ...]:
    return tuple(int(v) for v in re.findall(r"\d+", css)[:3])


def test_the_title_and_the_table_heading_say_the_year_shown(
    page: Page, live_server: object
) -> None:
    _atlas()
    year = datetime.date.today().year
    _open(page, f"{live_server.url}/en/atlas/")  # type: ignore[attr-defined]
    figure = page.locator("figure#atlas-figure")
    expect(figure.locator("#atlas-map-title")).to_contain_text(str(year))
    expect(figure.locator(".atlas-legend")).to_contain_text("No measure recorded")
    expect(figure.locator("figcaption")).to_contain_text("Source:")
    expect(figure.locator("figcaption")).to_contain_text("CC BY 4.0")

    page.locator("#atlas-year").fill("2000")
    expect(page.locator("#atlas-map")).to_have_attribute("data-year", "2000")
    expect(page.locator("#atlas-map-title")).to_contain_text("in 2000")
    expect(page.locator("#atlas-table-title")).to_have_text("Strongest measure in force in 2000")
    expect(page.locator("#atlas-table tbody tr")).to_have_count(1)  # the Netherlands only
    expect(page.locator("#atlas-table")).to_contain_text("Netherlands")


def test_play_walks_the_years_and_the_map_fits_a_phone(page: Page, live_server: object) -> None:
    _atlas()
    page.set_viewport_size({"width": 390, "height": 800})
    _open(page, f"{live_server.url}/en/atlas/?year=2010")  # type: ignore[attr-defined]
    box = page.locator("#atlas-map svg").bounding_box()
    assert box is not None and box["height"] <= 0.7 * box["width"]  # no blank band around it
    page.get_by_role("button", name="Play").click()
    expect(page.locator("#atlas-map")).to_have_attribute(
        "data-year", re.compile(r"^20(1[2-9]|2\d)$"), timeout=10_000
    )
    page.get_by_role("button", name="Pause").click()
    stopped = page.locator("#atlas-year").input_value()
    page.wait_for_timeout(1500)
    expect(page.locator("#atlas-year")).to_have_value(stopped)
    expect(page.locator("#atlas-table-title")).to_contain_text(stopped)
    expect(page).to_have_url(re.compile(f"year={stopped}"))


def test_the_title_follows_the_year_in_french(page: Page, live_server: object) -> None:
    _atlas()
    _open(page, f"{live_server.url}/fr/atlas/?year=1999")  # type: ignore[attr-defined]
    expect(page.locator("#atlas-table-title")).to_contain_text("1999")
    expect(page.locator("#atlas-map-title")).to_contain_text("1999")
    expect(page.locator("#atlas-map-title")).not_to_contain_text("Drug")


def test_the_colours_are_distinct_and_legible_and_every_country_is_drawn(
    page: Page, live_server: object
) -> None:
    _atlas()
    _open(page, f"{live_server.url}/en/atlas/")  # type: ignore[attr-defined]
    background = _rgb(page.evaluate("getComputedStyle(document.body).backgroundColor"))
    if background == (0, 0, 0) or not any(background):
        background = _rgb(
            page.evaluate("getComputedStyle(document.documentElement).backgroundColor")
        )
    swatches = page.locator(".atlas-legend .swatch[class*='kind-']")
    colours = {
        swatches.nth(i).get_attribute("class"): _rgb(
            swatches.nth(i).evaluate("e => getComputedStyle(e).backgroundColor")
        )
        for i in range(swatches.count())
    }
    none = colours.pop("swatch kind-none")
    assert len(colours) == 7
    for name, colour in colours.items():
        assert _contrast(colour, background) >= 3, name
        assert _contrast(colour, none) >= 2.5, name
    for (a, ca), (b, cb) in itertools.combinations(colours.items(), 2):
        assert math.dist(ca, cb) >= 60, (a, b)
    size = page.locator(".atlas-legend li").first.evaluate("e => getComputedStyle(e).fontSize")
    assert float(size.removesuffix("px")) >= 12

    # The map draws the legend's colours: the Netherlands in the de facto colour, and every
    # country of the world map, those with nothing recorded in the "no data" colour.
    def hexa(rgb: tuple[int, ...]) -> str:
        return "#" + "".join(f"{v:02x}" for v in rgb)

    de_facto = hexa(colours["swatch kind-decrim_de_facto"])
    assert page.locator(f'#atlas-map svg path[fill="{de_facto}"]').count() == 1
    countries = page.locator("#atlas-map svg .mark-shape path")
    assert countries.count() >= 170
    assert page.locator(f'#atlas-map svg .mark-shape path[fill="{hexa(none)}"]').count() >= 160


def test_the_address_keeps_the_view_and_a_shared_address_restores_it(
    page: Page, browser: Browser, live_server: object
) -> None:
    _atlas()
    _open(page, f"{live_server.url}/en/atlas/")  # type: ignore[attr-defined]
    page.get_by_label("Kind").select_option("decrim_de_jure")
    page.locator("#atlas-year").fill("2005")
    expect(page.locator("#atlas-map")).to_have_attribute("data-year", "2005")
    expect(page).to_have_url(re.compile(r"\?year=2005&kind=decrim_de_jure$"))
    shared = page.url

    other = browser.new_context().new_page()
    _open(other, shared)
    expect(other.locator("#atlas-year")).to_have_value("2005")
    expect(other.get_by_label("Kind")).to_have_value("decrim_de_jure")
    expect(other.locator("#atlas-map")).to_have_attribute("data-year", "2005")
    expect(other.locator("#atlas-map-title")).to_contain_text("2005")
    expect(other.locator("#atlas-table-title")).to_have_text("Strongest measure in force in 2005")
    rows = other.locator("#atlas-table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text("Portugal")
    other.context.close()


# The first drawing asked for after this runs takes 800 ms longer than the others, as a large
# map on a slow telephone would: it finishes after a drawing asked for later.
SLOW_FIRST_DRAWING = """() => {
  const render = window.VigieChoropleth.render;
  let calls = 0;
  window.VigieChoropleth.render = (element, options) => {
    const delay = calls++ === 0 ? 800 : 0;
    return new Promise((done) => setTimeout(done, delay)).then(() => render(element, options));
  };
}"""


def test_the_map_shows_the_last_view_asked_for_when_changes_come_faster_than_drawing(
    page: Page, live_server: object
) -> None:
    """A kind chosen, then a year, before the first map is drawn: the map ends on the year and
    kind chosen last, never on the older view finishing late."""
    _atlas()
    _open(page, f"{live_server.url}/en/atlas/")  # type: ignore[attr-defined]
    page.evaluate(SLOW_FIRST_DRAWING)
    page.get_by_label("Kind").select_option("decrim_de_jure")
    page.locator("#atlas-year").fill("2005")
    atlas_map = page.locator("#atlas-map")
    expect(atlas_map).to_have_attribute("aria-busy", "false")
    page.wait_for_timeout(1000)  # past the slow drawing's end, had it been drawn last
    expect(atlas_map).to_have_attribute("data-year", "2005")
    expect(page.locator("#atlas-map-title")).to_contain_text("2005")


def test_a_region_chosen_zooms_the_map_to_its_countries(page: Page, live_server: object) -> None:
    _atlas()
    make_place("SN", numeric="686", name_en="Senegal", region="002")
    _open(page, f"{live_server.url}/en/atlas/")  # type: ignore[attr-defined]
    countries = page.locator("#atlas-map svg .mark-shape path")
    world = countries.count()
    assert world >= 170

    portugal = page.locator('#atlas-map svg .mark-shape path[aria-label^="Portugal"]')

    def width() -> float:
        return float(portugal.evaluate("p => p.getBBox().width"))

    in_the_world = width()
    page.get_by_label("Region").select_option("150")
    expect(page).to_have_url(re.compile(r"region=150"))
    expect(countries).to_have_count(2)  # Portugal and the Netherlands, the Europe of this atlas
    assert width() > 4 * in_the_world  # the map zoomed in on them
    page.get_by_label("Region").select_option("")
    expect(countries).to_have_count(world)


def test_neighbouring_states_stay_apart_and_countries_are_reached_by_keyboard(
    page: Page, live_server: object
) -> None:
    _atlas()
    page.set_viewport_size({"width": 1366, "height": 900})
    _open(page, f"{live_server.url}/en/atlas/")  # type: ignore[attr-defined]
    markers = page.locator("#atlas-map svg .mark-symbol path")
    expect(markers).to_have_count(len(EAST_COAST))
    boxes = [markers.nth(i).bounding_box() for i in range(markers.count())]
    for a, b in itertools.combinations(boxes, 2):
        assert a is not None and b is not None
        centre_a = (a["x"] + a["width"] / 2, a["y"] + a["height"] / 2)
        centre_b = (b["x"] + b["width"] / 2, b["y"] + b["height"] / 2)
        assert math.dist(centre_a, centre_b) >= 0.9 * max(a["width"], b["width"])

    portugal = page.locator('#atlas-map svg [role="link"][aria-label^="Portugal"]')
    expect(portugal).to_have_count(1)
    page.locator("#atlas-year").focus()
    for _ in range(400):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('aria-label') || ''").startswith(
            "Portugal"
        ):
            break
    else:
        pytest.fail("Portugal is not reachable by keyboard")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/en/atlas/measures/pt/$"))


def test_the_csv_downloaded_is_the_table_shown(page: Page, live_server: object) -> None:
    _atlas()
    _open(page, f"{live_server.url}/en/atlas/")  # type: ignore[attr-defined]
    page.locator("#atlas-year").fill("2014")
    expect(page.locator("#atlas-table-title")).to_contain_text("2014")
    with page.expect_download() as info:
        page.get_by_role("button", name="Table (CSV)").click()
    download = info.value
    assert download.suggested_filename == "vigie-atlas-2014.csv"
    text = Path(download.path()).read_text(encoding="utf-8-sig")
    header, *lines = list(csv.reader(io.StringIO(text)))
    headings = page.locator("#atlas-table thead th").all_inner_texts()
    assert header[:1] + header[2:] == headings
    shown = []
    for row in page.locator("#atlas-table tbody tr").all():
        cells = row.locator("td").all_inner_texts()
        name = row.locator("td a").first.inner_text()
        code = row.locator("td .small").first.inner_text()
        shown.append([name, code, *cells[1:]])
    assert lines == shown
    assert [line[0] for line in lines] == ["Netherlands", "Portugal", "Uruguay"]


def test_the_map_downloads_as_svg_and_png_with_its_title(page: Page, live_server: object) -> None:
    _atlas()
    _open(page, f"{live_server.url}/en/atlas/")  # type: ignore[attr-defined]
    page.locator("#atlas-year").fill("2010")
    expect(page.locator("#atlas-map")).to_have_attribute("data-year", "2010")
    with page.expect_download() as info:
        page.get_by_role("button", name="Map (SVG)").click()
    svg = Path(info.value.path()).read_text(encoding="utf-8")
    assert info.value.suggested_filename == "vigie-atlas-2010.svg"
    assert svg.lstrip().startswith("<svg")
    assert "Drug decriminalisation and legal regulation in 2010" in svg
    assert "CC BY 4.0" in svg
    assert "De facto decriminalisation" in svg  # the legend
    with page.expect_download() as info:
        page.get_by_role("button", name="Map (PNG)").click()
    assert Path(info.value.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_embed_page_renders_alone_and_may_be_framed_elsewhere(
    page: Page, live_server: object
) -> None:
    _atlas()
    base = live_server.url  # type: ignore[attr-defined]
    _open(page, f"{base}/en/atlas/")
    page.locator("#atlas-year").fill("2005")
    expect(page.locator("#atlas-embed-code")).to_have_value(
        re.compile(r'<iframe src="http://[^"]+/en/atlas/embed/\?year=2005"')
    )
    snippet = page.locator("#atlas-embed-code").input_value()

    # Another site, served from another port of this machine (a page the test would fulfil
    # itself counts as public, and the browser keeps public pages from framing local servers).
    framed = f"<iframe src='{base}/en/atlas/' title='not allowed'></iframe>"
    body = f"<!doctype html><title>Elsewhere</title>{snippet}{framed}".encode()

    class Elsewhere(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Elsewhere)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/")
        _framed_checks(page)
    finally:
        server.shutdown()
        server.server_close()


def _framed_checks(page: Page) -> None:
    frame = page.frame_locator("iframe[src*='/embed/']")
    expect(frame.locator("#atlas-map[data-rendered='true'] svg")).to_be_visible()
    expect(frame.locator("#atlas-map")).to_have_attribute("data-year", "2005")
    expect(frame.locator("#atlas-map-title")).to_contain_text("2005")
    expect(frame.locator("figcaption")).to_contain_text("CC BY 4.0")
    expect(frame.locator(".site-header")).to_have_count(0)
    page.wait_for_timeout(500)
    assert page.frame_locator("iframe[title='not allowed']").locator("#atlas-map").count() == 0
