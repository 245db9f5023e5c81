from django.urls import URLPattern, URLResolver, path

from vigie.un import staff_views, views

app_name = "un"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.home, name="home"),
    path("tracker/", views.tracker, name="tracker"),
    path("codebook/", views.codebook, name="codebook"),
    path("votes/<int:pk>/", views.vote_detail, name="vote"),
    path("votes/<int:pk>/embed/", views.vote_embed, name="vote_embed"),
    path("votes/<int:pk>/csv/", views.vote_csv, name="vote_csv"),
    path("sessions/<int:pk>/", views.session_detail, name="session"),
    path("sessions/<int:pk>/csv/", views.session_csv, name="session_csv"),
    path("joint-statements/<str:code>/", views.joint_statement_detail, name="joint_statement"),
    path("milestones/<str:code>/", views.milestone_detail, name="milestone"),
    path(
        "staff/milestones/<str:code>/judgement/",
        staff_views.milestone_judgement,
        name="milestone_judgement",
    ),
    path("countries/", views.country_list, name="countries"),
    path("countries/<str:iso2>/", views.country_detail, name="country"),
    path("staff/statements/new/", staff_views.statement_new, name="statement_new"),
    path("staff/votes/<int:pk>/roll-call/", staff_views.roll_call, name="roll_call"),
    path(
        "staff/joint-statements/new/", staff_views.joint_statement_new, name="joint_statement_new"
    ),
    path("staff/second-coding/", staff_views.review_list, name="review"),
    path("staff/data-issues/", staff_views.data_issues, name="data_issues"),
    *staff_views.SESSION_PAGES.urls("staff/sessions"),
    *staff_views.MEETING_PAGES.urls("staff/meetings"),
    *staff_views.VOTE_PAGES.urls("staff/votes"),
    *staff_views.STATEMENT_PAGES.urls("staff/statements", create=False),
    *staff_views.CODING_PAGES.urls("staff/codings"),
    *staff_views.JOINT_STATEMENT_PAGES.urls("staff/joint-statements", create=False),
    *staff_views.MILESTONE_PAGES.urls("staff/milestones"),
]
