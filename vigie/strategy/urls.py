from django.urls import path

from vigie.strategy import views

app_name = "strategy"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("public/", views.public_dashboard, name="public"),
    path("plan/", views.plan_detail, name="plan"),
    path("measures/<slug:code>/", views.measure_detail, name="measure"),
    path("measures/<slug:code>/embed/", views.measure_embed, name="measure_embed"),
    path("report/", views.report, name="report"),
    path("report.pdf", views.report_pdf, name="report_pdf"),
    path("staff/review-queue/", views.review_queue, name="review_queue"),
    *views.ACTIVITY_PAGES.urls("staff/activities"),
]
