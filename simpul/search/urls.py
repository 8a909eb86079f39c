"""The members' search, under /cari/ (the public one is the portal's /publik/cari/)."""

from django.urls import path

from . import views

app_name = "search"

urlpatterns = [path("", views.search_page, name="search")]
