from django.urls import URLPattern, URLResolver, path

from vigie.opendata import views

app_name = "opendata"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.home, name="home"),
    path("staff/release/", views.staff, name="staff"),
    path("<slug:slug>/", views.dataset_page, name="dataset"),
    path("<slug:slug>/<str:version>/<str:name>", views.release_file, name="file"),
]
