from django.urls import URLPattern, URLResolver

app_name = "un"

urlpatterns: list[URLPattern | URLResolver] = []
