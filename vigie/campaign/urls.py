from django.urls import URLPattern, URLResolver, path

from vigie.campaign import staff_views, views

app_name = "campaign"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.home, name="home"),
    path("timeline/embed/", views.timeline_embed, name="timeline_embed"),
    path("calls/<int:pk>/", views.call_detail, name="call"),
    path("calls/<int:pk>/offline-form/", views.offline_form, name="offline_form"),
    path("calls/<int:pk>/upload/", views.offline_upload, name="offline_upload"),
    path("application/<str:token>/", views.application_by_link, name="application"),
    path("applications/<int:pk>/", views.application_detail, name="application_detail"),
    path("cities.json", views.cities, name="cities"),
    path("actions/", views.actions, name="actions"),
    path("archive/", views.archive, name="archive"),
    path("<int:year>/report.pdf", views.year_report_pdf, name="year_report"),
    path("reviews/", staff_views.reviews, name="reviews"),
    path("reviews/<int:pk>/", staff_views.review, name="review"),
    path("staff/", staff_views.staff_home, name="staff"),
    *staff_views.CALL_PAGES.urls("staff/calls"),
    path("staff/applications/<int:pk>/", staff_views.staff_application, name="staff_application"),
]
