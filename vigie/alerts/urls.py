from django.urls import URLPattern, URLResolver, path

from vigie.alerts import views

app_name = "alerts"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.subscribe, name="subscribe"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("staff/", views.staff, name="staff"),
]
