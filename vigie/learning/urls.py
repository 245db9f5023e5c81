from django.urls import URLPattern, URLResolver, path

from vigie.learning import staff_views, views

app_name = "learning"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.course_list, name="list"),
    path("mine/", views.my_courses, name="mine"),
    path("access/<str:token>/", views.access, name="access"),
    path("verify/", views.verify, name="verify"),
    path("certificates/<str:code>.pdf", views.certificate_pdf, name="certificate_pdf"),
    path("staff/", staff_views.staff_home, name="staff_home"),
    path("staff/<slug:slug>/", staff_views.course_edit, name="staff_course"),
    path("staff/<slug:slug>/publish/", staff_views.course_publish, name="staff_publish"),
    path("staff/<slug:slug>/analytics/", staff_views.analytics, name="staff_analytics"),
    path("staff/<slug:slug>/modules/new/", staff_views.module_edit, name="staff_module_new"),
    path("staff/<slug:slug>/modules/<int:pk>/", staff_views.module_edit, name="staff_module"),
    path(
        "staff/<slug:slug>/modules/<int:module_pk>/lessons/new/",
        staff_views.lesson_edit,
        name="staff_lesson_new",
    ),
    path(
        "staff/<slug:slug>/modules/<int:module_pk>/lessons/<int:pk>/",
        staff_views.lesson_edit,
        name="staff_lesson",
    ),
    path(
        "staff/<slug:slug>/modules/<int:module_pk>/questions/new/",
        staff_views.question_edit,
        name="staff_question_new",
    ),
    path(
        "staff/<slug:slug>/modules/<int:module_pk>/questions/<int:pk>/",
        staff_views.question_edit,
        name="staff_question",
    ),
    path("<slug:slug>/", views.course_detail, name="course"),
    path("<slug:slug>/enrol/", views.enrol, name="enrol"),
    path("<slug:slug>/continue/", views.resume, name="resume"),
    path("<slug:slug>/lessons/<int:pk>/", views.lesson, name="lesson"),
    path("<slug:slug>/lessons/<int:pk>/done/", views.lesson_done, name="lesson_done"),
    path("<slug:slug>/modules/<int:pk>/quiz/", views.quiz, name="quiz"),
    path("<slug:slug>/import/", views.import_code, name="import"),
    path("<slug:slug>/offline.zip", views.offline_package, name="offline"),
]
