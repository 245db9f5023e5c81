from django.urls import URLPattern, URLResolver, path

from vigie.surveys import views

app_name = "surveys"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
    path("answer/<str:token>/", views.answer, name="answer"),
    path("rounds/<int:pk>/results/", views.round_results, name="results"),
    path("rounds/<int:pk>/export.csv", views.export_csv, name="export"),
    path("rounds/<int:pk>/manage/", views.round_admin, name="round_admin"),
    path("rounds/<int:pk>/invite/", views.invite_members, name="invite"),
    path("rounds/<int:pk>/remind/", views.remind, name="remind"),
    path("<slug:slug>/compare/", views.compare, name="compare"),
]
