from django.urls import path

from . import views

app_name = "regions"

urlpatterns = [
    path("", views.region_list, name="region-list"),
    # Before the region patterns: "peta-dasar" is not a region code.
    path("peta-dasar/<slug:level>.geojson", views.base_layer, name="base-layer"),
    path("<str:code>/", views.region_detail, name="region-detail"),
    path("<str:code>/peta.geojson", views.region_geojson, name="region-geojson"),
]
