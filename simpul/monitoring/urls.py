"""URLs of an agreement's monitoring, mounted under /kerja-sama/<agreement_pk>/pemantauan/.
Each area keeps its patterns beside its views (views/<area>.py)."""

from .views import urlpatterns_by_area

app_name = "monitoring"

urlpatterns = urlpatterns_by_area()
