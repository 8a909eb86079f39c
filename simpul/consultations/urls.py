"""Managing an agreement's consultations, under /kerja-sama/<agreement_pk>/konsultasi/."""

from .views import urlpatterns as urlpatterns

app_name = "consultations"
