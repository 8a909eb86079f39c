"""URLs of an agreement's periodic reports, mounted under /kerja-sama/<agreement_pk>/laporan/."""

from .views import urlpatterns as urlpatterns

app_name = "reports"
