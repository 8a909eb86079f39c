"""The complaints inbox of the responsible organisations, under /kelola-pengaduan/."""

app_name = "complaints"

urlpatterns: list = []
