from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("masuk/", views.login, name="login"),
    path("keluar/", views.logout, name="logout"),
    path("sandi/lupa/", views.password_reset, name="password-reset"),
    path("sandi/lupa/terkirim/", views.password_reset_done, name="password-reset-done"),
    path(
        "sandi/atur/<uidb64>/<token>/",
        views.password_reset_confirm,
        name="password-reset-confirm",
    ),
    path("sandi/atur/selesai/", views.password_reset_complete, name="password-reset-complete"),
    path("sandi/ubah/", views.password_change, name="password-change"),
    path("profil/", views.profile, name="profile"),
]
