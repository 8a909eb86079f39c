"""The ideas board, under /ide/."""

from .views import urlpatterns as urlpatterns

app_name = "ideas"
