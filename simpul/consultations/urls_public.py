"""Public consultations, under /konsultasi/."""

from .views_public import urlpatterns as urlpatterns

app_name = "consultations_public"
