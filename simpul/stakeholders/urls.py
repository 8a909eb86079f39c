"""The agreement's stakeholder register, under /kerja-sama/<pk>/pemangku-kepentingan/."""

from .views import urlpatterns as urlpatterns

app_name = "stakeholders"
