"""Citizens' ideas on the portal, under /publik/ide/."""

from .views_public import urlpatterns as urlpatterns

app_name = "ideas_public"
