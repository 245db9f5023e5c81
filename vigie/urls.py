"""Root URLs: language-prefixed pages (/en/ /fr/ /es/), plus the admin, health and API."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from vigie.core.views import healthz, serve_upload

admin.site.site_header = "Vigie"
admin.site.site_title = "Vigie"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # Uploaded files (event materials), always as downloads with nosniff: see vigie.core.uploads.
    path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", serve_upload, name="upload"),
    path("admin/", admin.site.urls),
    path("api/", include("vigie.api.urls")),
    path("favicon.ico", RedirectView.as_view(url="/static/img/favicon.svg", permanent=True)),
]

urlpatterns += i18n_patterns(
    path("", include("vigie.core.urls")),
    path("atlas/", include("vigie.atlas.urls")),
    path("index/", include("vigie.index.urls")),
    path("un/", include("vigie.un.urls")),
    path("network/", include("vigie.network.urls")),
    path("surveys/", include("vigie.surveys.urls")),
    path("events/", include("vigie.events.urls")),
    path("learning/", include("vigie.learning.urls")),
    path("campaign/", include("vigie.campaign.urls")),
    path("strategy/", include("vigie.strategy.urls")),
    path("countries/", include("vigie.countries.urls")),
    path("opendata/", include("vigie.opendata.urls")),
    path("alerts/", include("vigie.alerts.urls")),
    prefix_default_language=True,
)
