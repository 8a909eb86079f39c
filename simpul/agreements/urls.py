"""URLs of the agreements app. Each area keeps its patterns beside its views (views/<area>.py)
and is listed here."""

from .views import urlpatterns_by_area

app_name = "agreements"

urlpatterns = urlpatterns_by_area()
