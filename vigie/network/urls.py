from django.urls import URLPattern, URLResolver, path

from vigie.network import election_views, views

app_name = "network"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.directory, name="directory"),
    path("directory.json", views.directory_json, name="directory_json"),
    path("my-organisation/", views.my_organisation, name="my_organisation"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation"),
    path("organisations/<slug:slug>/edit/", views.organisation_edit, name="organisation_edit"),
    path("contacts/", views.contact_list, name="contacts"),
    path("contacts/<int:pk>/export.json", views.contact_export, name="contact_export"),
    path("contacts/<int:pk>/erase/", views.contact_erase, name="contact_erase"),
    path("media/", views.media, name="media"),
    path("funding/", views.funding, name="funding"),
    path("mentoring/", views.mentoring, name="mentoring"),
    path("elections/", views.election_list, name="elections"),
    path("elections/<int:pk>/", views.election_detail, name="election"),
    path("elections/<int:pk>/vote/", views.election_vote, name="election_vote"),
    path("elections/<int:pk>/results/", views.election_results, name="election_results"),
    path("elections/staff/", election_views.election_staff, name="election_staff"),
    path("elections/<int:pk>/manage/", election_views.election_manage, name="election_manage"),
    path("elections/<int:pk>/status/", election_views.election_status, name="election_status"),
]
