from django.urls import URLPattern, URLResolver, path

from vigie.atlas import views

app_name = "atlas"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.map_page, name="map"),
    path("map.json", views.map_json, name="map_json"),
    path("measures/", views.list_page, name="list"),
    path("measures.csv", views.export_csv, name="export_csv"),
    path("measures.json", views.export_json, name="export_json"),
    path("measures/new/", views.measure_edit, name="measure_new"),
    path("measures/import/", views.import_page, name="import"),
    path("measures/<slug:code>/", views.measure_page, name="measure"),
    path("measures/<slug:code>/edit/", views.measure_edit, name="measure_edit"),
    path("measures/<slug:code>/revert/<int:number>/", views.measure_revert, name="measure_revert"),
    path("jurisdictions/<str:code>/", views.jurisdiction_page, name="jurisdiction"),
]
