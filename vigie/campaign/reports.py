"""The yearly summary report of the Global Day of Action, as a PDF in the page's language
(WeasyPrint, like the strategy report and the country factsheet): cities, countries, actions,
grants and amounts by region, and the photos partners agreed to publish, all from the data."""

import base64
import mimetypes
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.files.storage import default_storage
from django.template.loader import render_to_string

from vigie.campaign.models import ActionPhoto, Application

MAX_PHOTOS = 8


@dataclass(frozen=True)
class RegionLine:
    region: str
    actions: int
    countries: int
    grants: int
    awarded_usd: Decimal


@dataclass(frozen=True)
class ReportPhoto:
    data_uri: str
    caption: str
    place: str


@dataclass
class YearSummary:
    year: int
    actions: int = 0
    cities: int = 0
    countries: int = 0
    awarded_usd: Decimal = Decimal(0)
    regions: list[RegionLine] = field(default_factory=list)
    photos: list[ReportPhoto] = field(default_factory=list)


def _photo_uri(photo: ActionPhoto) -> str | None:
    """The photo inline (a data URI), so that WeasyPrint needs neither network nor the site."""
    name = photo.image.name
    if not default_storage.exists(name):
        return None
    with default_storage.open(name, "rb") as handle:
        content = handle.read()
    kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return f"data:{kind};base64,{base64.b64encode(content).decode('ascii')}"


def build_year_summary(year: int) -> YearSummary:
    actions = list(
        Application.objects.filter(call__year=year, status=Application.Status.APPROVED)
        .select_related("country")
        .order_by("country__name", "city_name")
    )
    summary = YearSummary(
        year=year,
        actions=len(actions),
        cities=len({a.city_geonameid for a in actions if a.city_geonameid}),
        countries=len({a.country_id for a in actions if a.country_id}),
        awarded_usd=sum((a.awarded_usd or Decimal(0) for a in actions), Decimal(0)),
    )
    by_region: dict[str, list[Application]] = {}
    for action in actions:
        label = (
            str(action.country.get_region_display())
            if action.country and action.country.region
            else "—"
        )
        by_region.setdefault(label, []).append(action)
    summary.regions = [
        RegionLine(
            region=region,
            actions=len(items),
            countries=len({a.country_id for a in items}),
            grants=sum(1 for a in items if a.awarded_usd),
            awarded_usd=sum((a.awarded_usd or Decimal(0) for a in items), Decimal(0)),
        )
        for region, items in sorted(by_region.items())
    ]
    photos = ActionPhoto.objects.filter(
        report__application__in=actions, consent_to_publish=True
    ).select_related("report__application__country")[:MAX_PHOTOS]
    for photo in photos:
        uri = _photo_uri(photo)
        if uri is None:
            continue
        application = photo.report.application
        place = (
            f"{application.city_name}, {application.country.name if application.country else ''}"
        )
        summary.photos.append(ReportPhoto(data_uri=uri, caption=photo.caption, place=place))
    return summary


def render_year_report_pdf(year: int, *, language: str) -> bytes:
    html = render_to_string(
        "campaign/year_report.html",
        {"summary": build_year_summary(year), "LANGUAGE_CODE": language},
    )
    from weasyprint import HTML  # imported here: loading it parses its stylesheets

    return HTML(string=html).write_pdf() or b""
