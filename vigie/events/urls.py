from django.urls import URLPattern, URLResolver, path

from vigie.events import staff_views, views

app_name = "events"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.event_list, name="list"),
    path("calendar.ics", views.feed_ics, name="feed"),
    path("series/<slug:slug>/", views.series_detail, name="series"),
    path("series/<slug:slug>/calendar.ics", views.series_ics, name="series_ics"),
    path("mine/", views.my_registrations, name="mine"),
    path("registration/<str:token>/", views.registration_page, name="registration"),
    path(
        "registration/<str:token>/confirm/", views.registration_confirm, name="registration_confirm"
    ),
    path("registration/<str:token>/cancel/", views.registration_cancel, name="registration_cancel"),
    path("registration/<str:token>/calendar.ics", views.registration_ics, name="registration_ics"),
    path("staff/", staff_views.staff_home, name="staff_home"),
    path("staff/new/", staff_views.event_create, name="staff_create"),
    *staff_views.SERIES_PAGES.urls("staff/series"),
    *staff_views.PERSON_PAGES.urls("staff/people"),
    path("staff/<slug:slug>/", staff_views.event_registrations, name="staff_registrations"),
    path("staff/<slug:slug>/edit/", staff_views.event_edit, name="staff_edit"),
    path("staff/<slug:slug>/duplicate/", staff_views.event_duplicate, name="staff_duplicate"),
    path("staff/<slug:slug>/registrations.csv", staff_views.registrations_csv, name="staff_csv"),
    path("staff/<slug:slug>/email/", staff_views.email_registrants_view, name="staff_email"),
    path("staff/<slug:slug>/attendance/", staff_views.attendance, name="staff_attendance"),
    path("staff/<slug:slug>/materials/", staff_views.materials, name="staff_materials"),
    path("staff/<slug:slug>/programme/", staff_views.programme, name="staff_programme"),
    path(
        "staff/<slug:slug>/programme/<int:pk>/",
        staff_views.programme_item,
        name="staff_programme_item",
    ),
    path(
        "staff/<slug:slug>/programme/<int:pk>/move/",
        staff_views.programme_move,
        name="staff_programme_move",
    ),
    path(
        "staff/<slug:slug>/programme/<int:pk>/delete/",
        staff_views.programme_delete,
        name="staff_programme_delete",
    ),
    path(
        "staff/<slug:slug>/credits/<int:pk>/remove/",
        staff_views.contribution_remove,
        name="staff_credit_remove",
    ),
    path("staff/<slug:slug>/questions/", staff_views.questions, name="staff_questions"),
    path(
        "staff/<slug:slug>/questions/<int:pk>/",
        staff_views.question_edit,
        name="staff_question_edit",
    ),
    path("staff/<slug:slug>/preview/", staff_views.preview, name="staff_preview"),
    path("<slug:slug>/", views.event_detail, name="detail"),
    path("<slug:slug>/register/", views.register, name="register"),
    path("<slug:slug>/calendar.ics", views.event_ics, name="ics"),
]
