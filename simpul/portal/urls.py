"""The public portal, under /publik/."""

app_name = "portal"

urlpatterns: list = []
