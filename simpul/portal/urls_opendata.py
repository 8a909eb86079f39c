"""Open data downloads and the DCAT catalogue, under /data/."""

app_name = "opendata"

urlpatterns: list = []
