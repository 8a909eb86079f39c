"""The public complaint form and tracking, under /pengaduan/."""

from .views_public import urlpatterns as urlpatterns

app_name = "complaints_public"
