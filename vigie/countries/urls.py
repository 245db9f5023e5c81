from django.urls import URLPattern, URLResolver

app_name = "countries"

urlpatterns: list[URLPattern | URLResolver] = []
