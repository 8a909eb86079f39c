"""Open data downloads and the DCAT catalogue, under /data/."""

from django.urls import path, register_converter

from . import views_opendata as views


class FormatConverter:
    regex = "csv|json|geojson"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(FormatConverter, "datafmt")

app_name = "opendata"

urlpatterns = [
    path("", views.index, name="index"),
    path("kamus-data/", views.dictionary, name="dictionary"),
    path("katalog.jsonld", views.catalog, name="catalog"),
    path("simpul-data-terbuka.zip", views.bulk, name="bulk"),
    path("<slug:name>.<datafmt:fmt>", views.dataset, name="dataset"),
]
