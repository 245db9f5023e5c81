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
    path("rounds/<int:pk>/status/", views.round_status, name="round_status"),
    path("rounds/<int:pk>/counts.json", views.round_counts, name="round_counts"),
    path("staff/", views.staff, name="staff"),
    *views.SURVEY_PAGES.urls("staff/surveys"),
    path("<slug:slug>/versions/new/", views.version_new, name="version_new"),
    path("versions/<int:pk>/", views.version_edit, name="version_edit"),
    path("questions/<int:pk>/", views.question_edit, name="question_edit"),
    path("questions/<int:pk>/delete/", views.question_delete, name="question_delete"),
    path("<slug:slug>/compare/", views.compare, name="compare"),
]
