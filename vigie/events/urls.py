from django.urls import URLPattern, URLResolver, path

from vigie.events import views

app_name = "events"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.event_list, name="list"),
    path("<slug:slug>/", views.event_detail, name="detail"),
    path("r/<str:token>/", views.registration_page, name="registration"),
]
