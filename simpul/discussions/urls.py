"""Discussions, under /diskusi/."""

from .views import urlpatterns as urlpatterns

app_name = "discussions"
