from django.urls import path

from . import views

app_name = "potentials"

urlpatterns = [
    path("istilah/<slug:term>/", views.term_regions, name="term-regions"),
    path("<str:code>/", views.region_records, name="region"),
    path("<str:code>/tambah/", views.record_create, name="record-create"),
    path("<str:code>/terbitkan/", views.region_publish, name="publish"),
    path("<str:code>/mitra/", views.partner_finder, name="finder"),
    path("<str:code>/mitra/<str:partner>/", views.partner_candidate, name="candidate"),
]
