from django.urls import URLPattern, URLResolver, path

from vigie.index import views, views_edit

app_name = "index"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.home, name="home"),
    path("new/", views_edit.edition_new, name="edition_new"),
    path("<int:edition_id>/", views.rankings, name="rankings"),
    path("<int:edition_id>/map/", views.map_view, name="map"),
    path("<int:edition_id>/methodology/", views.methodology, name="methodology"),
    path("<int:edition_id>/reweight/", views.reweight, name="reweight"),
    path("<int:edition_id>/country/<str:unit_code>/", views.profile, name="profile"),
    path("<int:edition_id>/results.csv", views.results_csv, name="results_csv"),
    path("<int:edition_id>/results.json", views.results_json, name="results_json"),
    path("<int:edition_id>/inputs.csv", views.inputs_csv, name="inputs_csv"),
    path("<int:edition_id>/spec.toml", views.spec_text, name="spec"),
    path("<int:edition_id>/manage/", views_edit.manage, name="manage"),
    path("<int:edition_id>/compute/", views_edit.compute, name="compute"),
    path("<int:edition_id>/progress/", views_edit.progress, name="progress"),
    path("<int:edition_id>/publish/", views_edit.publish, name="publish"),
]
