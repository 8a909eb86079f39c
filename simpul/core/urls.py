from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("tentang/", views.about, name="about"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
]
