"""Regional and national monitoring overview, mounted at /pemantauan/."""

from .views.overview import urlpatterns as urlpatterns

app_name = "monitoring_overview"
