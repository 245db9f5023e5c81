from django.urls import path

from vigie.countries import views

app_name = "countries"

urlpatterns = [
    path("", views.country_list, name="list"),
    path("<str:iso2>/", views.profile, name="profile"),
    path("<str:iso2>/factsheet.pdf", views.factsheet_pdf, name="factsheet"),
]
