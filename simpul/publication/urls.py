"""Publication decisions of one agreement, under /kerja-sama/<agreement_pk>/publikasi/."""

from .views import urlpatterns as urlpatterns

app_name = "publication"
