"""Public governance scorecard and national ranking, under /publik/tata-kelola/."""

from django.urls import path

from . import views

app_name = "scorecard"

urlpatterns = [
    path("", views.ranking, name="ranking"),
    path("wilayah/<str:code>/", views.region, name="region"),
]
