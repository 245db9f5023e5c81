from django.urls import URLPattern, URLResolver, path

from vigie.workspace import views

app_name = "workspace"
urlpatterns: list[URLPattern | URLResolver] = [
    path("staff/", views.staff_home, name="staff"),
    path("me/", views.member_space, name="me"),
    path("me/tokens/", views.token_create, name="token_create"),
    path("me/tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
]
