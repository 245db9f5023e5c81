from django.urls import URLPattern, URLResolver, path

from vigie.workspace import correction_views, views

app_name = "workspace"
urlpatterns: list[URLPattern | URLResolver] = [
    path("staff/", views.staff_home, name="staff"),
    path("staff/corrections/", correction_views.correction_queue, name="correction_queue"),
    path(
        "staff/corrections/<int:pk>/",
        correction_views.correction_review,
        name="correction_review",
    ),
    path("me/", views.member_space, name="me"),
    path("me/tokens/", views.token_create, name="token_create"),
    path("me/tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path(
        "me/atlas/<slug:code>/correct/",
        correction_views.propose_measure_correction,
        name="propose_correction",
    ),
    path(
        "me/atlas/countries/<str:iso2>/propose/",
        correction_views.propose_new_measure,
        name="propose_measure",
    ),
    path("me/corrections/<int:pk>/", correction_views.correction_detail, name="correction"),
]
