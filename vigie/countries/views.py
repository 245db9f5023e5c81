"""The countries list and the country profile, the page people share, with its PDF factsheet."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.text import slugify

from vigie.core.i18n import active_language
from vigie.core.models import Country
from vigie.core.pdf import html_to_pdf
from vigie.core.regions import Region
from vigie.countries.profile import get_cached_profile


def country_list(request: HttpRequest) -> HttpResponse:
    language = active_language()
    countries = sorted(Country.objects.all(), key=lambda country: country.name.casefold())
    labels = dict(Region.choices)
    groups = []
    for code, label in [*labels.items(), ("", None)]:
        members = [country for country in countries if country.region == code]
        if members:
            groups.append({"code": code, "label": label, "countries": members})
    return render(request, "countries/list.html", {"groups": groups, "language": language})


def _country(iso2: str) -> Country:
    return get_object_or_404(Country, iso2=iso2.upper())


# The profile page shows the first rows of each section and links to the app's page with all of
# them (the factsheet keeps every row): the page costs the same whatever the data recorded.
PROFILE_ROWS_SHOWN = 20


def profile(request: HttpRequest, iso2: str) -> HttpResponse:
    country = _country(iso2)
    data = get_cached_profile(country)
    return render(
        request,
        "countries/profile.html",
        {
            "profile": data,
            "rows_shown": PROFILE_ROWS_SHOWN,
            "rows_slice": f":{PROFILE_ROWS_SHOWN}",
            "country": country,
            "permalink": request.build_absolute_uri(
                reverse("countries:profile", args=[country.iso2.lower()])
            ),
            "atlas_map_url": reverse("atlas:map"),
        },
    )


def factsheet_html(request: HttpRequest, country: Country) -> str:
    """The factsheet of ``country`` as the HTML WeasyPrint lays out."""
    return render_to_string(
        "countries/factsheet.html",
        {
            "profile": get_cached_profile(country),
            "rows_shown": 0,  # every row on paper
            "rows_slice": ":",
            "country": country,
            "LANGUAGE_CODE": translation.get_language() or "en",
            "permalink": request.build_absolute_uri(
                reverse("countries:profile", args=[country.iso2.lower()])
            ),
        },
        request=request,
    )


def factsheet_pdf(request: HttpRequest, iso2: str) -> HttpResponse:
    country = _country(iso2)
    language = translation.get_language() or "en"
    html = factsheet_html(request, country)
    pdf = html_to_pdf(html, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"vigie-{slugify(country.name_en)}-{language}.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
