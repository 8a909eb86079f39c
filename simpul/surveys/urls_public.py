"""Public surveys, under /survei/."""

from .views_public import urlpatterns as urlpatterns

app_name = "surveys_public"
