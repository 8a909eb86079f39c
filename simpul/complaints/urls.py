"""The complaints inbox of the responsible organisations, under /kelola-pengaduan/."""

from .views import urlpatterns as urlpatterns

app_name = "complaints"
