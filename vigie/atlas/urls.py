from django.urls import URLPattern, URLResolver

app_name = "atlas"

urlpatterns: list[URLPattern | URLResolver] = []
