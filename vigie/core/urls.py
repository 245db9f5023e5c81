from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from vigie.core import views
from vigie.core.staff_forms import SOURCE_PAGES

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "staff/history/<str:app_label>/<str:model_name>/<str:pk>/",
        views.object_history,
        name="object_history",
    ),
    path("staff/reviews/<str:kind>/<str:key>/", views.review_subject, name="review"),
    *SOURCE_PAGES.urls("staff/sources"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password-reset/",
        auth_views.PasswordResetView.as_view(
            success_url=reverse_lazy("core:password_reset_done"),
            email_template_name="registration/password_reset_email.txt",
        ),
        name="password_reset",
    ),
    path(
        "accounts/password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            success_url=reverse_lazy("core:password_reset_complete")
        ),
        name="password_reset_confirm",
    ),
    path(
        "accounts/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
