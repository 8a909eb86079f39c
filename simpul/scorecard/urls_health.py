"""The agreement's collaboration-health tab, under /kerja-sama/<agreement_pk>/kesehatan/."""

from django.urls import path

from . import views_health

app_name = "health"

urlpatterns = [
    path("", views_health.agreement_health, name="agreement"),
]
