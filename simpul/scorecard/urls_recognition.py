"""Recognition ("apresiasi"), under /publik/apresiasi/: public, more for signed-in readers."""

from django.urls import path

from . import views_health

app_name = "recognition"

urlpatterns = [
    path("", views_health.recognition_list, name="list"),
    path("<int:pk>/", views_health.recognition_organization, name="organization"),
]
