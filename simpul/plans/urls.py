"""URLs of a cooperation plan, mounted under /kerja-sama/<agreement_pk>/rencana/."""

from .views import urlpatterns as urlpatterns

app_name = "plans"
