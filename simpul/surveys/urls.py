"""Managing an agreement's surveys, under /kerja-sama/<agreement_pk>/survei/."""

from .views import urlpatterns as urlpatterns

app_name = "surveys"
