"""The public complaint form and tracking, under /pengaduan/."""

app_name = "complaints_public"

urlpatterns: list = []
