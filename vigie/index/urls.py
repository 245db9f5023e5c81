from django.urls import path

from vigie.index import staff_views, views

app_name = "index"

urlpatterns = [
    path("", views.home, name="home"),
    path("staff/", staff_views.staff_editions, name="staff_editions"),
    path("staff/<slug:slug>/", staff_views.staff_edition, name="staff_edition"),
    path("staff/<slug:slug>/compute/", staff_views.staff_compute, name="staff_compute"),
    path("staff/<slug:slug>/progress/", staff_views.staff_progress, name="staff_progress"),
    path("staff/<slug:slug>/publish/", staff_views.staff_publish, name="staff_publish"),
    path("<slug:slug>/", views.edition, name="edition"),
    path("<slug:slug>/embed/", views.ranking_embed, name="ranking_embed"),
    path("<slug:slug>/map/", views.edition_map, name="map"),
    path("<slug:slug>/map/embed/", views.map_embed, name="map_embed"),
    path("<slug:slug>/methodology/", views.methodology, name="methodology"),
    path("<slug:slug>/reweight/", views.reweight, name="reweight"),
    path("<slug:slug>/inputs.csv", views.inputs, name="inputs"),
    path("<slug:slug>/results.<str:fmt>", views.download, name="download"),
    path("<slug:slug>/<str:unit_code>/", views.unit, name="unit"),
    path("<slug:slug>/<str:unit_code>/embed/", views.unit_embed, name="unit_embed"),
]
