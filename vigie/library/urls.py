from django.urls import URLPattern, URLResolver, path

from vigie.library import staff_views, views

app_name = "library"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.publication_list, name="list"),
    path("feed.atom", views.feed, name="feed"),
    path("staff/", staff_views.staff_home, name="staff_home"),
    path("staff/new/", staff_views.publication_create, name="staff_create"),
    path("staff/<slug:slug>/", staff_views.publication_edit, name="staff_edit"),
    path("staff/<slug:slug>/publish/", staff_views.publication_publish, name="staff_publish"),
    path("staff/<slug:slug>/plan/", staff_views.dissemination_plan, name="staff_plan"),
    path(
        "staff/<slug:slug>/plan/steps/<int:step_id>/delete/",
        staff_views.dissemination_step_delete,
        name="staff_step_delete",
    ),
    path("<slug:slug>/", views.publication_detail, name="detail"),
    path("<slug:slug>/cite.<str:fmt>", views.publication_citation, name="citation"),
]
