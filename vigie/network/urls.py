from django.urls import URLPattern, URLResolver, path

from vigie.network import election_views, staff_views, views

app_name = "network"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.directory, name="directory"),
    path("map/embed/", views.directory_embed, name="directory_embed"),
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
    path("staff/organisations/new/", staff_views.organisation_new, name="organisation_new"),
    path(
        "organisations/<slug:slug>/membership/",
        staff_views.organisation_status,
        name="organisation_status",
    ),
    path("contacts/new/", staff_views.contact_new, name="contact_new"),
    path("contacts/<int:pk>/consent/", staff_views.contact_consent, name="contact_consent"),
    path("media/journalists/new/", staff_views.journalist_new, name="journalist_new"),
    path("media/interactions/new/", staff_views.interaction_new, name="interaction_new"),
    path("media/coverage/new/", staff_views.coverage_new, name="coverage_new"),
    path("funding/funders/new/", staff_views.funder_new, name="funder_new"),
    path("funding/grants/new/", staff_views.grant_new, name="grant_new"),
    path("mentoring/new/", staff_views.mentoring_new, name="mentoring_new"),
    path("mentoring/check-ins/new/", staff_views.check_in_new, name="check_in_new"),
    *staff_views.CONTACT_PAGES.urls("contacts", create=False),
    *staff_views.JOURNALIST_PAGES.urls("media/journalists", create=False),
    *staff_views.OUTLET_PAGES.urls("media/outlets"),
    *staff_views.COVERAGE_PAGES.urls("media/coverage", create=False),
    *staff_views.FUNDER_PAGES.urls("funding/funders", create=False),
    *staff_views.MENTORING_PAGES.urls("mentoring/pairs", create=False),
    path("elections/", views.election_list, name="elections"),
    path("elections/<int:pk>/", views.election_detail, name="election"),
    path("elections/<int:pk>/vote/", views.election_vote, name="election_vote"),
    path("elections/<int:pk>/results/", views.election_results, name="election_results"),
    path("elections/staff/", election_views.election_staff, name="election_staff"),
    path("elections/<int:pk>/manage/", election_views.election_manage, name="election_manage"),
    path("elections/<int:pk>/status/", election_views.election_status, name="election_status"),
]
